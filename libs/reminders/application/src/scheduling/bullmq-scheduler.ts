import { type ConnectionOptions, type JobsOptions, Queue, Worker, type WorkerOptions } from 'bullmq';
import type { JobHandler, QueuedEntry, QueuedJob, ReminderScheduler } from './reminder-scheduler.port';

/** Checkpoint reminders and digests. */
export const REMINDERS_QUEUE = 'reminders';
/** Webhook retries. */
export const DELIVERIES_QUEUE = 'deliveries';

/**
 * A failing job (e.g. Postgres briefly away) is retried by BullMQ. A completed one keeps its id in Redis for a day
 * (Postgres remembers for good): a planner that read Postgres just before the job fired and adds it again just
 * after adds nothing, since BullMQ ignores an add of an id it still holds.
 */
export const REMINDER_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600 },
  removeOnFail: { count: 10_000 },
};

/** ioredis options from `redis://[:password@]host:port[/db]`; BullMQ needs `maxRetriesPerRequest: null`. */
export const redisConnection = (redisUrl: string): ConnectionOptions => {
  const url = new URL(redisUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 6379),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.pathname.length > 1 ? { db: Number(url.pathname.slice(1)) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
  };
};

interface JobData {
  fireAt: string;
  job: QueuedJob;
}

const queueOf = (job: QueuedJob) => (job.type === 'webhook' ? DELIVERIES_QUEUE : REMINDERS_QUEUE);

/**
 * BullMQ behind the scheduler port: one delayed job per deterministic id (a second add of the same id is a
 * no-op in BullMQ, so restarts and a second planner instance create no duplicates); moving = changing the
 * delay of the waiting job.
 */
export class BullmqScheduler implements ReminderScheduler {
  readonly kind = 'bullmq' as const;

  constructor(
    private readonly reminders: Queue,
    private readonly deliveries: Queue,
    private readonly clock: () => Date,
  ) {}

  private queue(name: string): Queue {
    return name === DELIVERIES_QUEUE ? this.deliveries : this.reminders;
  }

  async schedule(entries: readonly QueuedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const now = this.clock().getTime();
    const waiting = entries.length > 50 ? await this.waiting() : await this.waitingAmong(entries);
    const fresh = entries.filter((entry) => !waiting.has(entry.jobId));
    const moved = entries.filter((entry) => waiting.has(entry.jobId) && waiting.get(entry.jobId)!.getTime() !== entry.fireAt.getTime());
    for (const name of [REMINDERS_QUEUE, DELIVERIES_QUEUE]) {
      const batch = fresh.filter((entry) => queueOf(entry.job) === name);
      for (let i = 0; i < batch.length; i += 1000) {
        await this.queue(name).addBulk(
          batch.slice(i, i + 1000).map((entry) => ({
            name: entry.job.type,
            data: { fireAt: entry.fireAt.toISOString(), job: entry.job } satisfies JobData,
            opts: { ...REMINDER_JOB_OPTIONS, jobId: entry.jobId, delay: Math.max(entry.fireAt.getTime() - now, 0) },
          })),
        );
      }
    }
    for (const entry of moved) {
      const job = await this.queue(queueOf(entry.job)).getJob(entry.jobId);
      if (!job) continue;
      await job.updateData({ fireAt: entry.fireAt.toISOString(), job: entry.job } satisfies JobData);
      if ((await job.getState()) === 'delayed') await job.changeDelay(Math.max(entry.fireAt.getTime() - this.clock().getTime(), 0));
    }
  }

  /** The waiting ones among a few entries, one lookup each (cheaper than listing the queues). */
  private async waitingAmong(entries: readonly QueuedEntry[]): Promise<Map<string, Date>> {
    const result = new Map<string, Date>();
    for (const entry of entries) {
      const job = await this.queue(queueOf(entry.job)).getJob(entry.jobId);
      if (!job?.id) continue;
      const state = await job.getState();
      // A job that failed for good: let a new add replace it. A completed one has fired (its firing is in
      // Postgres): it counts as there, so a planner that read Postgres before it fired does not add it again.
      if (state === 'failed') await job.remove();
      else result.set(job.id, new Date((job.data as JobData).fireAt));
    }
    return result;
  }

  async cancel(jobIds: readonly string[]): Promise<void> {
    for (const id of jobIds) {
      const queue = id.startsWith('webhook/') ? this.deliveries : this.reminders;
      const job = await queue.getJob(id);
      if (job && ['delayed', 'waiting', 'prioritized', 'waiting-children'].includes(await job.getState())) await job.remove();
    }
  }

  async waiting(): Promise<Map<string, Date>> {
    const result = new Map<string, Date>();
    for (const queue of [this.reminders, this.deliveries]) {
      // Running ones too: a job being fired must not look missing to the planner (it would be added again).
      const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized', 'paused', 'active']);
      for (const job of jobs) if (job?.id) result.set(job.id, new Date((job.data as JobData).fireAt));
    }
    return result;
  }
}

/**
 * Plain BullMQ workers on both queues (the worker app gets its processors from @nestjs/bullmq instead;
 * tests and the benchmark use these). Stalled jobs — a worker killed mid-job — are picked up again once
 * their lock expires.
 */
export const startQueueWorkers = (connection: ConnectionOptions, prefix: string, handler: JobHandler, options: Partial<WorkerOptions> = {}): Worker[] =>
  [REMINDERS_QUEUE, DELIVERIES_QUEUE].map(
    (name) => new Worker(name, async (job) => handler((job.data as JobData).job), { connection, prefix, concurrency: 8, ...options }),
  );
