import { Logger } from '@nestjs/common';
import type { SqlClient } from '@budgetflow/event-store';
import { type SecurityEvent, type SecurityEventSink, insertSecurityEvent } from '@budgetflow/platform';

/**
 * Writes failed logins and refused actions to `security_events`. The answer to the caller never waits for
 * nor fails by this write: a database outage loses the record (logged), not the request.
 */
export class SecurityEventRecorder implements SecurityEventSink {
  private readonly logger = new Logger('SecurityEvents');
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly sql: SqlClient) {}

  record(event: SecurityEvent): void {
    const write = insertSecurityEvent(this.sql, event)
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
