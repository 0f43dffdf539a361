import { compareCheckpoints } from '../checkpoint';
import type { Checkpoint } from '../event-store.port';
import { COMMIT_SAFE } from '../postgres/postgres-event-store';
import type { SqlQueryable } from '../sql/sql-client';
import { checkpointKey } from './projection-tables';

export interface ProjectionLag {
  /** Safely visible events after the checkpoint. */
  eventsBehind: number;
  /** Age of the oldest unapplied event (storage time), 0 when caught up. */
  secondsBehind: number;
  checkpoint: Checkpoint;
}

/** The checkpoint of the version that serves reads; START before the first batch. */
export async function projectionCheckpoint(sql: SqlQueryable, projection: string, version?: number): Promise<Checkpoint | undefined> {
  const { rows } = await sql.query<{ transaction_id: bigint; global_position: bigint }>(
    version === undefined
      ? `SELECT c.transaction_id, c.global_position FROM projection_versions v
           JOIN projection_checkpoints c ON c.name = v.name || '@v' || v.active_version WHERE v.name = $1`
      : 'SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1',
    [version === undefined ? projection : checkpointKey(projection, version)],
  );
  const row = rows[0];
  return row ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) } : undefined;
}

export async function lagAfter(sql: SqlQueryable, checkpoint: Checkpoint): Promise<ProjectionLag> {
  const { rows } = await sql.query<{ behind: bigint; seconds: number | string | null }>(
    `SELECT count(*) AS behind, extract(epoch FROM now() - min(recorded_at))::float8 AS seconds FROM events
      WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND ${COMMIT_SAFE}`,
    [checkpoint.transactionId.toString(), checkpoint.globalPosition.toString()],
  );
  const row = rows[0];
  return { eventsBehind: Number(row?.behind ?? 0), secondsBehind: Math.max(0, Number(row?.seconds ?? 0)), checkpoint };
}

/** How far the serving version of a projection is behind the commit-safe head. */
export async function projectionLag(sql: SqlQueryable, projection: string): Promise<ProjectionLag> {
  const checkpoint = (await projectionCheckpoint(sql, projection)) ?? { transactionId: 0n, globalPosition: 0n };
  return lagAfter(sql, checkpoint);
}

/** The commit-order position of the event at a global position, once its transaction has committed. */
async function checkpointOfPosition(sql: SqlQueryable, globalPosition: bigint): Promise<Checkpoint | undefined> {
  const { rows } = await sql.query<{ transaction_id: bigint }>('SELECT transaction_id FROM events WHERE global_position = $1', [globalPosition.toString()]);
  const row = rows[0];
  return row ? { transactionId: BigInt(row.transaction_id), globalPosition } : undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Read-your-writes: resolves `true` once the serving version of `projection` has applied `target`
 * (a checkpoint, or the global position a command answered with), `false` after `timeoutMs`.
 * Polls the database, so it works from any process, leader or not.
 */
export async function waitForProjection(
  sql: SqlQueryable,
  projection: string,
  target: Checkpoint | bigint,
  timeoutMs: number,
  pollMs = 25,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let wanted = typeof target === 'bigint' ? undefined : target;
  for (;;) {
    if (!wanted && typeof target === 'bigint') wanted = await checkpointOfPosition(sql, target);
    if (wanted) {
      const current = await projectionCheckpoint(sql, projection);
      if (current && compareCheckpoints(current, wanted) >= 0) return true;
    }
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}
