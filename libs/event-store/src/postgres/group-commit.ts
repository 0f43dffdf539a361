import type { AppendResult, StreamCondition } from '../event-store.port';
import { appendVariant } from './append-sql';
import type { PreparedAppend } from './validate-append';

/** One append waiting for its turn: what the store prepared, and how to answer its caller. */
export interface QueuedAppend {
  write: PreparedAppend;
  metadataJson: string;
  unchanged: readonly StreamCondition[];
}

/** How the queue reaches Postgres: one append on its own statement, or several in one. */
export interface AppendRunner {
  /** The ordinary one-statement append (its errors are the store's typed errors). */
  one(append: QueuedAppend): Promise<AppendResult>;
  /** Several appends in one statement: a result per append, `undefined` where the statement did not write it. */
  many(appends: readonly QueuedAppend[]): Promise<(AppendResult | undefined)[]>;
}

/** The most appends one statement carries. */
const MAX_BATCH = 64;

/**
 * The most events an append may carry to share a statement. A large append already pays its round trip over many
 * events, and several large ones run faster side by side on their own connections than one after another in a
 * shared statement (bulk payments: 5,000 events an append, 12 % slower when batched).
 */
const MAX_BATCHED_EVENTS = 100;

/** Appends the batch statement takes: an exact expected version or a new stream, with a few events. */
export const batchable = (write: PreparedAppend): boolean => {
  if (write.eventIds.length === 0 || write.eventIds.length > MAX_BATCHED_EVENTS) return false;
  const variant = appendVariant(write.expected);
  return variant === 'exact' || variant === 'create';
};

interface Waiting extends QueuedAppend {
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** How many append statements run at once. */
export interface GroupCommitOptions {
  /** Statements at a time in the ordinary course (default 1): appends that arrive meanwhile share the next one. */
  lanes?: number;
  /** When every running statement has run `stallMs` or longer (a lock wait, say), one more starts, up to this (default 4). */
  maxLanes?: number;
  /** Default 20 ms: an append statement takes about 1 ms here. */
  stallMs?: number;
}

/**
 * Group commit: one append statement at a time (`lanes`); appends that arrive meanwhile wait and go together in the
 * next statement, one transaction, one round trip, one WAL flush. An append that finds a lane free goes at once on
 * its own (one client waits for nothing). An append the batch did not write (its expected version or a condition no
 * longer held) or a batch that failed (a duplicate event id, say) is retried on its own statement, which gives that
 * append its own answer: the same as if it had never been batched.
 *
 * A statement that stalls — waiting on a stream row another transaction holds, such as a 10,000-line import's —
 * must not hold every append of the process: when every running statement has run `stallMs` or longer while appends
 * wait, one more lane opens (up to `maxLanes`); lanes close again as their statements finish.
 *
 * A batch never holds two appends that could see each other: not two to the same stream, and not an append to a
 * stream another append of the batch names as a condition (the catalog a decision relied on) — those wait for
 * the next statement, so every append is decided and checked as if alone.
 */
export class AppendQueue {
  private readonly waiting: Waiting[] = [];
  /** When each running statement started. */
  private readonly running = new Set<{ since: number }>();
  private readonly lanes: number;
  private readonly maxLanes: number;
  private readonly stallMs: number;
  private stallTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly runner: AppendRunner,
    options: GroupCommitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.lanes = Math.max(1, options.lanes ?? 1);
    this.maxLanes = Math.max(this.lanes, options.maxLanes ?? 4);
    this.stallMs = options.stallMs ?? 20;
  }

  /** Only `batchable` appends come here; the store sends the others on their own. */
  submit(append: QueuedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.push({ ...append, resolve, reject });
      // A free lane takes it at once (alone: nothing else waits while a lane is free).
      if (this.running.size < this.lanes) this.launch(this.takeBatch());
      else this.watchForStall();
    });
  }

  private launch(batch: Waiting[]): void {
    const lane = { since: this.now() };
    this.running.add(lane);
    void this.run(batch).finally(() => this.settled(lane));
  }

  private settled(lane: { since: number }): void {
    this.running.delete(lane);
    while (this.running.size < this.lanes && this.waiting.length > 0) this.launch(this.takeBatch());
    // Still waiting behind lanes that may be stalled (the watch stops while every lane is open).
    if (this.waiting.length > 0) this.watchForStall();
  }

  private watchForStall(): void {
    if (this.stallTimer !== undefined || this.running.size >= this.maxLanes) return;
    this.stallTimer = setTimeout(() => {
      this.stallTimer = undefined;
      if (this.waiting.length === 0) return;
      const youngest = Math.max(...[...this.running].map((lane) => lane.since));
      if (this.running.size < this.maxLanes && this.now() - youngest >= this.stallMs) this.launch(this.takeBatch());
      if (this.waiting.length > 0) this.watchForStall();
    }, this.stallMs);
    this.stallTimer.unref?.();
  }

  /** The longest run of waiting appends that can share a statement, in arrival order; the rest keep waiting. */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const streams = new Set<string>();
    const conditions = new Set<string>();
    const rest: Waiting[] = [];
    for (const append of this.waiting) {
      const own = append.write.streamId;
      const fits = batch.length < MAX_BATCH && !streams.has(own) && !conditions.has(own) && append.unchanged.every((condition) => !streams.has(condition.streamId));
      if (fits) {
        batch.push(append);
        streams.add(own);
        append.unchanged.forEach((condition) => conditions.add(condition.streamId));
      } else {
        rest.push(append);
      }
    }
    this.waiting.splice(0, this.waiting.length, ...rest);
    return batch;
  }

  private async run(batch: Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [append] = batch as [Waiting];
      await this.runner.one(append).then(append.resolve, append.reject);
      return;
    }
    let results: (AppendResult | undefined)[];
    try {
      results = await this.runner.many(batch);
    } catch {
      results = batch.map(() => undefined);
    }
    // Not written by the batch: each on its own, for its own result or error.
    await Promise.all(batch.map((append, i) => (results[i] ? (append.resolve(results[i]), undefined) : this.runner.one(append).then(append.resolve, append.reject))));
  }
}
