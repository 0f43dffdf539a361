/**
 * Scheduling and delivering checkpoint reminders for 10,000 projects (100 departments × 100 projects, four
 * quarterly checkpoints, leads 10 and 3 days + warning: 120,000 jobs + 4 digests), delivered to a local
 * webhook receiver (one endpoint per department) and the inbox.
 *
 *   1. plan      — reconcile: read the plan from Postgres and put every job into the scheduler
 *                  (in-process; and BullMQ on REDIS_URL when set, unique prefix, cleaned up after)
 *   2. deliver   — fire the 10,000 March lead-10 reminders (every project behind plan): figures, policy,
 *                  inbox row + ledger, signed webhook POST to the local receiver + ledger
 *
 * Run by hand: `npx tsc -p tsconfig.build.json; node -r ./tools/register-dist-paths.js dist/bench/reminders.bench.js`
 * Env: DATABASE_URL (default local), REDIS_URL (optional, adds the BullMQ scheduling measure), BENCH_PROJECTS (default 10000).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { loadConfig } from '@budgetflow/config';
import { CLOCK, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/budget-application';
import { Decimal } from '@budgetflow/budget-domain';
import { DEFAULT_DATABASE_URL, PgSqlClient, PostgresEventStore, ProjectionRunner, runMigrations } from '@budgetflow/event-store';
import { TOKEN_VERIFIER } from '@budgetflow/http';
import {
  BullmqScheduler,
  DELIVERIES_QUEUE,
  EXECUTION_FIGURES,
  type ExecutionFigures,
  InProcessScheduler,
  REMINDER_SCHEDULER,
  REMINDERS_OPTIONS,
  REMINDERS_QUEUE,
  ReminderPlanner,
  RemindersModule,
  redisConnection,
  reminderPlanProjection,
  remindersOptionsFrom,
} from '@budgetflow/reminders-application';
import { leadReminderTime, shanghaiTime } from '@budgetflow/reminders-domain';

export interface RemindersBenchResult {
  projects: number;
  jobs: number;
  planSeconds: number;
  bullmqScheduleSeconds?: number;
  delivered: number;
  deliverSeconds: number;
  remindersPerSecond: number;
}

const DEPARTMENTS = 100;

export async function runRemindersBench(options: { databaseUrl?: string; redisUrl?: string; projects?: number } = {}): Promise<RemindersBenchResult> {
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const projectsTotal = options.projects ?? Number(process.env['BENCH_PROJECTS'] ?? 10_000);
  const perDepartment = Math.ceil(projectsTotal / DEPARTMENTS);
  const schema = `bench_rem_${randomBytes(4).toString('hex')}`;
  const sql = new PgSqlClient({ connectionString: databaseUrl, schema, max: 10, applicationName: 'bench:reminders' });
  await runMigrations(sql);

  let received = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received += 1;
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  let now = shanghaiTime(2024, 1, 10);
  const clock = () => now;
  const store = new PostgresEventStore(sql);
  const runner = new ProjectionRunner({ sql, store, projections: [reminderPlanProjection] });
  runner.start();
  for (let i = 0; i < 100 && !(await sql.query(`SELECT 1 FROM projection_versions WHERE name = 'reminder_plan'`)).rows.length; i++) await new Promise((r) => setTimeout(r, 100));
  const table = await runner.activeTableName('reminder_plan', 'reminder_plan');

  // The plan as the projection would hold it after approving 100 budgets (written directly: this measures reminders).
  const quarters: [string, number, number][] = [['3月底', 3, 25], ['6月底', 6, 50], ['10月底', 10, 75], ['12月底', 12, 100]];
  for (let d = 0; d < DEPARTMENTS; d++) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let p = 0; p < perDepartment; p++) {
      for (const [checkpoint, month, percent] of quarters) {
        const n = values.length;
        tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, 1)`);
        values.push(2024, `D${d}`, `P${d}-${p}`, `项目${d}-${p}`, checkpoint, month, percent);
      }
    }
    await sql.query(`INSERT INTO ${table} (fiscal_year, department, project_code, project_name, checkpoint, month, cumulative_percent, approved_version) VALUES ${tuples.join(', ')}`, values);
    await sql.query(`INSERT INTO webhook_endpoints (id, audience, url, secret, created_by) VALUES ($1, $2, $3, 'bench-secret-0123456789', 'bench')`, [`hook-${d}`, `department:D${d}`, `${receiverUrl}/D${d}`]);
  }

  // Every project 10 % executed: behind plan at the March reminders.
  const figures: ExecutionFigures = {
    projectProgress: async () => ({ approvedAmount: new Decimal(100000), executedAmount: new Decimal(10000), plannedPercent: '25', executedPercent: '10.00', warningLevel: 'yellow' }),
    behindPlan: async () => [],
  };
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, LOG_LEVEL: 'silent' });
  const scheduler = new InProcessScheduler(clock);

  @Global()
  @Module({
    providers: [
      { provide: SQL_CLIENT, useValue: sql },
      { provide: CLOCK, useValue: clock },
      { provide: PROJECTION_RUNNER, useValue: runner },
      { provide: TOKEN_VERIFIER, useValue: { verify: async () => Promise.reject(new Error('no tokens in the bench')) } },
    ],
    exports: [SQL_CLIENT, CLOCK, PROJECTION_RUNNER, TOKEN_VERIFIER],
  })
  class BenchGlobals {}

  const moduleRef = await Test.createTestingModule({ imports: [BenchGlobals, RemindersModule.forRoot(config)] })
    .overrideProvider(EXECUTION_FIGURES)
    .useValue(figures)
    .overrideProvider(REMINDER_SCHEDULER)
    .useValue(scheduler)
    .overrideProvider(REMINDERS_OPTIONS)
    .useValue({ ...remindersOptionsFrom(config), tickMs: 0, reconcileIntervalMs: 0 })
    .compile();
  const app = moduleRef;
  await app.init();
  const planner = app.get(ReminderPlanner);

  try {
    let started = performance.now();
    const outcome = await planner.reconcile();
    const planSeconds = (performance.now() - started) / 1000;

    let bullmqScheduleSeconds: number | undefined;
    const redisUrl = options.redisUrl ?? process.env['REDIS_URL'];
    if (redisUrl) {
      const connection = redisConnection(redisUrl);
      const prefix = `bench-${randomBytes(3).toString('hex')}`;
      const queues = [new Queue(REMINDERS_QUEUE, { connection, prefix }), new Queue(DELIVERIES_QUEUE, { connection, prefix })];
      try {
        const bull = new BullmqScheduler(queues[0], queues[1], clock);
        const entries = await planner.desiredJobs();
        const t0 = performance.now();
        await bull.schedule(entries);
        bullmqScheduleSeconds = (performance.now() - t0) / 1000;
        if ((await bull.waiting()).size !== entries.length) throw new Error('BullMQ did not keep every job');
      } finally {
        for (const queue of queues) {
          await queue.obliterate({ force: true });
          await queue.close();
        }
      }
    }

    now = leadReminderTime(2024, 3, 10);
    started = performance.now();
    await scheduler.runDue();
    const deliverSeconds = (performance.now() - started) / 1000;
    const delivered = Number((await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM reminder_deliveries WHERE channel = 'webhook' AND status = 'delivered'`)).rows[0].n);
    if (delivered !== received) throw new Error(`ledger says ${delivered} delivered, receiver got ${received}`);
    return { projects: DEPARTMENTS * perDepartment, jobs: outcome.pending, planSeconds, bullmqScheduleSeconds, delivered, deliverSeconds, remindersPerSecond: delivered / deliverSeconds };
  } finally {
    await app.close();
    await runner.stop();
    await store.close();
    receiver.close();
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await sql.close();
  }
}

if (require.main === module) {
  runRemindersBench()
    .then((r) => {
      process.stdout.write(
        `reminders bench: ${r.projects} projects, ${r.jobs} jobs planned in ${r.planSeconds.toFixed(2)} s (in-process)` +
          (r.bullmqScheduleSeconds !== undefined ? `, ${r.bullmqScheduleSeconds.toFixed(2)} s into BullMQ` : '') +
          `; ${r.delivered} reminders delivered (inbox + signed webhook to a local receiver) in ${r.deliverSeconds.toFixed(2)} s = ${r.remindersPerSecond.toFixed(0)}/s\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
}
