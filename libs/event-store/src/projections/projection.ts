import type { Checkpoint, EventReader, RecordedEvent } from '../event-store.port';
import type { SqlClient } from '../sql/sql-client';

export interface ProjectionContext {
  name: string;
  /** The version being written (the active one, or the one being rebuilt). */
  version: number;
  /** Suffix of this version's tables, e.g. `_v2`. */
  tableSuffix: string;
  /** The physical name of one of `tables` for this version: `table('budget_lines')` → `budget_lines_v2`. */
  table(base: string): string;
  /** Where the checkpoint stands once this batch commits. */
  checkpoint: Checkpoint;
  /** True while building a new version that does not serve reads yet. */
  rebuilding: boolean;
  /**
   * Kept by this runner for this projection across its batches (e.g. folds of streams, so a batch reads only
   * what is new). Starts empty whenever this runner (re)gains the lead. Only for what the events determine:
   * a batch that rolls back has written here too.
   */
  memo: Map<string, unknown>;
  /**
   * The event store's reads, for what a batch does not carry (e.g. a stream's earlier events to fold). The only
   * way a read model gets events besides its batch: never SQL on the store's tables, so a read model works on
   * whatever adapter holds the events. Reads events committed up to the batch (and possibly later ones: filter by
   * `checkpoint` when a fold must stop at the batch).
   */
  store: EventReader;
}

/**
 * A read model: a function of events writing rows. Its tables are versioned (`<base>_v<version>`);
 * bumping `version` makes the runner rebuild into fresh tables and switch when caught up.
 */
export interface Projection {
  /** Stable name, a plain identifier (`[a-z_][a-z0-9_]*`). */
  name: string;
  /** Schema/logic version, ≥ 1. */
  version: number;
  /** Base names of the tables this projection owns; the runner drops old versions and maintains a view per base name. */
  tables?: readonly string[];
  /** Only these event types are passed to `apply` (the checkpoint still advances past others). */
  types?: readonly string[];
  /**
   * `false`: `apply` never looks at `event.data` (an audit of who did what): the log is read without it, so a
   * province's payments are not sent and parsed for it. Stores that cannot leave it out pass it anyway.
   */
  readsData?: boolean;
  /**
   * Under a steady stream of writes, start batches at most this often (overrides the runner's
   * `minBatchIntervalMs`): for read models whose cost per batch grows with what they re-render.
   */
  minBatchIntervalMs?: number;
  /**
   * Under a steady stream of writes, the share of the process this read model's batches may take (overrides the
   * runner's `maxBusyShare`): a batch that took t ms starts the next no sooner than t ÷ share after it began.
   */
  maxBusyShare?: number;
  /** Creates this version's tables, e.g. `CREATE TABLE budget_lines${tableSuffix} (…)`. Runs once per version. */
  setup?(tx: SqlClient, tableSuffix: string): Promise<void>;
  /** Applies a batch inside the transaction that also stores the checkpoint (exactly once). */
  apply(tx: SqlClient, events: readonly RecordedEvent[], ctx: ProjectionContext): Promise<void>;
}
