import type { ExpectedVersion } from '../event-store.port';

/**
 * One statement per append (one round trip): write the stream row according to the expected version,
 * then insert the events numbered from it. A mismatch makes the stream write return no row, so nothing
 * is inserted and the caller reads the actual version (only on that failure path).
 *
 * Parameters: $1 stream id, $2 event count, $3 ids uuid[], $4 types text[], $5 type versions int[],
 * $6 data jsonb[] (scalars instead of arrays for a single event), $7 metadata jsonb, [$8 expected version].
 *
 * Concurrency: the stream row is the lock. `any` upserts atomically; `no-stream` loses to a concurrent
 * creator (ON CONFLICT DO NOTHING waits for it); an exact version is re-checked by UPDATE … WHERE
 * against the latest committed row, so of N racing writers with the same expectation one wins.
 *
 * Conditions on other streams (`AppendOptions.unchanged`: the catalog or settings a decision read) are two more
 * parameters, ids text[] and versions int[], after the others; the stream write happens only while every one of
 * those streams stands at its version (0: none), so a decision on a stale catalog writes nothing.
 */
const rowIf = (holds?: string): string => (holds ? `SELECT $1, $2::int WHERE ${holds}` : 'VALUES ($1, $2::int)');

const STREAM_WRITE = {
  any: (holds?: string) => `INSERT INTO streams AS s (stream_id, version) ${rowIf(holds)}
          ON CONFLICT (stream_id) DO UPDATE SET version = s.version + excluded.version RETURNING version`,
  create: (holds?: string) => `INSERT INTO streams (stream_id, version) ${rowIf(holds)} ON CONFLICT (stream_id) DO NOTHING RETURNING version`,
  exists: (holds?: string) => `UPDATE streams SET version = version + $2::int WHERE stream_id = $1${holds ? ` AND ${holds}` : ''} RETURNING version`,
  exact: (holds?: string) => `UPDATE streams SET version = version + $2::int WHERE stream_id = $1 AND version = $8::int${holds ? ` AND ${holds}` : ''} RETURNING version`,
} as const;

/** Every condition stream at its version; `first` is the number of the ids parameter (the versions follow). */
const conditionsHold = (first: number): string =>
  `NOT EXISTS (SELECT 1 FROM unnest($${first}::text[], $${first + 1}::int[]) AS c(stream_id, version)
                WHERE coalesce((SELECT x.version FROM streams x WHERE x.stream_id = c.stream_id), 0) <> c.version)`;

/** The number of the first condition parameter of a variant (after the expected version, when it has one). */
export const conditionParameter = (variant: AppendVariant): number => (variant === 'exact' ? 9 : 8);

export type AppendVariant = keyof typeof STREAM_WRITE;

export function appendVariant(expected: ExpectedVersion): AppendVariant {
  if (expected === 'any') return 'any';
  if (expected === 'no-stream' || expected === 0) return 'create';
  if (expected === 'stream-exists') return 'exists';
  return 'exact';
}

/** Arrays for several events; scalars for the common single event (no array literal to build and parse). */
const EVENT_SOURCE = {
  many: 'unnest($3::uuid[], $4::text[], $5::int[], $6::jsonb[]) WITH ORDINALITY AS e(id, type, type_version, data, ord)',
  one: '(SELECT $3::uuid AS id, $4::text AS type, $5::int AS type_version, $6::jsonb AS data, 1::bigint AS ord) AS e',
} as const;

export function appendStatement(variant: AppendVariant, notifyInTransaction: boolean, single: boolean, conditional = false): { name: string; text: string } {
  const notify = notifyInTransaction ? `, pg_notify('bf_events_' || current_schema(), '') AS notified` : '';
  return {
    name: `bf_append_${variant}${single ? '_one' : ''}${conditional ? '_if' : ''}${notifyInTransaction ? '_notify' : ''}`,
    text: `WITH stream AS (${STREAM_WRITE[variant](conditional ? conditionsHold(conditionParameter(variant)) : undefined)}),
inserted AS (
  INSERT INTO events (stream_id, stream_version, event_id, type, type_version, data, metadata)
  SELECT $1, stream.version - $2::int + e.ord::int, e.id, e.type, e.type_version, e.data, $7::jsonb
    FROM stream, ${single ? EVENT_SOURCE.one : EVENT_SOURCE.many}
   ORDER BY e.ord
  RETURNING global_position
)
SELECT stream.version AS next_version, (SELECT max(global_position) FROM inserted) AS last_position,
       pg_current_xact_id() AS tx_id${notify}
  FROM stream`,
  };
}

/**
 * Several appends in one statement (group commit, `AppendQueue`): each to its own stream, each with an exact expected
 * version (or 0: a new stream) and its own conditions and metadata, all in one transaction. An append whose
 * expectation or condition does not hold writes nothing and returns no row; the others are written.
 *
 * Parameters, one entry per append: $1 stream ids text[], $2 event counts int[], $3 expected versions int[] (0: new
 * stream), $4 metadata jsonb[]; one entry per event, in append order: $5 append number int[] (1-based), $6 its
 * number within its append int[], $7 ids uuid[], $8 types text[], $9 type versions int[], $10 data jsonb[]; one entry
 * per condition: $11 append number int[], $12 stream ids text[], $13 versions int[].
 */
export function appendBatchStatement(notifyInTransaction: boolean): { name: string; text: string } {
  const notify = notifyInTransaction ? `, pg_notify('bf_events_' || current_schema(), '') AS notified` : '';
  return {
    name: `bf_append_batch${notifyInTransaction ? '_notify' : ''}`,
    text: `WITH request AS (
  SELECT r.stream_id, r.n, r.expected, r.metadata, r.i::int AS i
    FROM unnest($1::text[], $2::int[], $3::int[], $4::jsonb[]) WITH ORDINALITY AS r(stream_id, n, expected, metadata, i)
), holding AS (
  SELECT request.* FROM request
   WHERE NOT EXISTS (SELECT 1 FROM unnest($11::int[], $12::text[], $13::int[]) AS c(i, stream_id, version)
                      WHERE c.i = request.i AND coalesce((SELECT x.version FROM streams x WHERE x.stream_id = c.stream_id), 0) <> c.version)
), created AS (
  INSERT INTO streams (stream_id, version) SELECT stream_id, n FROM holding WHERE expected = 0 ORDER BY stream_id
  ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id, version
), updated AS (
  UPDATE streams s SET version = s.version + h.n FROM holding h
   WHERE h.expected > 0 AND s.stream_id = h.stream_id AND s.version = h.expected
  RETURNING s.stream_id, s.version
), written AS (
  SELECT h.i, h.stream_id, h.n, h.metadata, w.version
    FROM holding h JOIN (SELECT stream_id, version FROM created UNION ALL SELECT stream_id, version FROM updated) w USING (stream_id)
), inserted AS (
  INSERT INTO events (stream_id, stream_version, event_id, type, type_version, data, metadata)
  SELECT w.stream_id, w.version - w.n + e.k, e.id, e.type, e.type_version, e.data, w.metadata
    FROM unnest($5::int[], $6::int[], $7::uuid[], $8::text[], $9::int[], $10::jsonb[]) WITH ORDINALITY AS e(i, k, id, type, type_version, data, ord)
    JOIN written w ON w.i = e.i
   ORDER BY e.ord
  RETURNING global_position, stream_id
)
SELECT w.i, w.version AS next_version, (SELECT max(x.global_position) FROM inserted x WHERE x.stream_id = w.stream_id) AS last_position,
       pg_current_xact_id() AS tx_id${notify}
  FROM written w`,
  };
}
