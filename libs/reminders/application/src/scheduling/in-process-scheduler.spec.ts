import { InProcessScheduler } from './in-process-scheduler';
import type { QueuedJob } from './reminder-scheduler.port';

const digest = (month: number): QueuedJob => ({ type: 'digest', fiscalYear: 2024, checkpointMonth: month });
const at = (iso: string) => new Date(iso);

describe('in-process scheduler', () => {
  let now: Date;
  let scheduler: InProcessScheduler;
  let ran: number[];
  beforeEach(() => {
    now = at('2024-03-01T00:00:00Z');
    scheduler = new InProcessScheduler(() => now);
    ran = [];
    scheduler.start(async (job) => {
      if (job.type === 'digest') ran.push(job.checkpointMonth);
    }, 0);
  });

  it('given jobs at different times, when the clock passes some, then only those run, earliest first, once', async () => {
    await scheduler.schedule([
      { jobId: 'b', fireAt: at('2024-06-30T00:00:00Z'), job: digest(6) },
      { jobId: 'a', fireAt: at('2024-03-31T00:00:00Z'), job: digest(3) },
      { jobId: 'c', fireAt: at('2024-10-31T00:00:00Z'), job: digest(10) },
    ]);
    now = at('2024-07-01T00:00:00Z');
    expect(await scheduler.runDue()).toBe(2);
    expect(await scheduler.runDue()).toBe(0);
    expect(ran).toEqual([3, 6]);
    expect([...(await scheduler.waiting()).keys()]).toEqual(['c']);
  });

  it('scheduling an id again moves it instead of adding it; a cancelled id never runs', async () => {
    await scheduler.schedule([{ jobId: 'a', fireAt: at('2024-03-31T00:00:00Z'), job: digest(3) }, { jobId: 'b', fireAt: at('2024-03-31T00:00:00Z'), job: digest(6) }]);
    await scheduler.schedule([{ jobId: 'a', fireAt: at('2024-04-30T00:00:00Z'), job: digest(3) }]);
    await scheduler.cancel(['b']);
    now = at('2024-04-01T00:00:00Z');
    await scheduler.runDue();
    expect(ran).toEqual([]);
    now = at('2024-05-01T00:00:00Z');
    await scheduler.runDue();
    expect(ran).toEqual([3]);
    expect(scheduler.nextFireAt()).toBeUndefined();
  });

  it('a failing job stays and is retried later with a growing delay (at least once, like BullMQ)', async () => {
    let calls = 0;
    scheduler.start(async () => {
      calls += 1;
      if (calls < 3) throw new Error('store away');
    }, 0);
    await scheduler.schedule([{ jobId: 'a', fireAt: now, job: digest(3) }]);
    await scheduler.runDue();
    expect(calls).toBe(1);
    expect(scheduler.nextFireAt()!.getTime() - now.getTime()).toBe(2000);
    now = new Date(now.getTime() + 2000);
    await scheduler.runDue();
    expect(scheduler.nextFireAt()!.getTime() - now.getTime()).toBe(4000);
    now = new Date(now.getTime() + 4000);
    await scheduler.runDue();
    expect(calls).toBe(3);
    expect(scheduler.nextFireAt()).toBeUndefined();
  });
});
