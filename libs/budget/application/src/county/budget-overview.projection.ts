import { BUDGET_EVENT_TYPES, type Budget, budgetTotals, budgetWeight, foldBudget } from '@budgetflow/budget-domain';
import type { EventReader, Projection, ProjectionContext, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import { BoundedCache, readModel } from '@budgetflow/platform';

/**
 * The folded budgets kept between batches, bounded by `budgetWeight` (lines and projects): about 17 MB at most, every
 * budget of a county, the most recently changed ones of a province (a budget not kept is read again, only once a batch).
 */
const FOLDED_WEIGHT = 40_000;
const FOLDED = 'folded-budgets';

/** The projection's fold cache, kept in the runner's `memo` (so it is dropped with it when leadership moves). */
const foldedBudgets = (memo: ProjectionContext['memo']): BoundedCache<Budget> => {
  let folded = memo.get(FOLDED) as BoundedCache<Budget> | undefined;
  if (!folded) memo.set(FOLDED, (folded = new BoundedCache<Budget>(FOLDED_WEIGHT, budgetWeight)));
  return folded;
};

/**
 * Folds a stream through a batch's events, from the last state of it this projection kept when that stands
 * exactly one version before the batch's first event (so rebuilds and retried batches read the stream instead).
 */
async function foldThrough(store: EventReader, folded: BoundedCache<Budget>, streamId: string, batch: readonly RecordedEvent[]): Promise<Budget> {
  const known = folded.get(streamId);
  const first = batch[0].streamVersion;
  const state =
    known && known.streamVersion === first - 1
      ? foldBudget(batch, known)
      : foldBudget(await store.readStream(streamId, { toVersion: batch[batch.length - 1].streamVersion }));
  return folded.set(streamId, state);
}

export const BUDGET_OVERVIEW = 'budget_overview';

/**
 * One row per department-year budget: its status, stream version and totals as they stand
 * (the county view of finance and supervisors). A function of each budget stream's events.
 */
export const budgetOverviewProjection: Projection = readModel({
  name: BUDGET_OVERVIEW,
  // Budget events only: a year of payments passes by without its payloads being read.
  types: BUDGET_EVENT_TYPES,
  version: 1,
  tables: {
    budget_overview: `
      department text NOT NULL,
      fiscal_year int NOT NULL,
      department_name text NOT NULL,
      status text NOT NULL,
      stream_version int NOT NULL,
      approved_versions int NOT NULL,
      published_versions int NOT NULL,
      income numeric NOT NULL,
      basic numeric NOT NULL,
      project numeric NOT NULL,
      PRIMARY KEY (fiscal_year, department)`,
  },
  async apply(tx: SqlClient, events, ctx) {
    const byStream = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith('budget-')) continue;
      const list = byStream.get(event.streamId) ?? [];
      list.push(event);
      byStream.set(event.streamId, list);
    }
    for (const [streamId, batch] of byStream) {
      const state = await foldThrough(ctx.store, foldedBudgets(ctx.memo), streamId, batch);
      const version = state.streamVersion;
      if (!state.content || !state.departmentCode || !state.fiscalYear) continue;
      const totals = budgetTotals(state.content);
      await tx.query(
        `INSERT INTO ${ctx.table('budget_overview')} AS o
           (department, fiscal_year, department_name, status, stream_version, approved_versions, published_versions, income, basic, project)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (fiscal_year, department) DO UPDATE SET
           department_name = EXCLUDED.department_name, status = EXCLUDED.status, stream_version = EXCLUDED.stream_version,
           approved_versions = EXCLUDED.approved_versions, published_versions = EXCLUDED.published_versions,
           income = EXCLUDED.income, basic = EXCLUDED.basic, project = EXCLUDED.project`,
        [
          state.departmentCode,
          state.fiscalYear,
          state.content.department.name,
          state.status,
          version,
          state.versions.length,
          state.versions.filter((v) => v.published).length,
          totals.income.toFixed(2),
          totals.basic.toFixed(2),
          totals.project.toFixed(2),
        ],
      );
    }
  },
});
