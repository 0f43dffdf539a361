import { compareCheckpoints } from '../checkpoint';
import { ConcurrencyError, EventStoreInputError } from '../errors';
import { START, type AppendResult, type Checkpoint, type EventMetadata, type EventStore, type LogLag, type ReadAllBatch, type ReadAllOptions, type RecordedEvent, type StreamCondition, type StreamHead } from '../event-store.port';
import type { PreparedAppend } from '../postgres/validate-append';
import { PollingEventStore, expectationHolds, type PollingEventStoreOptions } from '../polling-event-store';
import { WakeUps } from '../wake-ups';

/** One event as kept: payloads as JSON text, so no reader can change what is stored (as with any real store). */
interface StoredEvent {
  id: string;
  streamId: string;
  streamVersion: number;
  globalPosition: bigint;
  transactionId: bigint;
  type: string;
  typeVersion: number;
  dataJson: string;
  metadataJson: string;
  /** Storage time (what lag is measured by). */
  storedAt: Date;
}

/**
 * The events themselves, shared by every `InMemoryEventStore` over it (as a database is shared by the stores of
 * several processes). Each append is one "transaction": its events share a transaction id (a counter), and
 * positions grow by one per event, so the global order is the append order and every appended event is
 * visible at once (no commit-safe lag as on Postgres).
 */
export class InMemoryEventLog {
  readonly events: StoredEvent[] = [];
  readonly streams = new Map<string, StoredEvent[]>();
  readonly eventIds = new Set<string>();
  readonly byPosition = new Map<bigint, StoredEvent>();
  /** Woken after every append, whichever store over this log made it. */
  readonly notifications = new WakeUps();
  private transactions = 0n;

  version(streamId: string): number {
    return this.streams.get(streamId)?.length ?? 0;
  }

  /** Checks every write, then writes them all: synchronous, so no other append interleaves (all or nothing). */
  write(writes: readonly PreparedAppend[], metadataJson: string, unchanged: readonly StreamCondition[] = []): AppendResult[] {
    for (const condition of unchanged) {
      const actual = this.version(condition.streamId);
      if (actual !== condition.version) throw new ConcurrencyError(condition.streamId, condition.version, actual);
    }
    const ids = writes.flatMap((write) => write.eventIds);
    if (new Set(ids).size !== ids.length || ids.some((id) => this.eventIds.has(id))) {
      throw new EventStoreInputError('duplicate-event-id', 'An event with this id already exists');
    }
    // Versions as each write will find them: an earlier write to the same stream in this append counts.
    const planned = new Map<string, number>();
    for (const write of writes) {
      const actual = planned.get(write.streamId) ?? this.version(write.streamId);
      if (!expectationHolds(write.expected, actual)) throw new ConcurrencyError(write.streamId, write.expected, actual);
      planned.set(write.streamId, actual + write.eventIds.length);
    }
    const transactionId = ++this.transactions;
    const storedAt = new Date();
    const results = writes.map((write): AppendResult => {
      if (write.eventIds.length === 0) return { nextExpectedVersion: this.version(write.streamId), globalPosition: 0n, transactionId: 0n };
      const stream = this.streams.get(write.streamId) ?? [];
      this.streams.set(write.streamId, stream);
      let last: StoredEvent | undefined;
      write.eventIds.forEach((id, i) => {
        last = {
          id,
          streamId: write.streamId,
          streamVersion: stream.length + 1,
          globalPosition: BigInt(this.events.length + 1),
          transactionId,
          type: write.types[i]!,
          typeVersion: write.typeVersions[i]!,
          dataJson: write.data[i]!,
          metadataJson,
          storedAt,
        };
        stream.push(last);
        this.events.push(last);
        this.eventIds.add(id);
        this.byPosition.set(last.globalPosition, last);
      });
      return { nextExpectedVersion: stream.length, globalPosition: last!.globalPosition, transactionId };
    });
    if (ids.length > 0) this.notifications.notify();
    return results;
  }

  /** Index of the first event after `after` (the log is in checkpoint order): a binary search. */
  firstAfter(after: Checkpoint): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareCheckpoints(checkpointOf(this.events[middle]!), after) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

const checkpointOf = (event: StoredEvent): Checkpoint => ({ transactionId: event.transactionId, globalPosition: event.globalPosition });

export interface InMemoryEventStoreOptions extends PollingEventStoreOptions {
  /** The log to keep events in; a fresh one by default. Stores over one log see each other's events. */
  log?: InMemoryEventLog;
}

/**
 * The event store port in process memory, no SQL anywhere: for tests, and as the second implementation that keeps
 * every read model honest (they must get their events through the port, as with KurrentDB). Same semantics as
 * the Postgres store: expected versions and `ConcurrencyError`, atomic `appendMany`, the same input validation,
 * upcasters on every read path, `readAll` with a types filter, catch-up subscriptions. Nothing survives the process.
 */
export class InMemoryEventStore extends PollingEventStore implements EventStore {
  readonly log: InMemoryEventLog;

  constructor(options: InMemoryEventStoreOptions = {}) {
    super(options);
    this.log = options.log ?? new InMemoryEventLog();
  }

  get notifications(): WakeUps {
    return this.log.notifications;
  }

  protected async write(prepared: readonly PreparedAppend[], metadataJson: string, unchanged: readonly StreamCondition[]): Promise<AppendResult[]> {
    return this.log.write(prepared, metadataJson, unchanged);
  }

  async readStream(streamId: string, options: { fromVersion?: number; toVersion?: number } = {}): Promise<RecordedEvent[]> {
    const stream = this.log.streams.get(streamId) ?? [];
    const from = Math.max(1, options.fromVersion ?? 1);
    const to = Math.min(stream.length, options.toVersion ?? stream.length);
    return stream.slice(from - 1, Math.max(from - 1, to)).map((event) => this.toRecorded(event));
  }

  async streamVersion(streamId: string): Promise<number> {
    return this.log.version(streamId);
  }

  async streamHeads(streamIds: readonly string[]): Promise<(StreamHead | undefined)[]> {
    return streamIds.map((streamId) => {
      const stream = this.log.streams.get(streamId);
      const last = stream?.[stream.length - 1];
      return last ? { version: last.streamVersion, checkpoint: checkpointOf(last) } : undefined;
    });
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllBatch> {
    const after = options.after ?? START;
    const limit = Math.max(1, Math.min(options.limit ?? 500, 10_000));
    const start = this.log.firstAfter(after);
    const rows = this.log.events.slice(start, start + limit);
    const last = rows[rows.length - 1];
    const types = options.types ? new Set(options.types) : undefined;
    const events = (types ? rows.filter((row) => types.has(row.type)) : rows).map((row) => this.toRecorded(row));
    return { events, checkpoint: last ? checkpointOf(last) : after, read: rows.length };
  }

  async head(): Promise<Checkpoint> {
    const last = this.log.events[this.log.events.length - 1];
    return last ? checkpointOf(last) : START;
  }

  async checkpointOf(globalPosition: bigint): Promise<Checkpoint | undefined> {
    const event = this.log.byPosition.get(globalPosition);
    return event ? checkpointOf(event) : undefined;
  }

  async lag(after: Checkpoint): Promise<LogLag> {
    const start = this.log.firstAfter(after);
    const oldest = this.log.events[start];
    return {
      eventsBehind: this.log.events.length - start,
      secondsBehind: oldest ? Math.max(0, (Date.now() - oldest.storedAt.getTime()) / 1000) : 0,
    };
  }

  async close(): Promise<void> {
    await this.stopSubscriptions();
  }

  private toRecorded(event: StoredEvent): RecordedEvent {
    return this.recorded(
      {
        id: event.id,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        globalPosition: event.globalPosition,
        transactionId: event.transactionId,
        type: event.type,
        typeVersion: event.typeVersion,
        data: JSON.parse(event.dataJson) as unknown,
        metadata: JSON.parse(event.metadataJson) as EventMetadata,
      },
      event.storedAt,
    );
  }
}
