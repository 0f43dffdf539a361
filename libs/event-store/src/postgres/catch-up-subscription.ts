import type { Checkpoint, ReadAllBatch, ReadAllOptions, SubscribeOptions, Subscription } from '../event-store.port';
import type { EventNotifier } from './event-notifier';

export interface SubscriptionTiming {
  /** Re-read at least this often when no notification arrives; default 200 ms. */
  pollIntervalMs: number;
  /** First retry delay after an error, doubled up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

const EAGER_READ_INTERVAL_MS = 50;
const EAGER_READS_AFTER_NOTIFY = 100;

export const DEFAULT_SUBSCRIPTION_TIMING: SubscriptionTiming = { pollIntervalMs: 200, minBackoffMs: 100, maxBackoffMs: 5_000 };

/**
 * Catch-up then live: reads batches from the checkpoint, hands each to the handler (and waits for it),
 * and when caught up sleeps until a notification or the polling interval. A failed read or handler is
 * retried from the same checkpoint after a back-off, so the handler sees each event at least once,
 * in commit-safe order, and never skips one.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  private readonly done: Promise<void>;
  private checkpoint: Checkpoint;
  private wakeSleep: (() => void) | undefined;

  constructor(
    private readonly readAll: (options: ReadAllOptions) => Promise<ReadAllBatch>,
    private readonly notifier: EventNotifier,
    private readonly options: SubscribeOptions,
    private readonly timing: SubscriptionTiming,
  ) {
    this.checkpoint = options.from;
    this.done = this.run();
  }

  /** Where the subscription will continue from. */
  get position(): Checkpoint {
    return this.checkpoint;
  }

  private async run(): Promise<void> {
    await this.notifier.start();
    const limit = this.options.batchSize ?? 500;
    let backoff = this.timing.minBackoffMs;
    // After a notification the new events may still be held back by an older transaction elsewhere in the
    // cluster (commit-safe reads): look again soon a few times rather than waiting out the poll interval.
    let eagerReads = 0;
    while (!this.stopped) {
      const token = this.notifier.token;
      try {
        const batch = await this.readAll({ after: this.checkpoint, limit });
        if (this.stopped) return;
        if (batch.events.length > 0) await this.options.handle(batch);
        this.checkpoint = batch.checkpoint;
        backoff = this.timing.minBackoffMs;
        if (batch.events.length >= limit) continue;
        if (batch.events.length > 0) eagerReads = 0;
        const eager = eagerReads > 0;
        if (eager) eagerReads--;
        await this.notifier.wait(token, eager ? Math.min(EAGER_READ_INTERVAL_MS, this.timing.pollIntervalMs) : this.timing.pollIntervalMs);
        if (this.notifier.token !== token && batch.events.length === 0) eagerReads = EAGER_READS_AFTER_NOTIFY;
      } catch (error) {
        if (this.stopped) return;
        try {
          this.options.onError?.(error);
        } catch {
          // an error reporter that throws must not kill the subscription
        }
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.timing.maxBackoffMs);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeSleep = undefined;
        resolve();
      }, ms);
      this.wakeSleep = () => {
        clearTimeout(timer);
        this.wakeSleep = undefined;
        resolve();
      };
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeSleep?.();
    // Wake this subscription's wait without disturbing others: a spurious wake just re-checks `stopped`.
    this.notifier.notify();
    await this.done;
  }
}
