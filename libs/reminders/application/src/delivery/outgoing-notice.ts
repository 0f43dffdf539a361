import { createHash } from 'node:crypto';
import type { Audience } from '@budgetflow/reminders-domain';

/** One notice ready to go out on every channel of one audience. */
export interface OutgoingNotice {
  /** The job id it came from: unique per reminder, the key of the delivery ledger. */
  reminderKey: string;
  audience: Audience;
  /** `reminder` / `warning` / `confirmation` / `digest`. */
  kind: string;
  title: string;
  body: string;
  /** Figures for machines (webhooks, inbox UI): decimal strings, never floats. */
  figures: Record<string, unknown>;
}

/** The key a receiver deduplicates on: the same for every try of one reminder to one recipient on one channel. */
export const idempotencyKeyOf = (reminderKey: string, channel: string, recipient: string): string =>
  createHash('sha256').update(`${reminderKey}\n${channel}\n${recipient}`).digest('hex').slice(0, 40);
