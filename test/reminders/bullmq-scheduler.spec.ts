import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { BullmqScheduler, DELIVERIES_QUEUE, REMINDERS_QUEUE, type QueuedJob, redisConnection, startQueueWorkers } from '@budgetflow/reminders-application';
import { reminderJobId, type CheckpointDigestJob } from '@budgetflow/reminders-domain';

/** The BullMQ adapter with short real delays against the shared Redis, in a queue prefix of its own. */
describe('BullMQ scheduler', () => {
  const connection = redisConnection(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = `bftest-${randomBytes(4).toString('hex')}`;
  const reminders = new Queue(REMINDERS_QUEUE, { connection, prefix });
  const deliveries = new Queue(DELIVERIES_QUEUE, { connection, prefix });
  const scheduler = new BullmqScheduler(reminders, deliveries, () => new Date());
  const fired: string[] = [];
  const workers = startQueueWorkers(connection, prefix, async (job: QueuedJob) => {
    fired.push(job.type === 'webhook' ? `webhook ${job.attempt}` : reminderJobId(job));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    for (const queue of [reminders, deliveries]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  const digest = (month: number): CheckpointDigestJob => ({ type: 'digest', fiscalYear: 2024, checkpointMonth: month });
  const entry = (month: number, inMs: number) => ({ jobId: reminderJobId(digest(month)), fireAt: new Date(Date.now() + inMs), job: digest(month) });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('fires each id once, moves a rescheduled one, drops a cancelled one', async () => {
    await scheduler.schedule([entry(3, 400), entry(6, 400), entry(10, 400)]);
    // The same ids again (a restart, a second planner): nothing new; June moves to later; October is withdrawn.
    await scheduler.schedule([entry(3, 400), entry(6, 2_000)]);
    await scheduler.cancel([reminderJobId(digest(10))]);
    expect([...(await scheduler.waiting()).keys()].sort()).toEqual(['digest/2024/03', 'digest/2024/06']);

    await sleep(1_200);
    expect(fired).toEqual(['digest/2024/03']);
    await sleep(1_800);
    expect(fired).toEqual(['digest/2024/03', 'digest/2024/06']);
    expect((await scheduler.waiting()).size).toBe(0);
  });

  it('webhook retries go to the deliveries queue', async () => {
    await scheduler.schedule([{ jobId: 'webhook/k/e/2', fireAt: new Date(Date.now() + 200), job: { type: 'webhook', reminderKey: 'k', endpointId: 'e', attempt: 2 } }]);
    expect(await deliveries.getJobCounts('delayed')).toEqual({ delayed: 1 });
    await sleep(1_000);
    expect(fired).toContain('webhook 2');
  });
});
