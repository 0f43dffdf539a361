import { ConcurrencyError, EventStoreInputError } from '../errors';
import type {
  AppendOptions,
  AppendResult,
  Checkpoint,
  EventMetadata,
  EventReader,
  EventStore,
  ExpectedVersion,
  LogLag,
  NewEvent,
  ReadAllBatch,
  ReadAllOptions,
  RecordedEvent,
  StreamCondition,
  StreamHead,
  SubscribeOptions,
  Subscription,
  Upcaster,
} from '../event-store.port';
import { LAG_COUNT_LIMIT, START } from '../event-store.port';
import { expectationHolds } from '../polling-event-store';
import { sqlErrorCode } from '../sql/map-sql-error';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { CatchUpSubscription, DEFAULT_SUBSCRIPTION_TIMING, type SubscriptionTiming } from './catch-up-subscription';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import { EventNotifier } from './event-notifier';
import { UpcasterChain } from './upcaster-chain';
import { appendBatchStatement, appendStatement, appendVariant } from './append-sql';
import { AppendQueue, type GroupCommitOptions, type QueuedAppend, batchable } from './group-commit';
import { prepareAppend, prepareMetadata, type PreparedAppend } from './validate-append';

export interface PostgresEventStoreOptions {
  upcasters?: readonly Upcaster[];
  /**
   * How other processes learn about appends (polling finds everything anyway, within `pollIntervalMs`):
   * - `'after-commit'` (default): a coalesced NOTIFY on a dedicated connection (asynchronous commit) after the
   *   append returns. A NOTIFY inside the append's transaction would serialise every commit on Postgres's
   *   global notify lock (measured: 8 writers fall to ~0.2× plain INSERT throughput);
   * - `'in-transaction'`: pg_notify inside the append (exact, but commits serialise);
   * - `'off'`: polling only.
   * In-process subscribers are always woken directly.
   */
  notify?: 'after-commit' | 'in-transaction' | 'off';
  subscription?: Partial<SubscriptionTiming>;
  /** Minimum spacing of cross-process NOTIFYs (default 10 ms): bounds their cost under load. */
  notifyIntervalMs?: number;
  /** `close()` also closes the SqlClient (default false: the caller owns it). */
  ownsClient?: boolean;
  /**
   * Group commit (see `AppendQueue`): one append statement at a time, appends arriving meanwhile share the next one,
   * and a lane more while every running statement stalls. `false`: every append on its own statement, as many at
   * once as the pool has.
   */
  groupCommit?: GroupCommitOptions | false;
}

/** EVENT_COLUMNS with a null in place of each event's data (for readers that never look at it). */
const EVENT_COLUMNS_WITHOUT_DATA = EVENT_COLUMNS.replace(/(^|, )data(?=,|$)/, '$1NULL::jsonb AS data');
/** Without data there is nothing to upcast: such reads map rows as stored. */
const NO_UPCASTERS = new UpcasterChain();

/**
 * EVENT_COLUMNS where only rows of the types in `$4` (a text array) carry anything but their position and type:
 * the last row a filtered read looked at only moves the reader's checkpoint, so its payload is not sent.
 */
const EVENT_COLUMNS_OF_TYPES = EVENT_COLUMNS.split(', ')
  .map((column) => (['global_position', 'transaction_id', 'type'].includes(column) ? column : `CASE WHEN type = ANY($4::text[]) THEN ${column} END AS ${column}`))
  .join(', ');

/** The commit-safe visibility rule: only transactions older than every running one. */
export const COMMIT_SAFE = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

interface AppendRow {
  next_version: number;
  last_position: bigint;
  tx_id: bigint;
}

/** Maps database errors of an append to the store's typed errors. */
function mapAppendError(error: unknown, write: PreparedAppend): unknown {
  const code = sqlErrorCode(error);
  if (code === '23505') {
    const constraint = String((error as { constraint?: unknown }).constraint ?? '');
    if (constraint.includes('event_id')) return new EventStoreInputError('duplicate-event-id', 'An event with this id already exists');
    return new ConcurrencyError(write.streamId, write.expected, -1);
  }
  if (code === '22P05' || code === '22P02') return new EventStoreInputError('invalid-payload', `Payload rejected by the database: ${(error as Error).message}`);
  return error;
}

/** `EventStore` over any `SqlClient` (pg or PGlite): same SQL on both. */
export class PostgresEventStore implements EventStore {
  private readonly upcasters: UpcasterChain;
  private readonly notifier: EventNotifier;
  private readonly notify: 'after-commit' | 'in-transaction' | 'off';
  private notifyInFlight: Promise<void> | undefined;
  private notifyAgain = false;
  private closed = false;
  private readonly notifyIntervalMs: number;
  private readonly timing: SubscriptionTiming;
  private readonly subscriptions = new Set<Subscription>();
  private readonly appends: AppendQueue | undefined;

  constructor(
    readonly sql: SqlClient,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.upcasters = new UpcasterChain(options.upcasters);
    this.notify = options.notify ?? 'after-commit';
    this.notifyIntervalMs = options.notifyIntervalMs ?? 10;
    this.timing = { ...DEFAULT_SUBSCRIPTION_TIMING, ...options.subscription };
    this.notifier = new EventNotifier(sql, `bf_events_${sql.schema}`);
    this.appends =
      options.groupCommit === false
        ? undefined
        : new AppendQueue(
            { one: (append) => this.appendPrepared(this.sql, append.write, append.metadataJson, append.unchanged), many: (appends) => this.appendBatch(appends) },
            options.groupCommit,
          );
  }

  registerUpcaster(upcaster: Upcaster): void {
    this.upcasters.register(upcaster);
  }

  /** The notifier subscribers and projection runners wait on. */
  get notifications(): EventNotifier {
    return this.notifier;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, metadata: EventMetadata, options: AppendOptions = {}): Promise<AppendResult> {
    const metadataJson = prepareMetadata(metadata);
    const write = prepareAppend(streamId, events, expected, metadataJson);
    const unchanged = options.unchanged ?? [];
    const result = this.appends && batchable(write) ? await this.appends.submit({ write, metadataJson, unchanged }) : await this.appendPrepared(this.sql, write, metadataJson, unchanged);
    this.publish();
    return result;
  }

  async appendMany(
    writes: readonly { streamId: string; events: readonly NewEvent[]; expected: ExpectedVersion }[],
    metadata: EventMetadata,
  ): Promise<AppendResult[]> {
    const metadataJson = prepareMetadata(metadata);
    const prepared = writes.map((write) => prepareAppend(write.streamId, write.events, write.expected, metadataJson));
    if (prepared.length === 0) return [];
    const results =
      prepared.length === 1 && prepared[0]
        ? [await this.appendPrepared(this.sql, prepared[0], metadataJson)]
        : await this.sql.transaction(async (tx) => {
            const inTx: AppendResult[] = [];
            for (const write of prepared) inTx.push(await this.appendPrepared(tx, write, metadataJson));
            return inTx;
          });
    this.publish();
    return results;
  }

  /**
   * After a commit: wake local subscribers now; tell other processes with at most one NOTIFY in flight
   * and at most one per `notifyIntervalMs` (appends meanwhile are coalesced). Only a real Postgres has
   * other processes.
   */
  private publish(): void {
    this.notifier.notify();
    const sql = this.sql;
    if (this.notify !== 'after-commit' || sql.kind !== 'pg' || !sql.notify || this.closed) return;
    if (this.notifyInFlight) {
      this.notifyAgain = true;
      return;
    }
    const send = async (): Promise<void> => {
      do {
        this.notifyAgain = false;
        try {
          await sql.notify?.(this.notifier.channel);
        } catch {
          // Listeners fall back to polling.
        }
        await new Promise((resolve) => setTimeout(resolve, this.notifyIntervalMs));
      } while (this.notifyAgain && !this.closed);
    };
    this.notifyInFlight = send().finally(() => (this.notifyInFlight = undefined));
  }

  /** Appends inside an existing transaction (e.g. together with an outbox or idempotency row). */
  appendInTransaction(tx: SqlClient, streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, metadata: EventMetadata): Promise<AppendResult> {
    const metadataJson = prepareMetadata(metadata);
    return this.appendPrepared(tx, prepareAppend(streamId, events, expected, metadataJson), metadataJson);
  }

  private async appendPrepared(target: SqlClient, write: PreparedAppend, metadataJson: string, unchanged: readonly StreamCondition[] = []): Promise<AppendResult> {
    if (write.eventIds.length === 0) {
      await this.checkConditions(target, unchanged);
      // Nothing to write: only check the expectation (no stream row is created for an empty append).
      const actual = await this.streamVersionWith(target, write.streamId);
      if (!expectationHolds(write.expected, actual)) throw new ConcurrencyError(write.streamId, write.expected, actual);
      return { nextExpectedVersion: actual, globalPosition: 0n, transactionId: 0n };
    }
    const variant = appendVariant(write.expected);
    const single = write.eventIds.length === 1;
    const conditional = unchanged.length > 0;
    const statement = appendStatement(variant, this.notify === 'in-transaction', single, conditional);
    const params: unknown[] = single
      ? [write.streamId, 1, write.eventIds[0], write.types[0], write.typeVersions[0], write.data[0], metadataJson]
      : [write.streamId, write.eventIds.length, write.eventIds, write.types, write.typeVersions, write.data, metadataJson];
    if (variant === 'exact') params.push(write.expected);
    if (conditional) params.push(unchanged.map((condition) => condition.streamId), unchanged.map((condition) => condition.version));
    let rows: AppendRow[];
    try {
      ({ rows } = await target.query<AppendRow>(statement.text, params, { name: statement.name }));
    } catch (error) {
      throw mapAppendError(error, write);
    }
    const row = rows[0];
    if (!row) {
      // The stream write matched nothing: the expectation failed, or a condition did. Read the actual versions for the error.
      const actual = await this.streamVersionWith(target, write.streamId);
      if (expectationHolds(write.expected, actual)) await this.checkConditions(target, unchanged);
      throw new ConcurrencyError(write.streamId, write.expected, actual);
    }
    return { nextExpectedVersion: row.next_version, globalPosition: BigInt(row.last_position), transactionId: BigInt(row.tx_id) };
  }

  /** Several appends in one statement (group commit): a result for each one written, `undefined` for the others. */
  private async appendBatch(appends: readonly QueuedAppend[]): Promise<(AppendResult | undefined)[]> {
    const eventOf: number[] = [];
    const numberInAppend: number[] = [];
    const ids: string[] = [];
    const types: string[] = [];
    const typeVersions: number[] = [];
    const data: string[] = [];
    const conditionOf: number[] = [];
    const conditionStreams: string[] = [];
    const conditionVersions: number[] = [];
    appends.forEach(({ write, unchanged }, index) => {
      write.eventIds.forEach((id, k) => {
        eventOf.push(index + 1);
        numberInAppend.push(k + 1);
        ids.push(id);
        types.push(write.types[k]!);
        typeVersions.push(write.typeVersions[k]!);
        data.push(write.data[k]!);
      });
      for (const condition of unchanged) {
        conditionOf.push(index + 1);
        conditionStreams.push(condition.streamId);
        conditionVersions.push(condition.version);
      }
    });
    const statement = appendBatchStatement(this.notify === 'in-transaction');
    const { rows } = await this.sql.query<AppendRow & { i: number }>(
      statement.text,
      [
        appends.map(({ write }) => write.streamId),
        appends.map(({ write }) => write.eventIds.length),
        appends.map(({ write }) => (write.expected === 'no-stream' ? 0 : (write.expected as number))),
        appends.map(({ metadataJson }) => metadataJson),
        eventOf,
        numberInAppend,
        ids,
        types,
        typeVersions,
        data,
        conditionOf,
        conditionStreams,
        conditionVersions,
      ],
      { name: statement.name },
    );
    const results: (AppendResult | undefined)[] = appends.map(() => undefined);
    for (const row of rows) {
      results[row.i - 1] = { nextExpectedVersion: row.next_version, globalPosition: BigInt(row.last_position), transactionId: BigInt(row.tx_id) };
    }
    return results;
  }

  /** Throws a `ConcurrencyError` naming the first condition stream that has moved. */
  private async checkConditions(target: SqlQueryable, unchanged: readonly StreamCondition[]): Promise<void> {
    for (const condition of unchanged) {
      const actual = await this.streamVersionWith(target, condition.streamId);
      if (actual !== condition.version) throw new ConcurrencyError(condition.streamId, condition.version, actual);
    }
  }

  async readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    return this.readStreamWith(this.sql, streamId, options);
  }

  private async readStreamWith(target: SqlQueryable, streamId: string, options: { fromVersion?: number; toVersion?: number }): Promise<RecordedEvent[]> {
    const { rows } = await target.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 AND stream_version <= $3 ORDER BY stream_version`,
      [streamId, options.fromVersion ?? 1, options.toVersion ?? 2_147_483_647],
    );
    return rows.map((row) => toRecordedEvent(row, this.upcasters));
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.streamVersionWith(this.sql, streamId);
  }

  private async streamVersionWith(target: SqlQueryable, streamId: string): Promise<number> {
    const { rows } = await target.query<{ version: number }>('SELECT version FROM streams WHERE stream_id = $1', [streamId]);
    return rows[0]?.version ?? 0;
  }

  streamHeads(streamIds: readonly string[]): Promise<(StreamHead | undefined)[]> {
    return this.streamHeadsWith(this.sql, streamIds);
  }

  /** One statement for all the streams: per stream one index look-up of its last event. */
  private async streamHeadsWith(target: SqlQueryable, streamIds: readonly string[]): Promise<(StreamHead | undefined)[]> {
    if (streamIds.length === 0) return [];
    const { rows } = await target.query<{ n: number | string; stream_version: number; transaction_id: bigint; global_position: bigint }>(
      `SELECT s.n, e.stream_version, e.transaction_id, e.global_position
         FROM unnest($1::text[]) WITH ORDINALITY AS s(stream_id, n)
         CROSS JOIN LATERAL (SELECT stream_version, transaction_id, global_position FROM events
                              WHERE events.stream_id = s.stream_id ORDER BY stream_version DESC LIMIT 1) e`,
      [streamIds],
      { name: 'bf_stream_heads' },
    );
    const heads: (StreamHead | undefined)[] = streamIds.map(() => undefined);
    for (const row of rows) {
      heads[Number(row.n) - 1] = {
        version: row.stream_version,
        checkpoint: { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) },
      };
    }
    return heads;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    return this.readAllWith(this.sql, options);
  }

  /**
   * Reads with an explicit client. Must run outside a write transaction: the reader's own uncommitted
   * rows are above xmin anyway, but a transaction that holds an xid would hold xmin back for everyone.
   */
  async readAllWith(target: SqlQueryable, options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START;
    const limit = Math.max(1, Math.min(options.limit ?? 500, 10_000));
    const position = [after.transactionId.toString(), after.globalPosition.toString(), limit];
    if (!options.types) {
      const { rows } = await target.query<EventRow>(
        `SELECT ${options.withData === false ? EVENT_COLUMNS_WITHOUT_DATA : EVENT_COLUMNS} FROM events
          WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND ${COMMIT_SAFE}
          ORDER BY transaction_id, global_position
          LIMIT $3`,
        position,
      );
      const last = rows[rows.length - 1];
      const checkpoint = last ? { transactionId: BigInt(last.transaction_id), globalPosition: BigInt(last.global_position) } : after;
      const upcasters = options.withData === false ? NO_UPCASTERS : this.upcasters;
      return { events: rows.map((row) => toRecordedEvent(row, upcasters)), checkpoint, read: rows.length };
    }
    // With a types filter Postgres sends only the rows of those types, plus the last row it looked at (which moves
    // the checkpoint past the others) with the number it looked at: a read model of a few types does not receive,
    // parse and drop the whole log (a province's payments, for the disclosure tables).
    const { rows } = await target.query<EventRow & { scanned: string | number; from_end: string | number }>(
      `SELECT * FROM (
         SELECT ${EVENT_COLUMNS_OF_TYPES}, count(*) OVER () AS scanned,
                row_number() OVER (ORDER BY transaction_id DESC, global_position DESC) AS from_end
           FROM (SELECT * FROM events
                  WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND ${COMMIT_SAFE}
                  ORDER BY transaction_id, global_position
                  LIMIT $3) AS w
       ) AS r
        WHERE type = ANY($4::text[]) OR from_end = 1
        ORDER BY transaction_id, global_position`,
      [...position, options.types],
    );
    const last = rows[rows.length - 1];
    const checkpoint = last ? { transactionId: BigInt(last.transaction_id), globalPosition: BigInt(last.global_position) } : after;
    const types = new Set(options.types);
    const events = rows.filter((row) => types.has(row.type)).map((row) => toRecordedEvent(row, this.upcasters));
    return { events, checkpoint, read: last ? Number(last.scanned) : 0 };
  }

  head(): Promise<Checkpoint> {
    return this.headWith(this.sql);
  }

  /** The primary key's last entry among the rows this snapshot sees (committed), commit-safe or not. */
  async lastCommitted(): Promise<bigint | undefined> {
    const { rows } = await this.sql.query<{ global_position: bigint | string }>('SELECT global_position FROM events ORDER BY global_position DESC LIMIT 1');
    return rows[0] ? BigInt(rows[0].global_position) : undefined;
  }

  private async headWith(target: SqlQueryable): Promise<Checkpoint> {
    const { rows } = await target.query<{ transaction_id: bigint; global_position: bigint }>(
      `SELECT transaction_id, global_position FROM events WHERE ${COMMIT_SAFE}
        ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    const row = rows[0];
    return row ? { transactionId: BigInt(row.transaction_id), globalPosition: BigInt(row.global_position) } : START;
  }

  checkpointOf(globalPosition: bigint): Promise<Checkpoint | undefined> {
    return this.checkpointOfWith(this.sql, globalPosition);
  }

  /** The row is visible once its transaction has committed; one primary-key look-up. */
  private async checkpointOfWith(target: SqlQueryable, globalPosition: bigint): Promise<Checkpoint | undefined> {
    const { rows } = await target.query<{ transaction_id: bigint }>('SELECT transaction_id FROM events WHERE global_position = $1', [globalPosition.toString()]);
    const row = rows[0];
    return row ? { transactionId: BigInt(row.transaction_id), globalPosition } : undefined;
  }

  lag(after: Checkpoint): Promise<LogLag> {
    return this.lagWith(this.sql, after);
  }

  /** Count (up to LAG_COUNT_LIMIT) and age in one statement; the age by the database's clock, the one that stamped `recorded_at`. */
  private async lagWith(target: SqlQueryable, after: Checkpoint): Promise<LogLag> {
    const { rows } = await target.query<{ behind: bigint; seconds: number | string | null }>(
      `SELECT count(*) AS behind, extract(epoch FROM now() - min(recorded_at))::float8 AS seconds FROM (
         SELECT recorded_at FROM events WHERE (transaction_id, global_position) > ($1::text::xid8, $2::bigint) AND ${COMMIT_SAFE}
          ORDER BY transaction_id, global_position LIMIT $3) behind`,
      [after.transactionId.toString(), after.globalPosition.toString(), LAG_COUNT_LIMIT],
    );
    const row = rows[0];
    return { eventsBehind: Number(row?.behind ?? 0), secondsBehind: Math.max(0, Number(row?.seconds ?? 0)) };
  }

  /**
   * The reading half of the port through a given client of this store's database, e.g. a projection's
   * transaction: on PGlite (one connection) a read on the top-level client inside a transaction would wait for
   * that transaction forever, and on Postgres it saves a second connection per batch. The ProjectionRunner uses
   * it when the read models live in the same database as the events (see `readsThrough`).
   */
  readingThrough(target: SqlQueryable): EventReader {
    return {
      readStream: (streamId, options = {}) => this.readStreamWith(target, streamId, options),
      streamVersion: (streamId) => this.streamVersionWith(target, streamId),
      streamHeads: (streamIds) => this.streamHeadsWith(target, streamIds),
      readAll: (options) => this.readAllWith(target, options),
      head: () => this.headWith(target),
      checkpointOf: (globalPosition) => this.checkpointOfWith(target, globalPosition),
      lag: (after) => this.lagWith(target, after),
    };
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription = new CatchUpSubscription((read) => this.readAll(read), this.notifier, options, this.timing);
    this.subscriptions.add(subscription);
    return {
      stop: async () => {
        this.subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.notifyInFlight;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.subscriptions.clear();
    await this.notifier.close();
    if (this.options.ownsClient) await this.sql.close();
  }
}
