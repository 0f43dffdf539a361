import type { EventStore, ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { httpProblem } from '@budgetflow/platform';
import { type AuditFilter, auditSql } from './audit-query';
import { AUDIT_TRAIL } from './audit-trail.projection';

/** How long a query waits for the audit trail to reach the store's head (normally milliseconds). */
const WAIT_FOR_HEAD_MS = 10_000;

interface AuditRow {
  source: 'event' | 'security';
  recorded_at: Date | string;
  type: string;
  user_id: string | null;
  role: string | null;
  department: string | null;
  client_address: string | null;
  correlation_id: string | null;
  request_id: string | null;
  reason: string | null;
  stream_id: string | null;
  stream_version: number | null;
  status: number | null;
  method: string | null;
  path: string | null;
}

const compact = (entry: Record<string, unknown>) => Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null && value !== undefined));

/**
 * The audit's entries: the trail, caught up with the store's head first, beside the security events. Over the app's
 * own SQL client, event store and projection runner (`SecurityModule.forRoot` names their tokens).
 */
export class AuditReader {
  constructor(
    private readonly sql: SqlClient,
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  /** The entries a filter picks, newest first: every event committed when the query came is in the trail before it is read. */
  async entries(filter: AuditFilter) {
    // The newest committed event, not the commit-safe head: an unrelated long transaction elsewhere in the database
    // holds the commit-safe head back, and a read up to it would miss events committed before the query came.
    const last = await this.store.lastCommitted();
    if (last !== undefined && !(await this.runner.waitFor(AUDIT_TRAIL, last, WAIT_FOR_HEAD_MS))) {
      throw httpProblem('SERVICE_UNAVAILABLE', '审计记录正在生成，请稍后重试');
    }
    const { text, params } = auditSql(filter);
    const rows = (await this.sql.query<AuditRow>(text, params)).rows;
    return {
      limit: filter.limit,
      entries: rows.map((row) =>
        compact({
          source: row.source,
          at: new Date(row.recorded_at).toISOString(),
          type: row.type,
          userId: row.user_id,
          role: row.role,
          department: row.department,
          clientAddress: row.client_address,
          correlationId: row.correlation_id,
          requestId: row.request_id,
          reason: row.reason,
          streamId: row.stream_id,
          streamVersion: row.stream_version === null ? null : Number(row.stream_version),
          status: row.status === null ? null : Number(row.status),
          method: row.method,
          path: row.path,
        }),
      ),
    };
  }
}
