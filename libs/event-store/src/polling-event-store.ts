import { compareCheckpoints } from './checkpoint';
import type { AppendOptions, AppendResult, Checkpoint, EventMetadata, ExpectedVersion, NewEvent, ReadAllBatch, ReadAllOptions, RecordedEvent, StreamCondition, SubscribeOptions, Subscription, Upcaster } from './event-store.port';
import { UpcasterChain } from './postgres/upcaster-chain';
import { prepareAppend, prepareMetadata, type PreparedAppend } from './postgres/validate-append';
import type { WakeUps } from './wake-ups';

export interface PollingEventStoreOptions {
  upcasters?: readonly Upcaster[];
  /** Re-read at least this often without a wake-up (subscriptions); default 200 ms. */
  pollIntervalMs?: number;
}

/** Whether a stream at version `actual` (0: none) meets what an append expects. */
export function expectationHolds(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === 0;
  if (expected === 'stream-exists') return actual > 0;
  return expected === actual;
}

/** When an event was decided: the caller's `recordedAt` when it is a valid instant, the storage time otherwise (as on Postgres). */
export function decidedAt(metadata: EventMetadata, storedAt: Date): Date {
  const decided = typeof metadata.recordedAt === 'string' ? new Date(metadata.recordedAt) : undefined;
  return decided && !Number.isNaN(decided.getTime()) ? decided : storedAt;
}

/** One stream's part of an `appendMany`. */
export interface AppendWrite {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedVersion;
}

/**
 * What the stores without a database-side subscription (in memory, KurrentDB) share: the append's validation and
 * serialisation (as on Postgres) before the store writes it, `append` as a one-write `appendMany`, upcasting and
 * dating what they read, and catch-up subscriptions that read `readAll` batches, wait on the store's wake-ups
 * (or the poll interval) when caught up, and back off after errors.
 */
export abstract class PollingEventStore {
  protected readonly upcasters: UpcasterChain;
  protected readonly pollIntervalMs: number;
  private readonly subscriptions = new Set<Subscription>();
  abstract readonly notifications: WakeUps;

  constructor(options: PollingEventStoreOptions) {
    this.upcasters = new UpcasterChain(options.upcasters ?? []);
    this.pollIntervalMs = options.pollIntervalMs ?? 200;
  }

  abstract readAll(options?: ReadAllOptions): Promise<ReadAllBatch>;
  abstract head(): Promise<Checkpoint>;

  /** Every appended event is visible at once in these stores: the newest is the head. */
  async lastCommitted(): Promise<bigint | undefined> {
    const head = await this.head();
    return head.globalPosition > 0n ? head.globalPosition : undefined;
  }

  /**
   * Writes the validated appends atomically if every `unchanged` condition holds: `prepared` is each write's ids,
   * types and JSON, `metadataJson` the metadata as stored; `writes` and `metadata` are the append as the caller gave it.
   */
  protected abstract write(
    prepared: readonly PreparedAppend[],
    metadataJson: string,
    unchanged: readonly StreamCondition[],
    writes: readonly AppendWrite[],
    metadata: EventMetadata,
  ): Promise<AppendResult[]>;

  /** `unchanged`: the append's conditions on other streams (see `AppendOptions`). */
  async appendMany(writes: readonly AppendWrite[], metadata: EventMetadata, unchanged: readonly StreamCondition[] = []): Promise<AppendResult[]> {
    const metadataJson = prepareMetadata(metadata);
    const prepared = writes.map((write) => prepareAppend(write.streamId, write.events, write.expected, metadataJson));
    return this.write(prepared, metadataJson, unchanged, writes, metadata);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, metadata: EventMetadata, options: AppendOptions = {}): Promise<AppendResult> {
    const [result] = await this.appendMany([{ streamId, events, expected }], metadata, options.unchanged);
    return result!;
  }

  subscribe(options: SubscribeOptions): Subscription {
    let running = true;
    let checkpoint = options.from;
    const wakeUps = this.notifications;
    const loop = (async () => {
      let backoff = 100;
      while (running) {
        const token = wakeUps.token;
        try {
          const batch = await this.readAll({ after: checkpoint, limit: options.batchSize ?? 500 });
          if (compareCheckpoints(batch.checkpoint, checkpoint) > 0) {
            await options.handle(batch);
            checkpoint = batch.checkpoint;
            backoff = 100;
            continue;
          }
          await wakeUps.wait(token, this.pollIntervalMs);
        } catch (error) {
          if (!running) return;
          try {
            options.onError?.(error);
          } catch {
            // a throwing reporter must not stop the subscription
          }
          await wakeUps.wait(wakeUps.token, backoff);
          backoff = Math.min(backoff * 2, 5_000);
        }
      }
    })();
    const subscription: Subscription = {
      stop: async () => {
        running = false;
        this.subscriptions.delete(subscription);
        wakeUps.notify();
        await loop;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** A stored event as every read returns it: upcast to its type's latest version, dated when it was decided. */
  protected recorded(stored: Omit<RecordedEvent, 'recordedAt'>, storedAt: Date): RecordedEvent {
    const { typeVersion, data } = this.upcasters.size > 0 ? this.upcasters.upcast(stored.type, stored.typeVersion, stored.data) : stored;
    return { ...stored, typeVersion, data, recordedAt: decidedAt(stored.metadata, storedAt) };
  }

  /** Stops every subscription still running (what closing the store does first). */
  protected async stopSubscriptions(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }
}
