import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  reminderKey: string;
  messageId: string;
  raw: string;
}

/** A real local SMTP server (smtp-server) that keeps what it accepts. */
export async function startSmtpReceiver(options: { holdFirst?: boolean } = {}): Promise<{ url: string; mails: ReceivedMail[]; held: string[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  /** Reminder keys of messages received but never acknowledged (`holdFirst`): not delivered. */
  const held: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    closeTimeout: 500,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const header = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(raw)?.[1].trim() ?? '';
        if (options.holdFirst && held.length === 0) {
          held.push(header('X-Budgetflow-Reminder-Key'));
          return; // never answered
        }
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), reminderKey: header('X-Budgetflow-Reminder-Key'), messageId: header('Message-ID'), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, held, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A local HTTP receiver for webhooks; `answer(path, n)` says what the n-th call (1-based) to a path answers.
 */
export async function startWebhookReceiver(answer: (path: string, call: number) => number = () => 200): Promise<{ url: string; hooks: ReceivedHook[]; close(): Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const calls = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const call = (calls.get(path) ?? 0) + 1;
      calls.set(path, call);
      const status = answer(path, call);
      hooks.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hooks, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
