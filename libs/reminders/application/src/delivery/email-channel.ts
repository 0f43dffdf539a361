import { Inject, Injectable, Optional } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import { MAIL_SENDER, REMINDERS_OPTIONS } from '../tokens';
import type { RemindersOptions } from '../reminders-options';
import { type OutgoingNotice, idempotencyKeyOf } from './outgoing-notice';
import { type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Deterministic per (reminder, recipient): a receiving system can drop a resend after a crash. */
  messageId: string;
  headers: Record<string, string>;
}

/** Sends one message; nodemailer over `SMTP_URL` in the app. */
export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close?(): void;
}

export interface Contact {
  id: string;
  name: string;
  email: string;
}

/**
 * Email to an audience's contacts through the ledger: a (reminder, email) pair already delivered is skipped;
 * the row is written as `sending` before and `delivered` after the SMTP exchange. A crash between the SMTP
 * server's acceptance and the update is the one window where a message can go out twice (same Message-ID).
 */
@Injectable()
export class EmailChannel {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    @Optional() @Inject(MAIL_SENDER) private readonly sender?: MailSender,
  ) {}

  get enabled(): boolean {
    return this.sender !== undefined;
  }

  async deliver(notice: OutgoingNotice, contacts: readonly Contact[]): Promise<number> {
    if (!this.sender) return 0;
    let sent = 0;
    for (const contact of contacts) {
      const recipient = contact.email.toLowerCase();
      const key = idempotencyKeyOf(notice.reminderKey, 'email', recipient);
      const now = this.clock();
      await this.sql.query(
        `INSERT INTO reminder_deliveries (reminder_key, channel, recipient, status, idempotency_key, payload, attempts, updated_at)
         VALUES ($1, 'email', $2, 'sending', $3, $4, 0, $5) ON CONFLICT DO NOTHING`,
        [notice.reminderKey, recipient, key, JSON.stringify({ subject: notice.title }), now],
      );
      const row = (
        await this.sql.query<{ status: string }>(`SELECT status FROM reminder_deliveries WHERE reminder_key = $1 AND channel = 'email' AND recipient = $2`, [notice.reminderKey, recipient])
      ).rows[0];
      if (row?.status === 'delivered') continue;
      await this.sql.query(`UPDATE reminder_deliveries SET attempts = attempts + 1, updated_at = $3 WHERE reminder_key = $1 AND channel = 'email' AND recipient = $2`, [
        notice.reminderKey,
        recipient,
        now,
      ]);
      await this.sender.send({
        from: this.options.mailFrom,
        to: `${contact.name} <${contact.email}>`,
        subject: notice.title,
        text: notice.body,
        messageId: `<${key}@budgetflow>`,
        headers: { 'X-Budgetflow-Reminder-Key': notice.reminderKey, 'Idempotency-Key': key },
      });
      await this.sql.query(
        `UPDATE reminder_deliveries SET status = 'delivered', delivered_at = $3, updated_at = $3 WHERE reminder_key = $1 AND channel = 'email' AND recipient = $2`,
        [notice.reminderKey, recipient, this.clock()],
      );
      sent += 1;
    }
    return sent;
  }
}
