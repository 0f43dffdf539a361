import type { ReminderJob } from '@budgetflow/reminders-domain';

/** A retry of one webhook delivery (the ledger row holds the body, the endpoint and the try count). */
export interface WebhookAttemptJob {
  type: 'webhook';
  reminderKey: string;
  endpointId: string;
  attempt: number;
}

export type QueuedJob = ReminderJob | WebhookAttemptJob;

export interface QueuedEntry {
  /** Deterministic id: adding an id that is already waiting changes nothing (or moves it to `fireAt`). */
  jobId: string;
  fireAt: Date;
  job: QueuedJob;
}

export type JobHandler = (job: QueuedJob) => Promise<void>;

/**
 * Delayed jobs: BullMQ on Redis, or the in-process scheduler behind the same port. Either may lose its jobs
 * (Redis keeps nothing on disk here); the planner puts them back from Postgres.
 */
export interface ReminderScheduler {
  readonly kind: 'bullmq' | 'in-process';
  /** Adds jobs that are not waiting yet and moves waiting ones whose time changed. Idempotent. */
  schedule(entries: readonly QueuedEntry[]): Promise<void>;
  /** Drops waiting jobs (an adjustment removed or moved them). */
  cancel(jobIds: readonly string[]): Promise<void>;
  /** Jobs waiting to fire or firing now: id → fire time. */
  waiting(): Promise<Map<string, Date>>;
}

export const webhookAttemptJobId = (reminderKey: string, endpointId: string, attempt: number): string =>
  ['webhook', encodeURIComponent(reminderKey), encodeURIComponent(endpointId), String(attempt)].join('/');
