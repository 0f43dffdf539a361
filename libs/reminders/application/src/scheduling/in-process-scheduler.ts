import { Logger } from '@nestjs/common';
import type { JobHandler, QueuedEntry, QueuedJob, ReminderScheduler } from './reminder-scheduler.port';

interface WaitingJob {
  fireAt: Date;
  job: QueuedJob;
  failures: number;
}

const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * The embedded default's scheduler (no Redis): jobs in memory, fired by `runDue()` against the injected
 * clock — every `tickMs` when started, or by hand when a test drives a simulated year. A failed job is
 * retried with exponential backoff (at least once, like BullMQ); the planner restores lost jobs on start.
 */
export class InProcessScheduler implements ReminderScheduler {
  readonly kind = 'in-process' as const;
  private readonly jobs = new Map<string, WaitingJob>();
  private handler?: JobHandler;
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly logger = new Logger('InProcessScheduler');

  /** `concurrency`: due jobs handled at once (like a BullMQ worker's concurrency). */
  constructor(
    private readonly clock: () => Date,
    private readonly concurrency = 8,
  ) {}

  async schedule(entries: readonly QueuedEntry[]): Promise<void> {
    for (const entry of entries) {
      const existing = this.jobs.get(entry.jobId);
      if (existing) existing.fireAt = entry.fireAt;
      else this.jobs.set(entry.jobId, { fireAt: entry.fireAt, job: entry.job, failures: 0 });
    }
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) this.jobs.delete(id);
  }

  async waiting(): Promise<Map<string, Date>> {
    return new Map([...this.jobs].map(([id, job]) => [id, job.fireAt]));
  }

  /** The earliest waiting fire time (tests step a simulated clock from one to the next). */
  nextFireAt(): Date | undefined {
    let next: Date | undefined;
    for (const job of this.jobs.values()) if (!next || job.fireAt < next) next = job.fireAt;
    return next;
  }

  /** Hands due jobs to `handler`; with `tickMs > 0` also looks for due jobs on a timer. */
  start(handler: JobHandler, tickMs: number): void {
    this.handler = handler;
    if (tickMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.runDue().catch((error) => this.logger.error(error)), tickMs);
      this.timer.unref();
    }
  }

  /** Runs every job due at the clock's now, earliest first; answers how many ran. One run at a time. */
  runDue(): Promise<number> {
    if (!this.handler) return Promise.resolve(0);
    this.running ??= this.drain(this.handler).finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(handler: JobHandler): Promise<number> {
    let ran = 0;
    for (;;) {
      // One pass over what is due now, earliest first, `concurrency` at a time; jobs scheduled meanwhile run in the next pass.
      const now = this.clock();
      const due = [...this.jobs].filter(([, job]) => job.fireAt <= now).sort(([a, x], [b, y]) => x.fireAt.getTime() - y.fireAt.getTime() || (a < b ? -1 : 1));
      if (due.length === 0) return ran;
      let cursor = 0;
      const lanes = Array.from({ length: Math.min(this.concurrency, due.length) }, async () => {
        for (let next = due[cursor++]; next; next = due[cursor++]) {
          const [id, waiting] = next;
          if (this.jobs.get(id) !== waiting || waiting.fireAt > now) continue; // cancelled or moved meanwhile
          try {
            await handler(waiting.job);
            if (this.jobs.get(id) === waiting) this.jobs.delete(id);
          } catch (error) {
            waiting.failures += 1;
            waiting.fireAt = new Date(this.clock().getTime() + Math.min(1000 * 2 ** waiting.failures, MAX_RETRY_DELAY_MS));
            this.logger.warn(`job ${id} failed (${waiting.failures}×), retrying at ${waiting.fireAt.toISOString()}: ${(error as Error).message}`);
          }
          ran += 1;
        }
      });
      await Promise.all(lanes);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
