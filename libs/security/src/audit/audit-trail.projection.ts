import type { Projection, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import { readModel } from '@budgetflow/platform';

export const AUDIT_TRAIL = 'audit_trail';

/** Rows per INSERT: 12 columns as arrays, so one statement per chunk whatever the batch size. */
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
      const chunk = events.slice(start, start + CHUNK);
      const column = <T>(of: (event: RecordedEvent) => T): T[] => chunk.map(of);
      await tx.query(
        `INSERT INTO ${ctx.table(AUDIT_TRAIL)}
           (global_position, recorded_at, type, user_id, role, department, client_address, correlation_id, causation_id, reason, stream_id, stream_version)
         SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::int[])
         ON CONFLICT (global_position) DO NOTHING`,
        [
          column((event) => event.globalPosition.toString()),
          column((event) => event.recordedAt.toISOString()),
          column((event) => event.type),
          column((event) => text(event.metadata.userId)),
          column((event) => text(event.metadata.role)),
          column((event) => text(event.metadata.department)),
          column((event) => text(event.metadata.clientAddress)),
          column((event) => text(event.metadata.correlationId)),
          column((event) => text(event.metadata.causationId)),
          column((event) => text(event.metadata.reason)),
          column((event) => event.streamId),
          column((event) => event.streamVersion),
        ],
      );
    }
  },
});
