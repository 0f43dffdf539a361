import { BUDGET_EVENT_TYPES, BUDGET_FOLDS_WEIGHT, type Budget, budgetTotals, budgetWeight, foldBudget } from '@budgetflow/budget-domain';
import type { EventReader, Projection, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import { type BoundedCache, memoCache, readModel } from '@budgetflow/platform';

/**
 * Folds a stream through a batch's events, from the runner's last state of it (`ctx.memo`) when that stands
 * exactly one version before the batch's first event, or from nothing when the batch starts the stream (so rebuilds
 * and retried batches read the stream only where it began before the batch).
 */
async function foldThrough(store: EventReader, folded: BoundedCache<Budget>, streamId: string, batch: readonly RecordedEvent[]): Promise<Budget> {
  const known = folded.get(streamId);
  const first = batch[0].streamVersion;
  const state =
    known && known.streamVersion === first - 1
      ? foldBudget(batch, known)
      : first === 1
        ? foldBudget(batch)
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
    // Every budget of the batch in one statement; keyed by department-year, as an upsert per budget would leave them.
    const rows = new Map<string, (string | number)[]>();
    for (const [streamId, batch] of byStream) {
      const state = await foldThrough(ctx.store, memoCache(ctx.memo, 'budget-folds', BUDGET_FOLDS_WEIGHT, budgetWeight), streamId, batch);
      if (!state.content || !state.departmentCode || !state.fiscalYear) continue;
      const totals = budgetTotals(state.content);
      rows.set(`${state.fiscalYear}/${state.departmentCode}`, [
        state.departmentCode,
        state.fiscalYear,
        state.content.department.name,
        state.status,
        state.streamVersion,
        state.versions.length,
        state.versions.filter((v) => v.published).length,
        totals.income.toFixed(2),
        totals.basic.toFixed(2),
        totals.project.toFixed(2),
      ]);
    }
    if (rows.size === 0) return;
    const columns = [...rows.values()];
    await tx.query(
      `INSERT INTO ${ctx.table('budget_overview')} AS o
         (department, fiscal_year, department_name, status, stream_version, approved_versions, published_versions, income, basic, project)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::numeric[], $9::numeric[], $10::numeric[])
       ON CONFLICT (fiscal_year, department) DO UPDATE SET
         department_name = EXCLUDED.department_name, status = EXCLUDED.status, stream_version = EXCLUDED.stream_version,
         approved_versions = EXCLUDED.approved_versions, published_versions = EXCLUDED.published_versions,
         income = EXCLUDED.income, basic = EXCLUDED.basic, project = EXCLUDED.project`,
      columns[0]!.map((_, column) => columns.map((row) => row[column])),
    );
  },
});
