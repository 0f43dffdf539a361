import { Inject, Injectable, Logger } from '@nestjs/common';
import { type EventStore, type ProjectionRunner, type SqlClient, activeVersion, projectionCheckpoint } from '@budgetflow/event-store';
import { type PlannedProject, pendingReminders, plannedReminders } from '@budgetflow/reminders-domain';
import { REMINDER_SCHEDULER, REMINDERS_OPTIONS } from '../tokens';
import type { RemindersOptions } from '../reminders-options';
import { type QueuedEntry, type ReminderScheduler, webhookAttemptJobId } from '../scheduling/reminder-scheduler.port';
import { ReminderSettingsStore } from '../settings/reminder-settings';
import { REMINDER_PLAN, REMINDER_PLAN_REVISION } from './reminder-plan.projection';
import { type Clock, CLOCK, EVENT_STORE, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { planChangeSeen } from './plan-watch';

interface PlanRow {
  fiscal_year: number;
  department: string;
  project_code: string;
  project_name: string;
  checkpoint: string;
  month: number;
  cumulative_percent: string;
}

export interface ReconcileOutcome {
  /** False while the plan projection is not set up yet (right after a first start): the queue is left alone. */
  ready: boolean;
  /** Jobs that should be waiting now. */
  pending: number;
  added: number;
  moved: number;
  cancelled: number;
}

/**
 * Keeps the queue equal to what Postgres says should be waiting: every unfired reminder of every approved
 * spending plan (`reminder_plan`), at the current lead times, plus webhook retries still due. Runs at start,
 * whenever the plan or the lead times change (once the plan projection has caught up), and every
 * `reconcileIntervalMs`; so a Redis that lost everything gets every pending reminder back, and an adjustment
 * moves or drops exactly the jobs it affects.
 */
@Injectable()
export class ReminderPlanner {
  private readonly logger = new Logger('ReminderPlanner');
  private running?: Promise<ReconcileOutcome>;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private lastSeen?: string;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDER_SCHEDULER) private readonly scheduler: ReminderScheduler,
    @Inject(REMINDERS_OPTIONS) private readonly options: RemindersOptions,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly settings: ReminderSettingsStore,
  ) {}

  /** The projects of approved budgets with their spending plans, as the plan projection holds them. */
  async plannedProjects(filter: { fiscalYear?: number; department?: string; projectCode?: string } = {}): Promise<PlannedProject[]> {
    if ((await activeVersion(this.sql, REMINDER_PLAN)) === undefined) return [];
    const table = await this.runner.activeTableName(REMINDER_PLAN, REMINDER_PLAN);
    const conditions: string[] = [];
    const params: unknown[] = [];
    for (const [column, value] of [['fiscal_year', filter.fiscalYear], ['department', filter.department], ['project_code', filter.projectCode]] as const) {
      if (value === undefined) continue;
      params.push(value);
      conditions.push(`${column} = $${params.length}`);
    }
    const rows = (
      await this.sql.query<PlanRow>(
        `SELECT * FROM ${table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY fiscal_year, department, project_code, month`,
        params,
      )
    ).rows;
    const projects = new Map<string, PlannedProject & { spendingPlan: PlannedProject['spendingPlan'][number][] }>();
    for (const row of rows) {
      const key = `${row.fiscal_year}/${row.department}/${row.project_code}`;
      let project = projects.get(key);
      if (!project) {
        project = { fiscalYear: row.fiscal_year, department: row.department, projectCode: row.project_code, projectName: row.project_name, spendingPlan: [] };
        projects.set(key, project);
      }
      project.spendingPlan.push({ checkpoint: row.checkpoint, month: row.month, cumulativePercent: Number(row.cumulative_percent) });
    }
    return [...projects.values()];
  }

  /** What should be waiting in the queue now, straight from Postgres. */
  async desiredJobs(): Promise<QueuedEntry[]> {
    const [projects, settings, fired] = await Promise.all([
      this.plannedProjects(),
      this.settings.current(),
      this.sql.query<{ job_id: string }>('SELECT job_id FROM reminder_firings'),
    ]);
    const now = this.clock();
    const reminders = pendingReminders(plannedReminders(projects, settings.leadDays), new Set(fired.rows.map((r) => r.job_id)), now, this.options.missedGraceMs);
    const retries = await this.sql.query<{ reminder_key: string; recipient: string; attempts: number; next_attempt_at: Date }>(
      `SELECT reminder_key, recipient, attempts, next_attempt_at FROM reminder_deliveries WHERE channel = 'webhook' AND status = 'retrying'`,
    );
    return [
      ...reminders,
      ...retries.rows.map((row) => ({
        jobId: webhookAttemptJobId(row.reminder_key, row.recipient, row.attempts + 1),
        fireAt: row.next_attempt_at,
        job: { type: 'webhook' as const, reminderKey: row.reminder_key, endpointId: row.recipient, attempt: row.attempts + 1 },
      })),
    ];
  }

  /** One reconcile at a time per process; a call during a run makes one more run after it. */
  reconcile(): Promise<ReconcileOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let outcome: ReconcileOutcome;
      do {
        this.again = false;
        outcome = await this.reconcileOnce();
      } while (this.again);
      return outcome;
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async reconcileOnce(): Promise<ReconcileOutcome> {
    // Before the plan projection exists an empty plan would cancel every waiting job: wait for it instead.
    if ((await activeVersion(this.sql, REMINDER_PLAN)) === undefined) return { ready: false, pending: 0, added: 0, moved: 0, cancelled: 0 };
    // The queue first, then Postgres. A job finishing in between is still listed (running jobs count) and its
    // firing is already recorded, so it is neither added again nor wanted; read the other way round, a job that
    // finished between the reads was missing from the queue but still unfired in the older Postgres read, and
    // was added again. Likewise a planner never cancels jobs another planner added from a newer plan than it read.
    const waiting = await this.scheduler.waiting();
    const desired = await this.desiredJobs();
    const wanted = new Set(desired.map((entry) => entry.jobId));
    const added = desired.filter((entry) => !waiting.has(entry.jobId));
    const moved = desired.filter((entry) => waiting.has(entry.jobId) && waiting.get(entry.jobId)!.getTime() !== entry.fireAt.getTime());
    // Webhook retries are never cancelled here: a stale one finds its ledger row settled and does nothing.
    const cancelled = [...waiting.keys()].filter((id) => !wanted.has(id) && !id.startsWith('webhook/'));
    await this.scheduler.schedule([...added, ...moved]);
    await this.scheduler.cancel(cancelled);
    return { ready: true, pending: desired.length, added: added.length, moved: moved.length, cancelled: cancelled.length };
  }

  /**
   * Whether the plan (its serving version or its revision) or the lead times changed, through any instance, since the
   * last look. Not while the plan projection is catching up: a rebuild reconciles once, when it has arrived, rather
   * than every second against all the plan written so far.
   */
  private async planChanged(): Promise<boolean> {
    const [checkpoint, newest, version, settings] = await Promise.all([
      projectionCheckpoint(this.sql, REMINDER_PLAN),
      this.store.lastCommitted(),
      activeVersion(this.sql, REMINDER_PLAN),
      this.settings.version(),
    ]);
    const revision = version === undefined ? undefined : (await this.sql.query<{ revision: string }>(`SELECT revision::text FROM ${REMINDER_PLAN_REVISION}`)).rows[0]?.revision;
    const seen = planChangeSeen({ readThrough: checkpoint?.globalPosition, newest, version, revision, settings }, this.lastSeen);
    if (seen === undefined) return false;
    this.lastSeen = seen;
    return true;
  }

  /** Reconcile now, whenever the plan or the lead times change, and every `reconcileIntervalMs` (0: never on its own). */
  start(): void {
    const run = () => void this.reconcile().catch((error: Error) => this.logger.warn(`reconcile failed: ${error.message}`));
    run();
    if (this.options.reconcileIntervalMs <= 0) return;
    const periodic = setInterval(run, this.options.reconcileIntervalMs);
    const watch = setInterval(() => {
      void this.planChanged()
        .then((changed) => changed && run())
        .catch(() => undefined);
    }, 1000);
    periodic.unref();
    watch.unref();
    this.timers.push(periodic, watch);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.running?.catch(() => undefined);
  }
}
