/**
 * The reminders module in the bench process (Nest testing module, in-process scheduler, a clock the bench
 * moves): reconcile the whole plan, then fire the March lead-10 reminders of every project — figures (every
 * project 10 % executed, so behind plan), policy, inbox row + ledger, signed webhook POST to the local
 * receiver + ledger.
 */
import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { loadConfig, CLOCK, EVENT_STORE, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { Decimal } from '@budgetflow/budget-domain';
import { TOKEN_VERIFIER } from '@budgetflow/platform';
import {
  type ExecutionFigures,
  InProcessScheduler,
  REMINDER_SCHEDULER,
  REMINDERS_OPTIONS,
  ReminderPlanner,
  RemindersModule,
  remindersOptionsFrom,
} from '@budgetflow/reminders-application';
import { leadReminderTime, shanghaiTime } from '@budgetflow/reminders-domain';
import type { ReminderPlanFixture } from './reminder-plan-fixture';

export interface InProcessReminders {
  /** How many jobs the plan asks for now (read only: nothing is scheduled). */
  desiredJobs(): Promise<number>;
  /** Full reconcile of the plan into the in-process scheduler. */
  plan(): Promise<{ jobs: number; seconds: number }>;
  /** Moves the clock to the March lead-10 reminders and runs every due job. */
  /**
   * Moves the clock to the March lead-10 reminders and runs every due job, then moves it a second at a time
   * (deferred tries) until every webhook is delivered; `clockSeconds` is how long that takes on the clock.
   */
  deliverMarchReminders(): Promise<{ delivered: number; seconds: number; clockSeconds: number }>;
  close(): Promise<void>;
}

/** Every project 10 % executed: behind plan at the March reminders. */
class BehindPlanFigures implements ExecutionFigures {
  projectProgress = async () => ({ approvedAmount: new Decimal(100000), executedAmount: new Decimal(10000), plannedPercent: '25', executedPercent: '10.00', warningLevel: 'yellow' as const });
  behindPlan = async () => [];
}

export async function inProcessReminders(fixture: ReminderPlanFixture, databaseUrl: string): Promise<InProcessReminders> {
  let now = shanghaiTime(fixture.fiscalYear, 1, 10);
  const clock = () => now;
  // The receiver listens on loopback, which webhooks may reach only when the operator allows it.
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: fixture.schema, LOG_LEVEL: 'silent', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const scheduler = new InProcessScheduler(clock);

  @Global()
  @Module({
    providers: [
      { provide: SQL_CLIENT, useValue: fixture.sql },
      // The reminder settings are a settings stream (SettingsStreams over the event store).
      { provide: EVENT_STORE, useValue: fixture.store },
      { provide: CLOCK, useValue: clock },
      { provide: PROJECTION_RUNNER, useValue: fixture.runner },
      { provide: TOKEN_VERIFIER, useValue: { verify: async () => Promise.reject(new Error('no tokens in the bench')) } },
    ],
    exports: [SQL_CLIENT, EVENT_STORE, CLOCK, PROJECTION_RUNNER, TOKEN_VERIFIER],
  })
  class BenchGlobals {}

  const app: TestingModule = await Test.createTestingModule({ imports: [BenchGlobals, RemindersModule.forRoot(config, { executionFigures: BehindPlanFigures })] })
    .overrideProvider(REMINDER_SCHEDULER)
    .useValue(scheduler)
    .overrideProvider(REMINDERS_OPTIONS)
    // No ticks, no periodic reconcile: the bench decides when anything runs.
    .useValue({ ...remindersOptionsFrom(config), tickMs: 0, reconcileIntervalMs: 0 })
    .compile();
  await app.init();
  const planner = app.get(ReminderPlanner);
  const deliveredWebhooks = async (): Promise<number> => {
    const { rows } = await fixture.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM reminder_deliveries WHERE channel = 'webhook' AND status = 'delivered'`);
    return rows[0]?.n ?? 0;
  };
  await planner.reconcile(); // the start-up reconcile (of whatever plan is there yet) is over before anything is measured

  return {
    desiredJobs: async () => (await planner.desiredJobs()).length,
    plan: async () => {
      const started = performance.now();
      const outcome = await planner.reconcile();
      return { jobs: outcome.pending, seconds: (performance.now() - started) / 1000 };
    },
    deliverMarchReminders: async () => {
      now = leadReminderTime(fixture.fiscalYear, 3, 10);
      const started = performance.now();
      // At most two tries of one endpoint run at once; the others are deferred a second. The clock moves a
      // second a wave (the bench does not sleep through the deferrals), until every project's webhook is through.
      let waves = 0;
      let delivered = 0;
      for (; waves < 600; waves++) {
        await scheduler.runDue();
        delivered = await deliveredWebhooks();
        if (delivered >= fixture.projects) break;
        now = new Date(now.getTime() + 1000);
      }
      const seconds = (performance.now() - started) / 1000;
      if (delivered !== fixture.received()) throw new Error(`ledger says ${delivered} delivered, receiver got ${fixture.received()}`);
      if (delivered !== fixture.projects) {
        const { rows: byStatus } = await fixture.sql.query<{ status: string; channel: string; n: number }>(
          `SELECT status, channel, count(*)::int AS n FROM reminder_deliveries GROUP BY status, channel`,
        );
        throw new Error(`${delivered} of ${fixture.projects} March reminders delivered after ${waves} waves (ledger: ${JSON.stringify(byStatus)})`);
      }
      return { delivered, seconds, clockSeconds: waves + 1 };
    },
    close: () => app.close(),
  };
}
