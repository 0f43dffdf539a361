import type { ServiceConfig } from '@budgetflow/platform';

export interface RemindersOptions {
  /** BullMQ on this Redis; absent → the in-process scheduler. */
  redisUrl?: string;
  /** Key prefix of the BullMQ queues (lets tests and environments share one Redis). */
  queuePrefix: string;
  /** Run the planner and process jobs in this process (the embedded default); false → routes only. */
  runWorker: boolean;
  smtpUrl?: string;
  mailFrom: string;
  webhookMaxAttempts: number;
  webhookRetryBaseMs: number;
  /** Full reconcile of the queue from Postgres every … ms; 0 → only at start and when called. */
  reconcileIntervalMs: number;
  /** A reminder missed (e.g. while Redis was down) still goes out if it is at most this late. */
  missedGraceMs: number;
  /** In-process scheduler: how often due jobs are looked for. */
  tickMs: number;
  /** Hosts, addresses and CIDRs webhooks may reach although private or loopback (`WEBHOOK_ALLOWED_HOSTS`). */
  webhookAllowedHosts: readonly string[];
  /** Webhooks per audience at most (`WEBHOOKS_PER_AUDIENCE`). */
  webhooksPerAudience: number;
  /** One webhook try (connect and answer) at most this long. */
  webhookTimeoutMs: number;
  /** Consecutive failures after which an endpoint's circuit opens, and how long it stays open. */
  webhookCircuitFailures: number;
  webhookCircuitOpenMs: number;
}

export const remindersOptionsFrom = (config: ServiceConfig): RemindersOptions => ({
  redisUrl: config.redisUrl,
  queuePrefix: config.reminders.queuePrefix,
  runWorker: config.reminders.runWorker,
  smtpUrl: config.reminders.smtpUrl,
  mailFrom: config.reminders.mailFrom,
  webhookMaxAttempts: config.reminders.webhookMaxAttempts,
  webhookRetryBaseMs: config.reminders.webhookRetryBaseMs,
  reconcileIntervalMs: config.reminders.reconcileIntervalMs,
  missedGraceMs: 3 * 24 * 60 * 60 * 1000,
  tickMs: 1000,
  webhookAllowedHosts: config.security.webhookAllowedHosts,
  webhooksPerAudience: config.security.webhooksPerAudience,
  webhookTimeoutMs: 5_000,
  webhookCircuitFailures: 5,
  webhookCircuitOpenMs: 60_000,
});
