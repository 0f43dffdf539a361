import { Logger } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import type { SecurityEvent, SecurityEventSink } from '@budgetflow/platform';

/**
 * Writes failed logins and refused actions to `security_events`. The answer to the caller never waits for
 * nor fails by this write: a database outage loses the record (logged), not the request.
 */
export class SecurityEventRecorder implements SecurityEventSink {
  private readonly logger = new Logger('SecurityEvents');
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly sql: SqlClient) {}

  record(event: SecurityEvent): void {
    const write = this.sql
      .query(
        `INSERT INTO security_events (kind, reason, status, method, path, request_id, client_address, user_id, role, department)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          event.kind,
          event.reason.slice(0, 500),
          event.status,
          event.method.slice(0, 16),
          event.path.slice(0, 500),
          event.requestId.slice(0, 128),
          event.clientAddress.slice(0, 64),
          event.actor?.userId ?? null,
          event.actor?.role ?? null,
          event.actor?.department ?? null,
        ],
      )
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn({ requestId: event.requestId, kind: event.kind, error: (error as Error).message }, 'security event not recorded'),
      );
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves once every record started so far is written (or given up); for shutdown and tests. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }
}
