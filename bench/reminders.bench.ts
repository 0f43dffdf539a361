/**
 * Checkpoint reminders for 10,000 projects (100 departments × 100 projects, four quarterly checkpoints, leads
 * 10 and 3 days + warning: about 120,000 jobs), next fiscal year so that every reminder is still ahead:
 *  1. the REAL worker process (dist/apps/worker, BullMQ on REDIS_URL, unique prefix) reconciles the whole plan
 *     into BullMQ; its RSS is sampled every 200 ms: idle before the plan, peak while reconciling, settled after;
 *  2. in-process (the reminders module in the bench process, in-process scheduler): full reconcile of the plan,
 *     then the 10,000 March lead-10 reminders fired (figures, policy, inbox row + ledger, signed webhook POST to
 *     a local receiver + ledger).
 * One run (the whole module is about a minute at full size). No physical reference and no target: issue 8 asks
 * for the worker's RSS to be reported.
 * Run: registered as `reminders` in bench/registry.ts (BENCH_ONLY=reminders). Env: REDIS_URL (default
 * redis://127.0.0.1:6379), BENCH_PROJECTS (default 10000 × BENCH_SCALE).
 */
import type { BenchContext, BenchRow, BenchSection } from './support/report';
import { inProcessReminders } from './reminders/in-process-reminders';
import { type ReminderPlanFixture, reminderPlanFixture } from './reminders/reminder-plan-fixture';
import { startBenchWorker } from './reminders/worker-process';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface WorkerMeasure {
  idleMb: number;
  peakMb: number;
  settledMb: number;
  reconcileSeconds: number;
}

/**
 * The worker starts on the empty plan (idle level), then the plan is written and its revision moved:
 * the worker's planner notices (it polls once a second) and reconciles every job into BullMQ.
 */
async function measureWorker(fixture: ReminderPlanFixture, databaseUrl: string, redisUrl: string, expectedJobs: () => Promise<number>): Promise<WorkerMeasure> {
  const worker = await startBenchWorker({ databaseUrl, schema: fixture.schema, redisUrl });
  try {
    await sleep(1500); // its first reconcile (of the empty plan) comes a second after start
    const idleMb = await worker.rss.settledMb(2000);
    await fixture.writePlan();
    const jobs = await expectedJobs();
    const started = performance.now();
    await fixture.announcePlan();
    const deadline = Date.now() + 180_000;
    while ((await worker.queuedJobs()) < jobs) {
      if (Date.now() > deadline) throw new Error(`the worker queued ${await worker.queuedJobs()} of ${jobs} jobs in 180 s`);
      await sleep(200);
    }
    const reconcileSeconds = (performance.now() - started) / 1000;
    const settledMb = await worker.rss.settledMb(2000);
    return { idleMb, peakMb: worker.rss.peakMb(), settledMb, reconcileSeconds };
  } finally {
    await worker.stop();
  }
}

export async function runRemindersBench(context: BenchContext): Promise<BenchSection[]> {
  const projectsWanted = Number(process.env['BENCH_PROJECTS'] ?? Math.max(100, Math.round(10_000 * Math.min(1, context.scale))));
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const fiscalYear = new Date().getFullYear() + 1;
  const fixture = await reminderPlanFixture(context.databaseUrl, projectsWanted, fiscalYear);
  try {
    const inProcess = await inProcessReminders(fixture, context.databaseUrl);
    try {
      const worker = await measureWorker(fixture, context.databaseUrl, redisUrl, inProcess.desiredJobs);
      const jobs = await inProcess.desiredJobs();
      context.log(`reminders: worker queued ${jobs} jobs in ${worker.reconcileSeconds.toFixed(2)} s; RSS idle ${worker.idleMb.toFixed(0)} MB, peak ${worker.peakMb.toFixed(0)} MB, settled ${worker.settledMb.toFixed(0)} MB`);
      const plan = await inProcess.plan();
      if (plan.jobs !== jobs) throw new Error(`in-process reconcile planned ${plan.jobs} jobs, the plan asks for ${jobs}`);
      const deliver = await inProcess.deliverMarchReminders();
      context.log(`reminders: in-process plan ${plan.seconds.toFixed(2)} s, ${deliver.delivered} delivered in ${deliver.seconds.toFixed(2)} s`);
      const rows: BenchRow[] = [
        {
          measure: `worker process: reconcile ${jobs.toLocaleString('en-US')} jobs of ${fixture.projects.toLocaleString('en-US')} projects into BullMQ`,
          value: jobs / worker.reconcileSeconds,
          unit: 'jobs/s',
          note: `${worker.reconcileSeconds.toFixed(1)} s from the plan's revision moving to the last job in Redis (includes up to 1 s until the planner's poll notices)`,
        },
        {
          measure: 'worker RSS, peak while reconciling the plan into BullMQ (sampled every 200 ms)',
          value: worker.peakMb,
          unit: 'MB',
          note: `settled after the reconcile: ${worker.settledMb.toFixed(0)} MB`,
        },
        { measure: 'worker RSS, idle (started, plan still empty)', value: worker.idleMb, unit: 'MB' },
        {
          measure: `in-process: reconcile the same ${jobs.toLocaleString('en-US')} jobs into the in-process scheduler`,
          value: jobs / plan.seconds,
          unit: 'jobs/s',
          note: `${plan.seconds.toFixed(2)} s`,
        },
        {
          measure: `in-process: deliver ${deliver.delivered.toLocaleString('en-US')} March lead-10 reminders (inbox + signed webhook)`,
          value: deliver.delivered / deliver.seconds,
          unit: 'reminders/s',
          note: `${deliver.seconds.toFixed(1)} s of work; every webhook answered by the local receiver and in the ledger; ${deliver.clockSeconds} s on the moved clock (two tries per endpoint at once, the rest deferred a second)`,
        },
      ];
      return [
        {
          title: 'Reminders: planning, delivery and worker memory',
          rows,
          notes: [
            `Plan: ${fixture.projects.toLocaleString('en-US')} projects of 100 departments, four quarterly checkpoints each, fiscal year ${fiscalYear} (every reminder still ahead), written straight into the plan projection's table; one webhook endpoint per department on a local receiver.`,
            'Worker: dist/apps/worker/src/main.js as `npm run start:worker` runs it (LOG_LEVEL=warn, its own BULLMQ_PREFIX, projections included), RSS from /proc/<pid>/status VmRSS; its queues and keys are deleted afterwards.',
            'Delivery runs in the bench process (in-process scheduler, a moved clock, every project behind plan): a real worker delivers only when the reminders fall due. With 100 projects a department, one endpoint receives 100 webhooks; at most two tries of an endpoint run at once and the others wait a second (issue 15: one slow endpoint never holds the others), so the clock moves a second a wave and the seconds of work are measured.',
            'One run: no medians; no physical reference or target (issue 8: report the worker RSS).',
          ],
        },
      ];
    } finally {
      await inProcess.close();
    }
  } finally {
    await fixture.close();
  }
}
