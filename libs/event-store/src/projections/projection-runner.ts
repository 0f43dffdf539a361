import { compareCheckpoints } from '../checkpoint';
import type { Checkpoint, EventReader, EventStore, RecordedEvent } from '../event-store.port';
import { START } from '../event-store.port';
import { assertIdentifier, type SqlClient, type SqlQueryable } from '../sql/sql-client';
import { WakeUps } from '../wake-ups';
import { LeaderLocks } from './leader-lock';
import type { Projection, ProjectionContext } from './projection';
import { projectionLag, waitForProjection, type ProjectionLag } from './projection-status';
import { activeTableName, checkpointKey, dropVersionTables, pointViews, tableSuffix, versionedTableName } from './projection-tables';

export interface ProjectionRunnerOptions {
  /** Where the read models and their checkpoints live (Postgres or PGlite, whatever store holds the events). */
  sql: SqlClient;
  /** Where the events come from: any adapter of the port. */
  store: EventStore;
  projections: readonly Projection[];
  /** Events per batch (and per transaction) when following the head; default 500. */
  batchSize?: number;
  /**
   * Catching up (a rebuild, a read model far behind): each full batch doubles the next one up to this many
   * events (default 5,000), so the fixed cost of a batch
   * (transaction, checkpoint, re-rendered documents) is paid per thousands of events; back to `batchSize` once a
   * read comes back short.
   */
  catchUpBatchSize?: number;
  /** Re-read at least this often without a notification; default 200 ms. */
  pollIntervalMs?: number;
  /**
   * Under a steady stream of writes, start a projection's batches at most this often (default 100 ms): what
   * arrives meanwhile joins the next batch, so a busy read model pays its fixed cost (read, transaction,
   * re-render) per batch instead of per event. An event after a quiet spell is applied at once. 100 ms rather
   * than 25: with the read models in the api, 8 clients proposing lines cost 2.6 ms of api CPU a command
   * instead of 3.6 ms (docs/benchmarks.md), and read-your-writes waits at most a tenth of a second more.
   */
  minBatchIntervalMs?: number;
  /**
   * Under a steady stream of writes, a projection whose batches take long waits longer between them: a batch that
   * took t ms starts the next no sooner than t ÷ share after it began (default 0.25), so one read model that
   * re-renders large documents takes at most about a quarter of the process from the commands beside it. Catching
   * up is not slowed, and an event after a quiet spell is still applied at once.
   */
  maxBusyShare?: number;
  /** How often a follower retries the leader lock, and the leader checks its lock connection; default 1 s. */
  leaderRetryMs?: number;
  maxBackoffMs?: number;
  onError?: (error: unknown, projection: string) => void;
}

/** A share of the process between 1 % and all of it (the runner's default and a read model's own alike). */
const busyShare = (share: number): number => Math.min(1, Math.max(0.01, share));

export type ProjectionMode = 'starting' | 'following' | 'active' | 'building' | 'stale' | 'stopped';

export interface ProjectionStatus {
  name: string;
  version: number;
  mode: ProjectionMode;
  leader: boolean;
  checkpoint: Checkpoint | undefined;
}

/** Another runner moved the checkpoint: this one is no longer the leader, its batch was rolled back. */
export class ProjectionFencedError extends Error {
  override readonly name = 'ProjectionFencedError';
}

interface Worker {
  projection: Projection;
  memo: Map<string, unknown>;
  mode: ProjectionMode;
  checkpoint: Checkpoint | undefined;
  done: Promise<void>;
}

interface Prepared {
  mode: 'active' | 'building' | 'stale';
  checkpoint: Checkpoint;
  activeVersion: number;
  activeTables: readonly string[];
}

/**
 * Runs projections: one leader per projection across processes (advisory lock), batches applied in the
 * same transaction as their checkpoint (exactly once), rebuild of a new version into fresh tables with an
 * atomic switch. Followers retry the lock every `leaderRetryMs`, so a dead leader is replaced.
 */
export class ProjectionRunner {
  private readonly locks: LeaderLocks;
  private readonly workers = new Map<string, Worker>();
  private running = false;
  /** Notified by `stop`: ends every sleep at once. */
  private readonly stopping = new WakeUps();
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  private readonly pollIntervalMs: number;
  private readonly minBatchIntervalMs: number;
  private readonly maxBusyShare: number;
  private readonly leaderRetryMs: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.catchUpBatchSize = Math.max(this.batchSize, options.catchUpBatchSize ?? 5_000);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
    this.minBatchIntervalMs = options.minBatchIntervalMs ?? 100;
    this.maxBusyShare = busyShare(options.maxBusyShare ?? 0.25);
    this.leaderRetryMs = options.leaderRetryMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5_000;
    this.locks = new LeaderLocks(options.sql, this.leaderRetryMs);
    const names = new Set<string>();
    for (const projection of options.projections) {
      assertIdentifier(projection.name, 'projection name');
      projection.tables?.forEach((table) => versionedTableName(table, projection.version));
      if (!Number.isSafeInteger(projection.version) || projection.version < 1) throw new Error(`Projection ${projection.name}: version must be ≥ 1`);
      if (names.has(projection.name)) throw new Error(`Projection ${projection.name} registered twice`);
      names.add(projection.name);
    }
  }

  /** Starts one loop per projection; returns at once (leadership is acquired in the background). */
  start(): void {
    if (this.running) return;
    this.running = true;
    for (const projection of this.options.projections) {
      const worker: Worker = { projection, memo: new Map(), mode: 'starting', checkpoint: undefined, done: Promise.resolve() };
      worker.done = this.runWorker(worker);
      this.workers.set(projection.name, worker);
    }
  }

  /** Stops every loop after its current batch and releases the leader locks. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.notify();
    this.options.store.notifications.notify();
    await Promise.all([...this.workers.values()].map((worker) => worker.done));
    for (const worker of this.workers.values()) worker.mode = 'stopped';
    await this.locks.close();
  }

  isLeader(name: string): boolean {
    return this.locks.holds(name);
  }

  status(): ProjectionStatus[] {
    return [...this.workers.values()].map((worker) => ({
      name: worker.projection.name,
      version: worker.projection.version,
      mode: worker.mode,
      leader: this.locks.holds(worker.projection.name),
      checkpoint: worker.checkpoint,
    }));
  }

  /** Lag of the version that serves reads. */
  lag(name: string): Promise<ProjectionLag> {
    return projectionLag(this.options.sql, this.options.store, name);
  }

  /** Read-your-writes; see `waitForProjection`. */
  waitFor(name: string, target: Checkpoint | bigint, timeoutMs: number): Promise<boolean> {
    return waitForProjection(this.options.sql, this.options.store, name, target, timeoutMs);
  }

  activeTableName(name: string, base: string): Promise<string> {
    return activeTableName(this.options.sql, name, base);
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return this.stopping.wait(this.stopping.token, ms);
  }


  private reportError(error: unknown, name: string): void {
    try {
      this.options.onError?.(error, name);
    } catch {
      // a throwing reporter must not stop the runner
    }
  }

  private async runWorker(worker: Worker): Promise<void> {
    const { projection } = worker;
    let backoff = 100;
    let failures = 0;
    while (this.running) {
      try {
        if (!(await this.locks.tryAcquire(projection.name))) {
          worker.mode = 'following';
          await this.sleep(this.leaderRetryMs);
          continue;
        }
        const prepared = await this.prepare(projection);
        worker.memo.clear(); // another leader may have written meanwhile
        worker.checkpoint = prepared.checkpoint;
        if (prepared.mode === 'stale') {
          // A newer version serves; let the process running the newer code lead.
          worker.mode = 'stale';
          await this.locks.release(projection.name);
          await this.sleep(this.leaderRetryMs);
          continue;
        }
        worker.mode = prepared.mode;
        await this.follow(worker, prepared);
        backoff = 100;
        failures = 0;
      } catch (error) {
        if (!this.running) return;
        this.reportError(error, projection.name);
        failures++;
        // A leader that keeps failing (fenced, or its pool broken while its lock connection lives) steps
        // down so that another runner can try.
        if (error instanceof ProjectionFencedError || failures >= 3) {
          await this.locks.release(projection.name);
          worker.mode = 'following';
        }
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
      }
    }
  }

  /** Creates the tables of a first or newer version and reads the checkpoint to continue from. */
  private prepare(projection: Projection): Promise<Prepared> {
    const { name, version } = projection;
    const tables = projection.tables ?? [];
    return this.options.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ active_version: number; building_version: number | null; tables: string[] }>(
        'SELECT active_version, building_version, tables FROM projection_versions WHERE name = $1 FOR UPDATE',
        [name],
      );
      const row = rows[0];
      const key = checkpointKey(name, version);
      if (!row) {
        await dropVersionTables(tx, tables, version);
        await projection.setup?.(tx, tableSuffix(version));
        await tx.query('INSERT INTO projection_versions (name, active_version, tables) VALUES ($1, $2, $3)', [name, version, tables]);
        await pointViews(tx, tables, version);
        await resetCheckpoint(tx, key);
        return { mode: 'active', checkpoint: START, activeVersion: version, activeTables: tables };
      }
      // A newer version serves or is being built by newer code: never fight it during a rolling deploy.
      if (row.active_version > version || (row.building_version ?? 0) > version) {
        return { mode: 'stale', checkpoint: START, activeVersion: row.active_version, activeTables: row.tables };
      }
      if (row.active_version < version && row.building_version !== version) {
        // Start (or restart, after a crash mid-setup of another version) the rebuild from scratch.
        if (row.building_version !== null && row.building_version !== row.active_version) {
          await dropVersionTables(tx, tables, row.building_version);
          await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [checkpointKey(name, row.building_version)]);
        }
        await dropVersionTables(tx, tables, version);
        await projection.setup?.(tx, tableSuffix(version));
        await tx.query('UPDATE projection_versions SET building_version = $2 WHERE name = $1', [name, version]);
        await resetCheckpoint(tx, key);
      }
      await tx.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [key]);
      const checkpoint = await readCheckpoint(tx, key);
      return {
        mode: row.active_version === version ? 'active' : 'building',
        checkpoint,
        activeVersion: row.active_version,
        activeTables: row.tables,
      };
    });
  }

  /** Applies batches while leader; switches a rebuilt version in once it has caught up. */
  private async follow(worker: Worker, prepared: Prepared): Promise<void> {
    const { projection } = worker;
    const store = this.options.store;
    let checkpoint = prepared.checkpoint;
    let building = prepared.mode === 'building';
    let lastBatchAt = 0;
    let limit = this.batchSize;
    while (this.running && (await this.locks.tryAcquire(projection.name))) {
      const token = store.notifications.token;
      // Read outside the write transaction: a transaction holding an xid would hold xmin back for all readers.
      const batch = await store.readAll({ after: checkpoint, limit, types: projection.types, withData: projection.readsData });
      const full = batch.read >= limit;
      limit = full ? Math.min(limit * 2, this.catchUpBatchSize) : this.batchSize;
      const advanced = compareCheckpoints(batch.checkpoint, checkpoint) > 0;
      if (advanced) {
        lastBatchAt = Date.now();
        await this.applyBatch(worker, checkpoint, batch.checkpoint, batch.events, building);
        checkpoint = batch.checkpoint;
        worker.checkpoint = checkpoint;
        // A full batch: more is waiting, read on at once. A short one: caught up as of the read, so wait for
        // the next wake-up (one that came in meanwhile returns at once) instead of an empty read per batch.
        if (full || building) continue;
        const sinceLast = Date.now() - lastBatchAt;
        const interval = Math.max(projection.minBatchIntervalMs ?? this.minBatchIntervalMs, sinceLast / (projection.maxBusyShare === undefined ? this.maxBusyShare : busyShare(projection.maxBusyShare)));
        if (sinceLast < interval) await this.sleep(interval - sinceLast);
      } else if (building) {
        await this.switchTo(projection, prepared.activeVersion, prepared.activeTables);
        building = false;
        worker.mode = 'active';
        continue;
      }
      await store.notifications.wait(token, this.pollIntervalMs);
    }
  }

  private async applyBatch(worker: Worker, from: Checkpoint, to: Checkpoint, events: readonly RecordedEvent[], rebuilding: boolean): Promise<void> {
    const { projection, memo } = worker;
    const { name, version } = projection;
    const suffix = tableSuffix(version);
    const context = (store: EventReader): ProjectionContext => ({ name, version, tableSuffix: suffix, table: (base) => versionedTableName(base, version), checkpoint: to, rebuilding, memo, store });
    // Move the checkpoint first, conditionally: it locks the row and fences off a second runner that
    // believes it leads (e.g. after a network partition) — its batch finds the old checkpoint gone.
    const moveCheckpoint = async (sql: SqlQueryable): Promise<void> => {
      const { rows } = await sql.query<{ name: string }>(
        `UPDATE projection_checkpoints SET transaction_id = $2::text::xid8, global_position = $3, updated_at = now()
          WHERE name = $1 AND transaction_id = $4::text::xid8 AND global_position = $5 RETURNING name`,
        [checkpointKey(name, version), to.transactionId.toString(), to.globalPosition.toString(), from.transactionId.toString(), from.globalPosition.toString()],
        { name: 'bf_projection_checkpoint_move' },
      );
      if (rows.length === 0) throw new ProjectionFencedError(`Checkpoint of ${name}@v${version} moved under this runner`);
    };
    // Nothing for this projection in the batch (its types filtered everything out): the checkpoint alone, one
    // statement, one round trip.
    if (events.length === 0) return moveCheckpoint(this.options.sql);
    // A read model can always be rebuilt from the events and its rows commit with their checkpoint, so a batch
    // lost to a crash is simply applied again: no need to wait for the disk flush on every batch.
    await this.options.sql.transaction(
      async (tx) => {
        await moveCheckpoint(tx);
        await projection.apply(tx, events, context(readerWithin(this.options.store, this.options.sql, tx)));
      },
      { synchronousCommit: false },
    );
  }

  /** Atomically points reads at the rebuilt version, then drops the old version's tables. */
  private async switchTo(projection: Projection, oldVersion: number, oldTables: readonly string[]): Promise<void> {
    const { name, version } = projection;
    const tables = projection.tables ?? [];
    await this.options.sql.transaction(async (tx) => {
      const { rows } = await tx.query<{ building_version: number | null }>('SELECT building_version FROM projection_versions WHERE name = $1 FOR UPDATE', [name]);
      if (rows[0]?.building_version !== version) throw new ProjectionFencedError(`Rebuild of ${name}@v${version} is no longer current`);
      // Views first dropped for old base names that the new version no longer has.
      for (const base of oldTables) if (!tables.includes(base)) await tx.exec(`DROP VIEW IF EXISTS "${assertIdentifier(base)}"`);
      await pointViews(tx, tables, version);
      await tx.query('UPDATE projection_versions SET active_version = $2, building_version = NULL, tables = $3, switched_at = now() WHERE name = $1', [name, version, tables]);
    });
    await this.options.sql.transaction(async (tx) => {
      await dropVersionTables(tx, oldTables, oldVersion);
      await tx.query('DELETE FROM projection_checkpoints WHERE name = $1', [checkpointKey(name, oldVersion)]);
    });
  }
}

/**
 * The port's reads for a batch's `apply`. A store keeping its events in the read models' own database (the
 * Postgres adapter over this runner's SqlClient) reads through the batch's transaction: PGlite has one
 * connection, so a read on the top-level client would wait for that transaction forever; on Postgres it is the
 * connection the batch already holds. Any other store (KurrentDB, in memory) is read as it is.
 */
function readerWithin(store: EventStore, sql: SqlClient, tx: SqlClient): EventReader {
  const local = store as Partial<{ sql: SqlClient; readingThrough(target: SqlClient): EventReader }>;
  return local.sql === sql && typeof local.readingThrough === 'function' ? local.readingThrough(tx) : store;
}

async function resetCheckpoint(tx: SqlClient, key: string): Promise<void> {
  await tx.query(
    `INSERT INTO projection_checkpoints (name, transaction_id, global_position) VALUES ($1, '0', 0)
       ON CONFLICT (name) DO UPDATE SET transaction_id = '0', global_position = 0, updated_at = now()`,
    [key],
  );
}

async function readCheckpoint(tx: SqlClient, key: string): Promise<Checkpoint> {
  const { rows } = await tx.query<{ transaction_id: bigint; global_position: bigint }>(
    'SELECT transaction_id, global_position FROM projection_checkpoints WHERE name = $1',
    [key],
  );
  const row = rows[0];
  return row ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) } : START;
}
