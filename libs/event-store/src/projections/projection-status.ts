import { compareCheckpoints } from '../checkpoint';
import { START, type Checkpoint, type EventReader } from '../event-store.port';
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

/** How far the serving version of a projection is behind the commit-safe head: its checkpoint (SQL), the log after it (the port). */
export async function projectionLag(sql: SqlQueryable, store: Pick<EventReader, 'lag'>, projection: string): Promise<ProjectionLag> {
  const checkpoint = (await projectionCheckpoint(sql, projection)) ?? START;
  return { ...(await store.lag(checkpoint)), checkpoint };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Read-your-writes: resolves `true` once the serving version of `projection` has applied `target`
 * (a checkpoint, or the global position a command answered with), `false` after `timeoutMs`.
 * Polls the checkpoint table (read models and checkpoints are in SQL whatever holds the events), so it works
 * from any process, leader or not; a bare position is turned into its checkpoint by the event store.
 */
export async function waitForProjection(
  sql: SqlQueryable,
  store: Pick<EventReader, 'checkpointOf'>,
  projection: string,
  target: Checkpoint | bigint,
  timeoutMs: number,
  pollMs = 25,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let wanted = typeof target === 'bigint' ? undefined : target;
  for (;;) {
    if (!wanted && typeof target === 'bigint') wanted = await store.checkpointOf(target);
    if (wanted) {
      const current = await projectionCheckpoint(sql, projection);
      if (current && compareCheckpoints(current, wanted) >= 0) return true;
    }
    if (Date.now() >= deadline) return false;
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
}
