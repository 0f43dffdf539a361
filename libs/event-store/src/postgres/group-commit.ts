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

/**
 * Group commit: at most `maxInFlight` append statements at a time; appends that arrive meanwhile wait and go
 * together in the next statement, one transaction, one round trip, one WAL flush. An append that finds a
 * statement free goes at once on its own (one client waits for nothing). An append the batch did not write (its
 * expected version or a condition no longer held) or a batch that failed (a duplicate event id, say) is retried
 * on its own statement, which gives that append its own answer: the same as if it had never been batched.
 *
 * A batch never holds two appends that could see each other: not two to the same stream, and not an append to a
 * stream another append of the batch names as a condition (the catalog a decision relied on) — those wait for
 * the next statement, so every append is decided and checked as if alone.
 */
export class AppendQueue {
  private inFlight = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly runner: AppendRunner,
    private readonly maxInFlight: number,
  ) {}

  /** Only `batchable` appends come here; the store sends the others on their own. */
  submit(append: QueuedAppend): Promise<AppendResult> {
    if (this.inFlight < this.maxInFlight && this.waiting.length === 0) {
      this.inFlight++;
      return this.runner.one(append).finally(() => this.settled());
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.push({ ...append, resolve, reject });
    });
  }

  private settled(): void {
    this.inFlight--;
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      this.inFlight++;
      void this.run(this.takeBatch()).finally(() => this.settled());
    }
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
