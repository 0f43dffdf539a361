import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import { afterFailedAttempt } from '@budgetflow/reminders-domain';
import { REMINDER_SCHEDULER, REMINDERS_OPTIONS } from '../tokens';
import type { RemindersOptions } from '../reminders-options';
import { type ReminderScheduler, webhookAttemptJobId } from '../scheduling/reminder-scheduler.port';
import { type OutgoingNotice, idempotencyKeyOf } from './outgoing-notice';
import { signWebhookBody } from './webhook-signature';
import { type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';

export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
}

interface DeliveryRow {
  status: string;
  attempts: number;
  idempotency_key: string;
  payload: Record<string, unknown>;
}

const TIMEOUT_MS = 10_000;

/**
 * Webhooks through the ledger: one row per (reminder, endpoint) holding the exact body, so every try sends
 * the same JSON with the same `Idempotency-Key`; a failed try is retried with exponential backoff as a
 * delayed job, and after `webhookMaxAttempts` the row is dead-lettered (listed for admins).
 */
@Injectable()
export class WebhookChannel {
  private readonly logger = new Logger('WebhookChannel');

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    @Inject(REMINDER_SCHEDULER) private readonly scheduler: ReminderScheduler,
  ) {}

  async deliver(notice: OutgoingNotice, endpoints: readonly WebhookEndpoint[]): Promise<void> {
    for (const endpoint of endpoints) {
      const key = idempotencyKeyOf(notice.reminderKey, 'webhook', endpoint.id);
      const now = this.clock();
      const payload = {
        id: key,
        reminderKey: notice.reminderKey,
        audience: notice.audience,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        figures: notice.figures,
        createdAt: now.toISOString(),
      };
      const created = await this.sql.query(
        `INSERT INTO reminder_deliveries (reminder_key, channel, recipient, status, idempotency_key, payload, attempts, next_attempt_at, updated_at)
         VALUES ($1, 'webhook', $2, 'retrying', $3, $4, 0, $5, $5) ON CONFLICT DO NOTHING RETURNING attempts`,
        [notice.reminderKey, endpoint.id, key, JSON.stringify(payload), now],
      );
      // A redelivered job finds the row already there; its tries continue on their own schedule.
      if (created.rows.length > 0) await this.attempt(notice.reminderKey, endpoint.id, 1);
    }
  }

  /** Try number `attempt` of one delivery; a stale or duplicate job (row settled or try already made) does nothing. */
  async attempt(reminderKey: string, endpointId: string, attempt: number): Promise<void> {
    const claimed = await this.sql.query<DeliveryRow>(
      `UPDATE reminder_deliveries SET attempts = $3, updated_at = $4
        WHERE reminder_key = $1 AND channel = 'webhook' AND recipient = $2 AND status = 'retrying' AND attempts = $3 - 1
        RETURNING status, attempts, idempotency_key, payload`,
      [reminderKey, endpointId, attempt, this.clock()],
    );
    const row = claimed.rows[0];
    if (!row) return;
    const endpoint = (await this.sql.query<WebhookEndpoint>('SELECT id, url, secret FROM webhook_endpoints WHERE id = $1', [endpointId])).rows[0];
    if (!endpoint) {
      await this.settle(reminderKey, endpointId, 'dead', 'webhook endpoint removed');
      return;
    }
    const body = JSON.stringify(row.payload);
    let failure: string | undefined;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': row.idempotency_key,
          'x-budgetflow-signature': signWebhookBody(endpoint.secret, body, Math.floor(this.clock().getTime() / 1000)),
          'x-budgetflow-attempt': String(attempt),
          'user-agent': 'budgetflow-webhooks/1',
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) failure = `HTTP ${response.status}`;
    } catch (error) {
      failure = (error as Error).message || String(error);
    }
    if (failure === undefined) {
      await this.settle(reminderKey, endpointId, 'delivered');
      return;
    }
    const decision = afterFailedAttempt(attempt, this.options.webhookMaxAttempts, this.options.webhookRetryBaseMs);
    if (!decision.retry) {
      this.logger.warn(`webhook ${endpointId} dead-lettered for ${reminderKey} after ${attempt} tries: ${failure}`);
      await this.settle(reminderKey, endpointId, 'dead', failure);
      return;
    }
    const nextAt = new Date(this.clock().getTime() + decision.delayMs);
    await this.sql.query(
      `UPDATE reminder_deliveries SET last_error = $3, next_attempt_at = $4, updated_at = $5 WHERE reminder_key = $1 AND channel = 'webhook' AND recipient = $2`,
      [reminderKey, endpointId, failure.slice(0, 500), nextAt, this.clock()],
    );
    await this.scheduler.schedule([
      { jobId: webhookAttemptJobId(reminderKey, endpointId, attempt + 1), fireAt: nextAt, job: { type: 'webhook', reminderKey, endpointId, attempt: attempt + 1 } },
    ]);
  }

  private async settle(reminderKey: string, endpointId: string, status: 'delivered' | 'dead', error?: string): Promise<void> {
    const now = this.clock();
    await this.sql.query(
      `UPDATE reminder_deliveries SET status = $3, last_error = $4, next_attempt_at = NULL, delivered_at = CASE WHEN $3 = 'delivered' THEN $5::timestamptz END, updated_at = $5
        WHERE reminder_key = $1 AND channel = 'webhook' AND recipient = $2`,
      [reminderKey, endpointId, status, error?.slice(0, 500) ?? null, now],
    );
  }
}
