/**
 * The event store port: what the rest of the service may ask of an event store.
 * Adapters: Postgres (via `pg`, and PGlite in-process; both run the same SQL), KurrentDB, and an in-memory
 * store (tests, and a second non-SQL implementation that keeps the read side honest). Everything here is
 * backend-neutral: read models and read-your-writes ask through these methods, never the store's tables.
 */

/** Who did it, on whose behalf, and why. Stored with every event. */
export interface EventMetadata {
  userId: string;
  role: 'department' | 'finance' | 'supervisor' | 'admin' | 'system';
  /** Department code of the acting user, when the role is `department`. */
  department?: string;
  correlationId: string;
  causationId?: string;
  /** Free-text reason (return reason, adjustment reason …). */
  reason?: string;
  /** ISO-8601 instant the command was decided; comes from the caller's clock, never from the domain. */
  recordedAt: string;
  /** Client address, for the audit trail. */
  clientAddress?: string;
  [key: string]: unknown;
}

/** An event about to be appended. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  /** Schema version of `data` for this type; upcasters bring older versions to the current one on read. */
  typeVersion?: number;
  data: Data;
  /** Optional event id (uuid); generated when absent. */
  id?: string;
}

/** An event as read back. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  streamId: string;
  /** 1-based version of the event in its stream. */
  streamVersion: number;
  /** Commit-safe global order: (transactionId, globalPosition). */
  globalPosition: bigint;
  transactionId: bigint;
  type: Type;
  typeVersion: number;
  data: Data;
  metadata: EventMetadata;
  recordedAt: Date;
}

/**
 * Expected version of a stream before an append:
 * - `'no-stream'`: the stream must not exist yet;
 * - `'any'`: no check;
 * - `'stream-exists'`: the stream must exist;
 * - a number: the stream's current version must equal it (0 means no events).
 */
export type ExpectedVersion = 'no-stream' | 'any' | 'stream-exists' | number;

/** Another stream a decision read (a catalog, settings): the append holds only while it still stands at `version` (0: no stream). */
export interface StreamCondition {
  streamId: string;
  version: number;
}

export interface AppendOptions {
  /**
   * Streams the decision relied on besides its own: checked in the same statement as the expected version
   * (Postgres) or in the same synchronous step (in memory); a moved one fails the append with a
   * `ConcurrencyError` naming it, so the caller reads again and decides again.
   */
  unchanged?: readonly StreamCondition[];
}

export interface AppendResult {
  /** Stream version after the append (the last appended event's version). */
  nextExpectedVersion: number;
  /** Global position of the last appended event. */
  globalPosition: bigint;
  transactionId: bigint;
}

/** A position in the commit-safe global order. `{0n, 0n}` is before everything. */
export interface Checkpoint {
  transactionId: bigint;
  globalPosition: bigint;
}
export const START: Checkpoint = { transactionId: 0n, globalPosition: 0n };

export interface ReadAllOptions {
  /** Exclusive lower bound. */
  after?: Checkpoint;
  /** Batch size; default 500. */
  limit?: number;
  /** Only these event types (read-side filter; checkpoint still advances past others). */
  types?: readonly string[];
  /** `false`: the reader does not look at the events' data; a store may leave it out (`data` is then null). */
  withData?: boolean;
}

export interface ReadAllBatch {
  events: RecordedEvent[];
  /** Where to continue from; equals `after` when nothing new was safely visible. */
  checkpoint: Checkpoint;
  /** Events read up to `checkpoint`, before the `types` filter (equal to `limit` when more may be waiting). */
  read: number;
}

export interface Subscription {
  /** Stops the subscription; resolves once the handler is no longer running. */
  stop(): Promise<void>;
}

export interface SubscribeOptions {
  from: Checkpoint;
  batchSize?: number;
  /** Called with each batch in commit-safe order; the subscription waits for it before reading on. */
  handle: (batch: ReadAllBatch) => Promise<void>;
  /** Called on a read or handler error; the subscription retries after a back-off. */
  onError?: (error: unknown) => void;
}

/** Turns an older shape of an event into the current one, on read. */
export interface Upcaster {
  type: string;
  fromVersion: number;
  upcast(data: unknown): { typeVersion: number; data: unknown };
}

/** The last event of a stream: the stream's version and where that event stands in the global order. */
export interface StreamHead {
  version: number;
  checkpoint: Checkpoint;
}

/**
 * A store may stop counting the events behind a checkpoint here: past it `eventsBehind` is a lower bound. A health
 * probe (public, polled) during the rebuild of a large log then costs a bounded read, not a count of millions.
 */
export const LAG_COUNT_LIMIT = 10_000;

/** How far the safely visible log runs past a checkpoint: what a read model at that checkpoint still has to apply. */
export interface LogLag {
  /** Safely visible events after the checkpoint, counted up to `LAG_COUNT_LIMIT` at least (a lower bound past that). */
  eventsBehind: number;
  /** Age (storage time, the store's clock) of the oldest of them; 0 when none. */
  secondsBehind: number;
}

/**
 * Wake-ups for readers in this process after appends (and, where the backend can say so, appends by other
 * processes). Take a `token` before reading; `wait(token, …)` returns at once if an append came since.
 */
export interface AppendNotifications {
  readonly token: number;
  wait(token: number, timeoutMs: number): Promise<void>;
  notify(): void;
}

/**
 * The reading half of the port: what read models may ask while they apply a batch (`ProjectionContext.store`).
 * No appends: a projection is a function of the events, it never writes them.
 */
export interface EventReader {
  readStream(streamId: string, options?: { fromVersion?: number; toVersion?: number }): Promise<RecordedEvent[]>;
  /** Current version of a stream; 0 when it does not exist. */
  streamVersion(streamId: string): Promise<number>;
  /**
   * The heads of several streams in one request (in the order asked; `undefined` for a stream without events).
   * A head may be committed but not yet commit-safe: compare it with a checkpoint that is (a projection's) to
   * know whether that reader has seen the stream through it.
   */
  streamHeads(streamIds: readonly string[]): Promise<(StreamHead | undefined)[]>;
  readAll(options?: ReadAllOptions): Promise<ReadAllBatch>;
  /** The commit-safe head: the checkpoint of the last event safely visible now. */
  head(): Promise<Checkpoint>;
  /**
   * The checkpoint of the event at a global position (what a command answers as `position`), once it is
   * visible; `undefined` before that or when no event has that position. For `?after=` read-your-writes.
   */
  checkpointOf(globalPosition: bigint): Promise<Checkpoint | undefined>;
  /** Events safely visible after `after` and the age of the oldest: a read model's lag. */
  lag(after: Checkpoint): Promise<LogLag>;
}

export interface EventStore extends EventReader {
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, metadata: EventMetadata, options?: AppendOptions): Promise<AppendResult>;
  /** Append to several streams atomically (all or nothing). */
  appendMany(
    writes: readonly { streamId: string; events: readonly NewEvent[]; expected: ExpectedVersion }[],
    metadata: EventMetadata,
  ): Promise<AppendResult[]>;
  /**
   * The global position of the newest committed event (`undefined` when there is none), whether or not it is
   * commit-safe yet: what a read that must include every event committed when it came waits for (`runner.waitFor`
   * turns the position into its checkpoint). Unlike `head()`, an unrelated long transaction does not hold it back.
   */
  lastCommitted(): Promise<bigint | undefined>;
  /** Catch-up subscription: reads from `from`, then goes live; survives transient errors. */
  subscribe(options: SubscribeOptions): Subscription;
  /** What projection runners and subscriptions wait on between reads. */
  readonly notifications: AppendNotifications;
  close(): Promise<void>;
}
