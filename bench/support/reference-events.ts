import { randomUUID } from 'node:crypto';

/**
 * Where the plain-INSERT references write: a table of exactly the `events` shape (columns, defaults, keys and
 * indexes), but not `events` itself, so the api's own projections never read the reference's rows and take
 * CPU from it while it runs (in the first round they took 11–19 % of a core during the reference).
 */
export const REFERENCE_EVENTS = 'reference_events';

/** Creates the reference table in the schema `sql` works on (idempotent). */
export async function createReferenceEvents(sql: { query: (text: string) => Promise<unknown> }): Promise<void> {
  await sql.query(`CREATE TABLE IF NOT EXISTS ${REFERENCE_EVENTS} (LIKE events INCLUDING ALL)`);
}

/** `INSERT INTO reference_events (…) VALUES` with the columns every reference writes. */
export const INSERT_REFERENCE_EVENT = `INSERT INTO ${REFERENCE_EVENTS} (stream_id, stream_version, event_id, type, type_version, data, metadata) VALUES`;

/** A stored event row as a reference copies it. */
export interface ReferenceRow {
  type: string;
  type_version: number;
  data: unknown;
  metadata: unknown;
}

/** Writes `rows` to the reference table as stream `streamId`, versions from `firstVersion` on: one multi-row INSERT. */
export async function insertReferenceRows(
  tx: { query: (text: string, params: unknown[]) => Promise<unknown> },
  streamId: string,
  firstVersion: number,
  rows: readonly ReferenceRow[],
): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map((row, i) => {
    values.push(streamId, firstVersion + i, randomUUID(), row.type, row.type_version, JSON.stringify(row.data), JSON.stringify(row.metadata));
    const b = i * 7;
    return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7})`;
  });
  await tx.query(`${INSERT_REFERENCE_EVENT} ${tuples.join(', ')}`, values);
}
