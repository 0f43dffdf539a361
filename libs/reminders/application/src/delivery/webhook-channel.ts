import * as http from 'node:http';
import * as https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import { type Clock, CLOCK, SQL_CLIENT } from '@budgetflow/platform';
import { afterFailedAttempt } from '@budgetflow/reminders-domain';
import { REMINDER_SCHEDULER, REMINDERS_OPTIONS } from '../tokens';
import type { RemindersOptions } from '../reminders-options';
import { type QueuedEntry, type ReminderScheduler, webhookAttemptJobId } from '../scheduling/reminder-scheduler.port';
import { type OutgoingNotice, idempotencyKeyOf } from './outgoing-notice';
import { signWebhookBody } from './webhook-signature';
import { type ResolvedTarget, type WebhookAllowList, parseWebhookAllowList, resolveWebhookTarget } from './webhook-target';

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

/** Tries of one endpoint running at once in this process; more wait (are deferred) instead of taking worker slots. */
const MAX_IN_FLIGHT_PER_ENDPOINT = 2;
const DEFER_BUSY_MS = 1_000;

interface Circuit {
  failures: number;
  openUntil: number;
}

/**
 * One POST to the address checked by `resolveWebhookTarget` (the socket connects there whatever DNS says
 * now), redirects not followed (a 3xx is a failure), connect and answer within `timeoutMs`.
 */
const post = (target: ResolvedTarget, headers: Record<string, string>, body: string, timeoutMs: number): Promise<number> =>
  new Promise((resolve, reject) => {
    const pinned: LookupFunction = (_host, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const request = (target.url.protocol === 'https:' ? https : http).request(target.url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinned,
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    request.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        clearTimeout(timer);
        resolve(response.statusCode ?? 0);
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });

/**
 * Webhooks through the ledger: one row per (reminder, endpoint) holding the exact body, so every try sends
 * the same JSON with the same `Idempotency-Key`; a failed try is retried with exponential backoff as a
 * delayed job, and after `webhookMaxAttempts` the row is dead-lettered (listed for admins).
 *
 * Isolation (issue 15): every try is a job of its own on the deliveries queue (the first one too), so a
 * reminder job only writes the ledger rows and one department's dead endpoint never holds another's
 * reminder; a try takes at most `webhookTimeoutMs`; at most two tries of one endpoint run at once in a
 * process; after `webhookCircuitFailures` failures in a row an endpoint's circuit opens and its tries wait
 * `webhookCircuitOpenMs` without using a slot or a try. Each try re-checks the target after DNS (SSRF guard).
 */
@Injectable()
export class WebhookChannel {
  private readonly logger = new Logger('WebhookChannel');
  private readonly allowList: WebhookAllowList;
  private readonly circuits = new Map<string, Circuit>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    @Inject(REMINDER_SCHEDULER) private readonly scheduler: ReminderScheduler,
  ) {
    this.allowList = parseWebhookAllowList(options.webhookAllowedHosts ?? []);
  }

  async deliver(notice: OutgoingNotice, endpoints: readonly WebhookEndpoint[]): Promise<void> {
    const firstTries: QueuedEntry[] = [];
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
      if (created.rows.length > 0) {
        firstTries.push({
          jobId: webhookAttemptJobId(notice.reminderKey, endpoint.id, 1),
          fireAt: now,
          job: { type: 'webhook', reminderKey: notice.reminderKey, endpointId: endpoint.id, attempt: 1 },
        });
      }
    }
    // One job per endpoint: the reminder job is done once the rows are written.
    await this.scheduler.schedule(firstTries);
  }

  /** Try number `attempt` of one delivery; a stale or duplicate job (row settled or try already made) does nothing. */
  async attempt(reminderKey: string, endpointId: string, attempt: number): Promise<void> {
    const nowMs = this.clock().getTime();
    const circuit = this.circuits.get(endpointId);
    const busy = (this.inFlight.get(endpointId) ?? 0) >= MAX_IN_FLIGHT_PER_ENDPOINT;
    if ((circuit && circuit.openUntil > nowMs) || busy) {
      // Not a try: the same try later, under an id of its own (the running job still holds the plain one).
      const fireAt = new Date(circuit && circuit.openUntil > nowMs ? circuit.openUntil : nowMs + DEFER_BUSY_MS);
      await this.scheduler.schedule([
        { jobId: `${webhookAttemptJobId(reminderKey, endpointId, attempt)}/deferred-${fireAt.getTime()}`, fireAt, job: { type: 'webhook', reminderKey, endpointId, attempt } },
      ]);
      return;
    }
    this.inFlight.set(endpointId, (this.inFlight.get(endpointId) ?? 0) + 1);
    try {
      await this.tryOnce(reminderKey, endpointId, attempt);
    } finally {
      const left = (this.inFlight.get(endpointId) ?? 1) - 1;
      if (left <= 0) this.inFlight.delete(endpointId);
      else this.inFlight.set(endpointId, left);
    }
  }

  private recordOutcome(endpointId: string, ok: boolean): void {
    if (ok) {
      this.circuits.delete(endpointId);
      return;
    }
    const circuit = this.circuits.get(endpointId) ?? { failures: 0, openUntil: 0 };
    circuit.failures += 1;
    if (circuit.failures >= (this.options.webhookCircuitFailures ?? 5)) {
      circuit.openUntil = this.clock().getTime() + (this.options.webhookCircuitOpenMs ?? 60_000);
      circuit.failures = 0;
      this.logger.warn(`webhook ${endpointId}: circuit open until ${new Date(circuit.openUntil).toISOString()}`);
    }
    this.circuits.set(endpointId, circuit);
  }

  private async tryOnce(reminderKey: string, endpointId: string, attempt: number): Promise<void> {
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
      // SSRF guard at delivery: resolved now, every address checked, the connection pinned to a checked one.
      const target = await resolveWebhookTarget(endpoint.url, this.allowList);
      const headers = {
        'content-type': 'application/json',
        'idempotency-key': row.idempotency_key,
        'x-budgetflow-signature': signWebhookBody(endpoint.secret, body, Math.floor(this.clock().getTime() / 1000)),
        'x-budgetflow-attempt': String(attempt),
        'user-agent': 'budgetflow-webhooks/1',
      };
      const status = await post(target, headers, body, this.options.webhookTimeoutMs ?? 5_000);
      if (status < 200 || status >= 300) failure = `HTTP ${status}`;
    } catch (error) {
      failure = (error as Error).message || String(error);
    }
    this.recordOutcome(endpointId, failure === undefined);
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
