import { Socket } from 'node:net';
import { PollingEventStore, expectationHolds, type AppendWrite, type PollingEventStoreOptions } from '../polling-event-store';
import { WakeUps } from '../wake-ups';
import type { AppendStreamRequest, KurrentDBClient, Position, ResolvedEvent } from '@kurrent/kurrentdb-client';
import { compareCheckpoints } from '../checkpoint';
import { EventStoreInputError } from '../errors';
import { LAG_COUNT_LIMIT, START, type AppendResult, type Checkpoint, type EventMetadata, type EventStore, type ExpectedVersion, type LogLag, type ReadAllBatch, type ReadAllOptions, type RecordedEvent, type StreamCondition, type StreamHead } from '../event-store.port';
import type { PreparedAppend } from '../postgres/validate-append';
import {
  EVENT_ID_STREAM_PREFIX,
  USER_STREAMS_REGEX,
  checkpointOf,
  firstEndpoint,
  fromStoredData,
  isStart,
  mapKurrentError,
  positionOf,
  toStoredData,
  toStreamState,
  versionOfRevision,
  type StoredMetadata,
} from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions extends PollingEventStoreOptions {
  /** e.g. `kurrentdb://127.0.0.1:2113?tls=false`, or a `kurrentdb+discover://` cluster address. */
  connectionString: string;
  /** Follow $all live to wake readers at once (default true); polling alone otherwise. */
  live?: boolean;
}

/**
 * Wake-ups for readers in this process: bumped after every local append and, when live, on every event
 * KurrentDB pushes on its $all subscription. Same shape as the Postgres store's `notifications`, so the
 * ProjectionRunner can follow this store too.
 */
export class KurrentNotifier extends WakeUps {}

/** Events read at most past a prepare position to find its commit position (see `checkpointOf`). */
const CHECKPOINT_SEARCH = 64;

type KurrentClientModule = typeof import('@kurrent/kurrentdb-client');
let clientModule: KurrentClientModule | undefined;
/** The gRPC client, loaded on first use only (processes on Postgres never load it). */
function kurrent(): KurrentClientModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  clientModule ??= require('@kurrent/kurrentdb-client') as KurrentClientModule;
  return clientModule;
}

/** True when something accepts TCP connections at the connection string's (first) host:port within `timeoutMs`. */
export function isKurrentDbReachable(connectionString: string, timeoutMs = 1_000): Promise<boolean> {
  const endpoint = firstEndpoint(connectionString);
  if (!endpoint) return Promise.resolve(false);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(endpoint.port, endpoint.host, () => done(true));
  });
}

/**
 * The event store port on KurrentDB (`@kurrent/kurrentdb-client`). Streams map one to one; the port's
 * 1-based versions are KurrentDB revisions + 1; the global order is $all, whose (commit, prepare) position
 * is the port's (transactionId, globalPosition) checkpoint — it fits the `projection_checkpoints` columns,
 * so the ProjectionRunner keeps a KurrentDB subscription's checkpoint in the read-model Postgres in the same
 * transaction as the projection's rows. Appends to several streams use `multiStreamAppend` (atomic; needs
 * KurrentDB ≥ 25.1). A caller-supplied event id is reserved in a `bf-event-id-<id>` stream in the same atomic
 * append, which makes event ids unique across streams as on Postgres; those streams never show in reads.
 */
export class KurrentDbEventStore extends PollingEventStore implements EventStore {
  readonly notifications = new KurrentNotifier();
  private readonly client: KurrentDBClient;
  private live: { unsubscribe(): Promise<void> } | undefined;
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    super(options);
    this.client = kurrent().KurrentDBClient.connectionString(options.connectionString);
    if (options.live !== false) this.followLive();
  }

  /**
   * `unchanged` is checked just before the append, not in the same step: KurrentDB has no condition on a stream
   * it does not write to, so a change to one of those streams in between is not seen (documented in the port's
   * adapters table in docs/operations.md).
   */
  protected async write(
    prepared: readonly PreparedAppend[],
    _metadataJson: string,
    unchanged: readonly StreamCondition[],
    writes: readonly AppendWrite[],
    metadata: EventMetadata,
  ): Promise<AppendResult[]> {
    for (const condition of unchanged) await this.checkExpectation(condition.streamId, condition.version);
    const suppliedIds = writes.flatMap((write) => write.events.filter((event) => event.id !== undefined).map((event) => event.id!));
    if (new Set(suppliedIds).size !== suppliedIds.length) throw new EventStoreInputError('duplicate-event-id', 'The same event id appears twice in one append');
    const expectations = new Map(prepared.map((p) => [p.streamId, p.expected] as const));

    // Writes without events only check their expectation (nothing to make atomic).
    for (const p of prepared.filter((candidate) => candidate.eventIds.length === 0)) await this.checkExpectation(p.streamId, p.expected);
    const writing = prepared.filter((p) => p.eventIds.length > 0);
    if (writing.length > 0) {
      const requests: AppendStreamRequest[] = writing.map((p) => ({
        streamName: p.streamId,
        expectedState: toStreamState(p.expected),
        events: p.eventIds.map((id, i) => this.eventData(id, p, i, metadata)),
      }));
      for (const id of suppliedIds) {
        requests.push({ streamName: `${EVENT_ID_STREAM_PREFIX}${id}`, expectedState: kurrent().NO_STREAM, events: [kurrent().jsonEvent({ type: 'EventIdReserved', data: { eventId: id } })] });
      }
      try {
        if (requests.length === 1) {
          const only = requests[0]!;
          await this.client.appendToStream(only.streamName, only.events, { streamState: only.expectedState });
        } else {
          await this.client.multiStreamAppend(requests);
        }
      } catch (error) {
        throw mapKurrentError(error, expectations);
      }
      this.notifications.notify();
    }
    // Read back each stream's last event: its version and $all position are what readers will see.
    return Promise.all(
      prepared.map(async (p) => {
        const last = await this.lastEvent(p.streamId);
        if (!last) return { nextExpectedVersion: 0, globalPosition: 0n, transactionId: 0n };
        return { nextExpectedVersion: last.streamVersion, globalPosition: last.globalPosition, transactionId: last.transactionId };
      }),
    );
  }

  async readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    const from = Math.max(1, options.fromVersion ?? 1);
    const maxCount = options.toVersion === undefined ? undefined : options.toVersion - from + 1;
    if (maxCount !== undefined && maxCount <= 0) return [];
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: kurrent().FORWARDS, fromRevision: BigInt(from - 1), ...(maxCount ? { maxCount } : {}) })) {
        const event = this.toRecorded(resolved);
        if (event) events.push(event);
      }
    } catch (error) {
      if (error instanceof kurrent().StreamNotFoundError) return [];
      throw mapKurrentError(error, new Map());
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    return (await this.lastEvent(streamId))?.streamVersion ?? 0;
  }

  /** One backwards read of one event per stream, the streams in parallel. */
  async streamHeads(streamIds: readonly string[]): Promise<(StreamHead | undefined)[]> {
    return Promise.all(
      streamIds.map(async (streamId) => {
        const last = await this.lastEvent(streamId);
        return last ? { version: last.streamVersion, checkpoint: { transactionId: last.transactionId, globalPosition: last.globalPosition } } : undefined;
      }),
    );
  }

  /**
   * A command answers the prepare position of its last event; its commit position is at or after it. Reading
   * $all forwards from (prepare, prepare) finds the event among the first few (commit = prepare for appends
   * outside explicit transactions, which this store never uses).
   */
  async checkpointOf(globalPosition: bigint): Promise<Checkpoint | undefined> {
    try {
      for await (const resolved of this.client.readAll({
        direction: kurrent().FORWARDS,
        fromPosition: { commit: globalPosition, prepare: globalPosition },
        maxCount: CHECKPOINT_SEARCH,
        filter: kurrent().streamNameFilter({ regex: USER_STREAMS_REGEX }),
      })) {
        const event = this.toRecorded(resolved);
        if (event && event.globalPosition === globalPosition) return { transactionId: event.transactionId, globalPosition };
      }
    } catch (error) {
      throw mapKurrentError(error, new Map());
    }
    return undefined;
  }

  /**
   * Counted by reading $all forwards, at most `LAG_COUNT_LIMIT` events (a lower bound past that: KurrentDB has no
   * count of a range). The age is the oldest event's decision time, which is real time outside demo clocks
   * (refused together with EVENT_STORE=kurrentdb).
   */
  async lag(after: Checkpoint): Promise<LogLag> {
    const batch = await this.readAll({ after, limit: LAG_COUNT_LIMIT });
    const oldest = batch.events[0];
    return { eventsBehind: batch.read, secondsBehind: oldest ? Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000) : 0 };
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START;
    const limit = options.limit ?? 500;
    const types = options.types ? new Set(options.types) : undefined;
    const events: RecordedEvent[] = [];
    let checkpoint = after;
    let read = 0;
    try {
      // Reading forwards from a position includes the event at it: ask for one more and skip what is not after `after`.
      for await (const resolved of this.client.readAll({
        direction: kurrent().FORWARDS,
        fromPosition: isStart(after) ? kurrent().START : positionOf(after),
        maxCount: limit + 1,
        filter: kurrent().streamNameFilter({ regex: USER_STREAMS_REGEX }),
      })) {
        const event = this.toRecorded(resolved);
        if (!event || event.type.startsWith('$')) continue;
        const position = { transactionId: event.transactionId, globalPosition: event.globalPosition };
        if (compareCheckpoints(position, after) <= 0) continue;
        if (read === limit) break;
        read++;
        checkpoint = position;
        if (!types || types.has(event.type)) events.push(event);
      }
    } catch (error) {
      throw mapKurrentError(error, new Map());
    }
    return { events, checkpoint, read };
  }

  async head(): Promise<Checkpoint> {
    try {
      for await (const resolved of this.client.readAll({ direction: kurrent().BACKWARDS, fromPosition: kurrent().END, maxCount: 1, filter: kurrent().streamNameFilter({ regex: USER_STREAMS_REGEX }) })) {
        const event = this.toRecorded(resolved);
        if (event) return { transactionId: event.transactionId, globalPosition: event.globalPosition };
      }
    } catch (error) {
      throw mapKurrentError(error, new Map());
    }
    return START;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopSubscriptions();
    await this.live?.unsubscribe().catch(() => undefined);
    this.notifications.notify();
    await this.client.dispose();
  }

  private eventData(id: string, p: PreparedAppend, index: number, metadata: EventMetadata) {
    const { data, wrapped } = toStoredData(JSON.parse(p.data[index]!));
    const stored: StoredMetadata = { typeVersion: p.typeVersions[index]!, ...(wrapped ? { wrapped: true as const } : {}), metadata };
    return kurrent().jsonEvent({ id, type: p.types[index]!, data, metadata: stored as unknown as Record<string, unknown> });
  }

  private async checkExpectation(streamId: string, expected: ExpectedVersion): Promise<void> {
    const actual = await this.streamVersion(streamId);
    if (!expectationHolds(expected, actual)) throw mapKurrentError({ type: 'wrong-expected-version', streamName: streamId, actualState: actual === 0 ? 'no_stream' : BigInt(actual - 1) }, new Map([[streamId, expected]]));
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | undefined> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: kurrent().BACKWARDS, fromRevision: kurrent().END, maxCount: 1 })) {
        const event = this.toRecorded(resolved);
        if (event) return event;
      }
    } catch (error) {
      if (error instanceof kurrent().StreamNotFoundError) return undefined;
      throw mapKurrentError(error, new Map());
    }
    return undefined;
  }

  private toRecorded(resolved: ResolvedEvent | { event?: ResolvedEvent['event'] }): RecordedEvent | undefined {
    const event = resolved.event;
    if (!event || !event.isJson) return undefined;
    const stored = (event.metadata ?? {}) as Partial<StoredMetadata>;
    const position: Position | undefined = event.position;
    const rawData = fromStoredData(event.data, stored);
    return this.recorded(
      {
        id: event.id,
        streamId: event.streamId,
        streamVersion: versionOfRevision(event.revision),
        globalPosition: position ? checkpointOf(position).globalPosition : 0n,
        transactionId: position ? checkpointOf(position).transactionId : 0n,
        type: event.type,
        typeVersion: stored.typeVersion ?? 1,
        data: rawData,
        metadata: (stored.metadata ?? {}) as EventMetadata,
      },
      event.created,
    );
  }

  /** Wakes local readers when any process appends (KurrentDB pushes $all); resubscribes after errors. */
  private followLive(): void {
    const subscribe = (): void => {
      if (this.closed) return;
      const subscription = this.client.subscribeToAll({ fromPosition: kurrent().END, filter: kurrent().streamNameFilter({ regex: USER_STREAMS_REGEX }) });
      this.live = subscription;
      subscription.on('data', () => this.notifications.notify());
      subscription.on('error', () => {
        setTimeout(subscribe, 1_000).unref();
      });
    };
    subscribe();
  }
}
