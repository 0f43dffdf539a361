import { type ApprovedVersion, foldBudget } from '@budgetflow/budget-domain';
import type { EventReader, Projection, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import { readModel } from '@budgetflow/platform';
import {
  type IndicatorProgressRecorded,
  type PaymentRecorded,
  type PaymentReversed,
  type PaymentTarget,
  approvedBudgetOf,
  approvedBudgetToWire,
} from '@budgetflow/execution-domain';

export const EXECUTION_MONITORING = 'execution_monitoring';

/** `execution-501-2024` → department and fiscal year. */
const EXECUTION_STREAM = /^execution-([0-9A-Za-z]{1,32})-(\d{4})$/;
const BUDGET_APPROVALS = ['DraftApproved', 'AdjustmentApproved'];

const targetColumns = (target: PaymentTarget): [string, string] =>
  target.kind === 'basic' ? ['basic', target.lineId] : ['project', target.projectCode];

/**
 * The read model of 双监控: every payment and reversal as a dated, signed entry; every indicator report; every
 * approved version of every budget (reduced to lines, projects, plans and indicators). Figures "as of" a date are
 * sums over entries dated up to then, so any past date is one query, not a replay.
 */
export const executionMonitoringProjection: Projection = readModel({
  name: EXECUTION_MONITORING,
  version: 1,
  types: ['PaymentRecorded', 'PaymentReversed', 'IndicatorProgressRecorded', ...BUDGET_APPROVALS],
  tables: {
    execution_entries: `
      fiscal_year int NOT NULL,
      department text NOT NULL,
      voucher text NOT NULL,
      entry text NOT NULL CHECK (entry IN ('payment', 'reversal')),
      target_kind text NOT NULL,
      target_code text NOT NULL,
      entry_date date NOT NULL,
      amount numeric NOT NULL,
      payee text NOT NULL,
      note text NOT NULL,
      reason text,
      overspend boolean NOT NULL DEFAULT false,
      PRIMARY KEY (fiscal_year, department, voucher, entry)`,
    execution_indicator_reports: `
      fiscal_year int NOT NULL,
      department text NOT NULL,
      project_code text NOT NULL,
      indicator text NOT NULL,
      report_date date NOT NULL,
      position bigint NOT NULL,
      actual_to_date numeric NOT NULL,
      forecast numeric NOT NULL,
      deviation_cause text,
      deviation_note text,
      likelihood text NOT NULL,
      PRIMARY KEY (fiscal_year, department, project_code, indicator, position)`,
    execution_budget_versions: `
      fiscal_year int NOT NULL,
      department text NOT NULL,
      version int NOT NULL,
      approved_at timestamptz NOT NULL,
      budget jsonb NOT NULL,
      PRIMARY KEY (fiscal_year, department, version)`,
  },
  afterTables: (suffix) => `CREATE INDEX IF NOT EXISTS execution_entries${suffix}_by_date ON execution_entries${suffix} (fiscal_year, entry_date, department)`,
  async apply(tx: SqlClient, events, ctx) {
    const entries: unknown[][] = [];
    const budgetStreams = new Map<string, number>();
    for (const event of events) {
      if (BUDGET_APPROVALS.includes(event.type)) {
        budgetStreams.set(event.streamId, event.streamVersion);
        continue;
      }
      const address = EXECUTION_STREAM.exec(event.streamId);
      if (!address) continue;
      const [department, fiscalYear] = [address[1], Number(address[2])];
      if (event.type === 'PaymentRecorded') {
        const { data } = event as RecordedEvent<'PaymentRecorded', PaymentRecorded['data']>;
        entries.push([fiscalYear, department, data.voucher, 'payment', ...targetColumns(data.target), data.date, data.amount, data.payee, data.note, null, data.overspend !== undefined]);
      } else if (event.type === 'PaymentReversed') {
        const { data } = event as RecordedEvent<'PaymentReversed', PaymentReversed['data']>;
        entries.push([fiscalYear, department, data.voucher, 'reversal', ...targetColumns(data.target), data.date, `-${data.amount}`, '', '', data.reason, false]);
      } else if (event.type === 'IndicatorProgressRecorded') {
        const { data } = event as RecordedEvent<'IndicatorProgressRecorded', IndicatorProgressRecorded['data']>;
        await tx.query(
          `INSERT INTO ${ctx.table('execution_indicator_reports')}
             (fiscal_year, department, project_code, indicator, report_date, position, actual_to_date, forecast, deviation_cause, deviation_note, likelihood)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
          [fiscalYear, department, data.projectCode, data.indicator, data.date, event.globalPosition, data.actualToDate, data.forecast, data.deviationCause ?? null, data.deviationNote ?? null, data.likelihood],
        );
      }
    }
    if (entries.length > 0) await insertEntries(tx, ctx.table('execution_entries'), entries);
    for (const [streamId, version] of budgetStreams) await storeApprovedVersions(tx, ctx.store, ctx.table('execution_budget_versions'), streamId, version);
  },
});

/** Thousands of payments arrive in one batch: one statement per 1,000 rows, columns as arrays. */
async function insertEntries(tx: SqlClient, table: string, rows: unknown[][]): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const column = (i: number) => chunk.map((row) => row[i]);
    await tx.query(
      `INSERT INTO ${table} (fiscal_year, department, voucher, entry, target_kind, target_code, entry_date, amount, payee, note, reason, overspend)
       SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::numeric[], $9::text[], $10::text[], $11::text[], $12::boolean[])
       ON CONFLICT DO NOTHING`,
      Array.from({ length: 12 }, (_, i) => column(i)),
    );
  }
}

/** Folds the budget stream up to the approval and stores every approved version it holds (upsert: versions never change). */
async function storeApprovedVersions(tx: SqlClient, store: EventReader, table: string, streamId: string, version: number): Promise<void> {
  const state = foldBudget(await store.readStream(streamId, { toVersion: version }));
  if (!state.departmentCode || !state.fiscalYear) return;
  for (const approved of state.versions) {
    const budget = approvedBudgetToWire(approvedBudgetOf(approved.content, approved.version, approved.approvedAt, inForceOf(approved)));
    await tx.query(
      `INSERT INTO ${table} (fiscal_year, department, version, approved_at, budget) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (fiscal_year, department, version) DO NOTHING`,
      [state.fiscalYear, state.departmentCode, approved.version, approved.approvedAt, JSON.stringify(budget)],
    );
  }
}

/** A version's effective date and the change that made it, as execution keeps them. */
export const inForceOf = (approved: ApprovedVersion) => ({
  effectiveFrom: approved.effectiveFrom,
  ...(approved.change
    ? {
        change: {
          adjustmentId: approved.change.adjustmentId,
          kind: approved.change.kind,
          ...(approved.change.documentNumber ? { documentNumber: approved.change.documentNumber } : {}),
          reason: approved.change.reason,
          backDated: approved.change.backDated,
        },
      }
    : {}),
});
