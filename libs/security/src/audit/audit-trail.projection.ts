import type { Projection, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import { readModel } from '@budgetflow/platform';

export const AUDIT_TRAIL = 'audit_trail';

/** Rows per INSERT: one JSON array of rows, so one statement per chunk whatever the batch size. */
const CHUNK = 1000;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * 审计 — the event side of `GET /v1/audit` as a read model: one row per event with its metadata (who, role,
 * department, client address, correlation, reason) and address (stream, version), fed by the event-store port
 * like every read model, so the audit works whatever store holds the events (Postgres, PGlite, KurrentDB).
 * `recorded_at` is the event's `recordedAt`: the instant the command was decided (the service clock).
 */
export const auditTrailProjection: Projection = readModel({
  name: AUDIT_TRAIL,
  version: 1,
  // Who, when, which stream: never the event's data, so the log is read without it.
  readsData: false,
  tables: {
    [AUDIT_TRAIL]: `
      global_position bigint PRIMARY KEY,
      recorded_at timestamptz NOT NULL,
      type text NOT NULL,
      user_id text,
      role text,
      department text,
      client_address text,
      correlation_id text,
      causation_id text,
      reason text,
      stream_id text NOT NULL,
      stream_version int NOT NULL`,
  },
  // Newest first, optionally from/to: the order of every audit query.
  afterTables: (suffix) => `CREATE INDEX IF NOT EXISTS ${AUDIT_TRAIL}${suffix}_recorded_at ON ${AUDIT_TRAIL}${suffix} (recorded_at DESC, global_position DESC)`,
  async apply(tx: SqlClient, events: readonly RecordedEvent[], ctx) {
    for (let start = 0; start < events.length; start += CHUNK) {
      const rows = events.slice(start, start + CHUNK).map((event) => ({
        global_position: event.globalPosition.toString(),
        recorded_at: event.recordedAt.toISOString(),
        type: event.type,
        user_id: text(event.metadata.userId),
        role: text(event.metadata.role),
        department: text(event.metadata.department),
        client_address: text(event.metadata.clientAddress),
        correlation_id: text(event.metadata.correlationId),
        causation_id: text(event.metadata.causationId),
        reason: text(event.metadata.reason),
        stream_id: event.streamId,
        stream_version: event.streamVersion,
      }));
      // One JSON text (serialised natively) instead of twelve arrays (each element escaped by the driver).
      await tx.query(
        `INSERT INTO ${ctx.table(AUDIT_TRAIL)}
           (global_position, recorded_at, type, user_id, role, department, client_address, correlation_id, causation_id, reason, stream_id, stream_version)
         SELECT * FROM json_to_recordset($1::json) AS r(global_position bigint, recorded_at timestamptz, type text, user_id text, role text, department text,
                                                        client_address text, correlation_id text, causation_id text, reason text, stream_id text, stream_version int)
         ON CONFLICT (global_position) DO NOTHING`,
        [JSON.stringify(rows)],
      );
    }
  },
});
