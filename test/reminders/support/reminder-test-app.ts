import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, type ServiceConfig, CLOCK, PROJECTION_RUNNER } from '@budgetflow/platform';
import { type ProjectionRunner, PgSqlClient } from '@budgetflow/event-store';
import { PROBLEM_MAPPERS, ProblemDetailsFilter, type Role, loadOrCreateLocalKey, mintLocalToken } from '@budgetflow/platform';
import {
  EXECUTION_FIGURES,
  type ExecutionFigures,
  InProcessScheduler,
  REMINDER_PLAN,
  REMINDER_SCHEDULER,
  REMINDERS_OPTIONS,
  ReminderFiring,
  ReminderPlanner,
  remindersOptionsFrom,
} from '@budgetflow/reminders-application';
import { testDatabaseUrl, uniqueSchemaName } from '@budgetflow/testing';
import { AppModule } from '../../../apps/api/src/app.module';
import { eventStoreEnv } from '../../support/event-store-under-test';
import { BUDGET_URL as B, loadBudgetFacts } from '../../support/guantao-fixture';

/** A clock the test moves: simulated time, optionally running on in step with real time. */
export class SimulatedClock {
  private offset = 0;
  constructor(start: Date) {
    this.set(start);
  }
  set(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
  }
  readonly now = (): Date => new Date(Date.now() + this.offset);
}

export interface ReminderTestApp {
  app: NestFastifyApplication;
  config: ServiceConfig;
  clock: SimulatedClock;
  /** The in-process scheduler (when no REDIS_URL), driven by hand. */
  scheduler?: InProcessScheduler;
  planner: ReminderPlanner;
  firing: ReminderFiring;
  sql: PgSqlClient;
  token(role: Role, department?: string, userId?: string): Promise<string>;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; headers: Record<string, unknown>; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Waits until the reminder plan projection has applied a command's position (commit-safe readers wait for every older transaction in the cluster, so allow for a busy one). */
  planCaughtUp(position: string): Promise<void>;
  /** Fires every job due up to `until`, stepping the clock from one fire time to the next. */
  runUntil(until: Date): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app (AppModule, as in production) on a fresh Postgres schema, with the clock, the scheduler and
 * the execution figures replaced: a simulated year runs in seconds. Automatic reconciling is off unless `watchPlan`;
 * tests call `planner.reconcile()` where the app would do it on its own.
 */
export async function createReminderTestApp(options: { figures: ExecutionFigures; start: Date; env?: Record<string, string>; watchPlan?: boolean }): Promise<ReminderTestApp> {
  const schema = uniqueSchemaName('rem');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-reminders-'));
  const config = loadConfig({ DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema, DATA_DIR: dataDir, LOG_LEVEL: 'silent', REMINDER_RECONCILE_MS: '0', RATE_LIMIT_PER_MINUTE: '0', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...eventStoreEnv(), ...options.env });
  const clock = new SimulatedClock(options.start);
  const scheduler = config.redisUrl ? undefined : new InProcessScheduler(clock.now);
  let builder = Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(CLOCK)
    .useValue(clock.now)
    .overrideProvider(EXECUTION_FIGURES)
    .useValue(options.figures)
    .overrideProvider(REMINDERS_OPTIONS)
    // `watchPlan`: the planner watches the plan each second as in production (its periodic run an hour away).
    .useValue({ ...remindersOptionsFrom(config), tickMs: 0, reconcileIntervalMs: options.watchPlan ? 3_600_000 : 0 });
  if (scheduler) builder = builder.overrideProvider(REMINDER_SCHEDULER).useValue(scheduler);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter(PROBLEM_MAPPERS));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const { privateKey } = await loadOrCreateLocalKey(dataDir);
  const sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: 2 });
  const runner = app.get<ProjectionRunner>(PROJECTION_RUNNER);

  return {
    app,
    config,
    clock,
    scheduler,
    planner: app.get(ReminderPlanner),
    firing: app.get(ReminderFiring),
    sql,
    token: (role, department, userId) => mintLocalToken(privateKey, { role, department, userId, audience: config.auth.audience }),
    request: async (method, url, requestOptions = {}) => {
      const headers: Record<string, string> = { ...requestOptions.headers };
      if (requestOptions.token) headers['authorization'] = `Bearer ${requestOptions.token}`;
      if (requestOptions.body !== undefined) headers['content-type'] = 'application/json';
      const response = await app.inject({ method, url, headers, ...(requestOptions.body !== undefined ? { payload: JSON.stringify(requestOptions.body) } : {}) });
      let body: unknown;
      try {
        body = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        body = response.body;
      }
      return { status: response.statusCode, headers: response.headers, body };
    },
    planCaughtUp: async (position) => {
      if (!(await runner.waitFor(REMINDER_PLAN, BigInt(position), 30_000))) throw new Error('reminder plan projection did not catch up');
    },
    runUntil: async (until) => {
      if (!scheduler) throw new Error('runUntil needs the in-process scheduler');
      for (;;) {
        const next = scheduler.nextFireAt();
        if (!next || next > until) break;
        if (next > clock.now()) clock.set(next);
        await scheduler.runDue();
      }
      clock.set(until);
      await scheduler.runDue();
    },
    close: async () => {
      await app.close();
      try {
        if (config.eventStore === 'memory') {
          // The proof that memory mode is what it claims: not one event went to the SQL store.
          const inSql = Number((await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
          if (inSql > 0) throw new Error(`TEST_EVENT_STORE=memory, yet ${inSql} events are in the schema's events table`);
        }
        await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await sql.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * 馆陶县信访局's 2024 budget imported, submitted and approved through the API, and the reminder plan caught up with
 * the approval: where every reminder test starts. Answers the clerk's and finance's tokens and the approval.
 */
export async function approveFixture(t: ReminderTestApp) {
  const dept = await t.token('department', '501', 'clerk-501');
  const finance = await t.token('finance', undefined, 'finance-zhang');
  expect((await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() })).status).toBe(200);
  expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
  const approved = await t.request('POST', `${B}/approve`, { token: finance });
  expect(approved.body).toMatchObject({ events: ['DraftApproved'] });
  await t.planCaughtUp(approved.body.position);
  return { dept, finance, approved };
}
