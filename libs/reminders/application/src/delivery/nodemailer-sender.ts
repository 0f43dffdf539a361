import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage, MailSender } from './email-channel';

/** `SMTP_URL` (smtp://user:pass@host:port, smtps:// for TLS) through nodemailer, pooled. */
export class NodemailerSender implements MailSender {
  private readonly transport: Transporter;

  constructor(smtpUrl: string) {
    const url = new URL(smtpUrl);
    url.searchParams.set('pool', 'true');
    this.transport = createTransport(url.toString());
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail(message);
  }

  close(): void {
    this.transport.close();
  }
}
