import { type ApprovedVersion, foldBudget, versionInForceOn } from '@budgetflow/budget-domain';
import type { Projection, SqlClient } from '@budgetflow/event-store';
import { readModel } from '@budgetflow/platform';

export const REMINDER_PLAN = 'reminder_plan';
/** One row: how many times the plan's rows changed (the planner reconciles when it moves, not on every batch). */
export const REMINDER_PLAN_REVISION = 'reminder_plan_revision';

/** Events after which a budget's approved content (and so its spending plans) may differ. */
const APPROVALS = new Set(['DraftApproved', 'AdjustmentApproved']);

/** The last day (YYYY-MM-DD) of a month of the fiscal year: the date a `N月底` checkpoint falls on. */
const monthEnd = (fiscalYear: number, month: number): string => new Date(Date.UTC(fiscalYear, month, 0)).toISOString().slice(0, 10);

/**
 * Each checkpoint of each project's spending plan, taken from the version in force on the checkpoint's date
 * (effective dates of 追加 / 调剂 / 调整): a project added from 15 May has no 3月底 checkpoint, one withdrawn from
 * 1 August keeps its 6月底 one and loses the later ones.
 */
export const checkpointsInForce = (versions: readonly ApprovedVersion[], fiscalYear: number) =>
  versions.flatMap((version) =>
    version.content.projects.flatMap((project) =>
      project.spendingPlan
        .filter((checkpoint) => versionInForceOn(versions, monthEnd(fiscalYear, checkpoint.month))?.version === version.version)
        .map((checkpoint) => ({ project, checkpoint, version: version.version })),
    ),
  );

/**
 * What the planner follows: one row per checkpoint of each project's spending plan, from the approved version in
 * force on the checkpoint's date (批复, then 追加 / 调剂 / 调整 from their effective dates). Version 2: until then the
 * latest approved version gave every checkpoint, whatever its date. Version 3: a revision counter beside the rows,
 * moved by every batch that rewrites a budget's plan, so the planner reconciles when the plan changed rather than
 * each time the checkpoint moves past events that do not touch it.
 */
export const reminderPlanProjection: Projection = readModel({
  name: REMINDER_PLAN,
  version: 3,
  types: [...APPROVALS],
  tables: {
    [REMINDER_PLAN]: `
      fiscal_year int NOT NULL,
      department text NOT NULL,
      project_code text NOT NULL,
      project_name text NOT NULL,
      checkpoint text NOT NULL,
      month int NOT NULL,
      cumulative_percent numeric NOT NULL,
      approved_version int NOT NULL,
      PRIMARY KEY (fiscal_year, department, project_code, month)`,
    [REMINDER_PLAN_REVISION]: `
      id int PRIMARY KEY CHECK (id = 1),
      revision bigint NOT NULL`,
  },
  async apply(tx: SqlClient, events, ctx) {
    const lastApproval = new Map<string, number>();
    for (const event of events) if (event.streamId.startsWith('budget-') && APPROVALS.has(event.type)) lastApproval.set(event.streamId, event.streamVersion);
    const table = ctx.table(REMINDER_PLAN);
    for (const [streamId, version] of lastApproval) {
      const state = foldBudget(await ctx.store.readStream(streamId, { toVersion: version }));
      if (state.versions.length === 0 || !state.departmentCode || !state.fiscalYear) continue;
      await tx.query(`DELETE FROM ${table} WHERE fiscal_year = $1 AND department = $2`, [state.fiscalYear, state.departmentCode]);
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (const { project, checkpoint, version: inForce } of checkpointsInForce(state.versions, state.fiscalYear)) {
        const n = values.length;
        tuples.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`);
        values.push(state.fiscalYear, state.departmentCode, project.code, project.name, checkpoint.checkpoint, checkpoint.month, String(checkpoint.cumulativePercent), inForce);
        // Keep statements well under Postgres's 65535 parameters.
        if (values.length > 40_000) {
          await insertRows(tx, table, tuples.splice(0), values.splice(0));
        }
      }
      if (tuples.length > 0) await insertRows(tx, table, tuples, values);
    }
    if (lastApproval.size > 0) {
      await tx.query(
        `INSERT INTO ${ctx.table(REMINDER_PLAN_REVISION)} AS r (id, revision) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET revision = r.revision + 1`,
      );
    }
  },
});

const insertRows = (tx: SqlClient, table: string, tuples: string[], values: unknown[]) =>
  tx.query(
    `INSERT INTO ${table} (fiscal_year, department, project_code, project_name, checkpoint, month, cumulative_percent, approved_version) VALUES ${tuples.join(', ')}`,
    values,
  );
