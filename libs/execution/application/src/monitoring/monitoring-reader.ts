import { Inject, Injectable } from '@nestjs/common';
import { Decimal, type Money } from '@budgetflow/budget-domain';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import {
  type ApprovedBudget,
  type ApprovedBudgetWire,
  type CountyMonitoring,
  type DepartmentMonitoring,
  type IndicatorReport,
  type IsoDate,
  approvedBudgetFromWire,
  endOfShanghaiDay,
  indicatorKey,
  monitorCounty,
  monitorDepartment,
  versionInForce,
} from '@budgetflow/execution-domain';
import { CLOCK, type Clock, httpProblem, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { type AsOfQuery, asOfDate, positionParam } from '../shared/execution-request';
import { EXECUTION_MONITORING } from './execution-monitoring.projection';
import { ExecutionSettingsService } from '../execution-settings/execution-settings.service';

interface VersionRow {
  department: string;
  version: number;
  approved_at: Date;
}

interface ApprovedVersionRow {
  department: string;
  version: number;
  approvedAt: string;
  effectiveFrom?: string;
  budget: ApprovedBudget;
}

interface ExecutedRow {
  department: string;
  target_kind: string;
  target_code: string;
  executed: string;
}

interface ReportRow {
  department: string;
  project_code: string;
  indicator: string;
  report_date: string;
  actual_to_date: string;
  forecast: string;
  deviation_cause: IndicatorReport['deviationCause'] | null;
  deviation_note: string | null;
  likelihood: IndicatorReport['likelihood'];
}

export interface EntryRow {
  voucher: string;
  entry: 'payment' | 'reversal';
  target_kind: 'basic' | 'project';
  target_code: string;
  entry_date: string;
  amount: string;
  payee: string;
  note: string;
  reason: string | null;
  overspend: boolean;
}

/**
 * Reads the 双监控 read model as of a date: the approved version in force per department, net executed amounts
 * per line and project (entries dated up to the date), the latest indicator report per indicator; the domain
 * turns them into figures.
 */
@Injectable()
export class MonitoringReader {
  private readonly budgetCache = new Map<string, ApprovedBudget>();

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    private readonly settings: ExecutionSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The date a read asks for (`asOf`, `checkpoint` or today by the service clock), once the read model has applied the write at `after`. */
  async readyAsOf(query: AsOfQuery, fiscalYear: number): Promise<IsoDate> {
    const asOf = asOfDate(query, fiscalYear, this.clock);
    await this.catchUp(positionParam(query.after));
    return asOf;
  }

  /** Read-your-writes: wait until the read model has applied the write at `position`. */
  async catchUp(position: bigint | undefined): Promise<void> {
    if (position === undefined) return;
    if (!(await this.runner.waitFor(EXECUTION_MONITORING, position, 10_000))) {
      throw httpProblem('SERVICE_UNAVAILABLE', '执行监控数据尚未更新到该写入位置，请稍后重试');
    }
  }

  private table(base: string): Promise<string> {
    return this.runner.activeTableName(EXECUTION_MONITORING, base);
  }

  async departments(fiscalYear: number, asOf: IsoDate, department?: string): Promise<DepartmentMonitoring[]> {
    const only = department === undefined ? '' : ' AND department = $3';
    const [versions, entries, reports] = await Promise.all([this.table('execution_budget_versions'), this.table('execution_entries'), this.table('execution_indicator_reports')]);
    const params = department === undefined ? [fiscalYear, asOf] : [fiscalYear, asOf, department];
    const [versionRows, executedRows, reportRows, settings] = await Promise.all([
      this.approvedVersions(versions, fiscalYear, department),
      this.sql.query<ExecutedRow>(
        `SELECT department, target_kind, target_code, sum(amount)::text AS executed FROM ${entries}
         WHERE fiscal_year = $1 AND entry_date <= $2::date${only} GROUP BY department, target_kind, target_code`,
        params,
      ),
      this.sql.query<ReportRow>(
        `SELECT DISTINCT ON (department, project_code, indicator) department, project_code, indicator, report_date::text AS report_date,
                actual_to_date::text AS actual_to_date, forecast::text AS forecast, deviation_cause, deviation_note, likelihood
         FROM ${reports} WHERE fiscal_year = $1 AND report_date <= $2::date${only}
         ORDER BY department, project_code, indicator, report_date DESC, position DESC`,
        params,
      ),
      this.settings.current(fiscalYear),
    ]);

    const versionsByDepartment = groupBy(versionRows, (row) => row.department);
    const executedByDepartment = new Map<string, Map<string, Money>>();
    for (const row of executedRows.rows) {
      const executed = executedByDepartment.get(row.department) ?? new Map<string, Money>();
      executed.set(`${row.target_kind}:${row.target_code}`, new Decimal(row.executed));
      executedByDepartment.set(row.department, executed);
    }
    const reportsByDepartment = new Map<string, Map<string, IndicatorReport>>();
    for (const row of reportRows.rows) {
      const byIndicator = reportsByDepartment.get(row.department) ?? new Map<string, IndicatorReport>();
      byIndicator.set(indicatorKey(row.project_code, row.indicator), {
        date: row.report_date,
        actualToDate: row.actual_to_date,
        forecast: row.forecast,
        likelihood: row.likelihood,
        ...(row.deviation_cause ? { deviationCause: row.deviation_cause } : {}),
        ...(row.deviation_note ? { deviationNote: row.deviation_note } : {}),
      });
      reportsByDepartment.set(row.department, byIndicator);
    }

    const endOfDay = endOfShanghaiDay(asOf);
    return [...versionsByDepartment.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, rows]) => {
        const inForce = versionInForce(rows, endOfDay)!;
        return monitorDepartment({
          budget: inForce.budget,
          executed: executedByDepartment.get(code) ?? new Map(),
          reports: reportsByDepartment.get(code) ?? new Map(),
          asOf,
          thresholds: settings,
        });
      });
  }

  /**
   * Approved versions never change, so their budgets are parsed once per process (keyed by the projection's
   * physical table, so a rebuild starts afresh); each read only lists which versions exist.
   */
  private async approvedVersions(table: string, fiscalYear: number, department?: string): Promise<ApprovedVersionRow[]> {
    const rows = (
      await this.sql.query<VersionRow>(
        `SELECT department, version, approved_at FROM ${table} WHERE fiscal_year = $1${department === undefined ? '' : ' AND department = $2'}`,
        department === undefined ? [fiscalYear] : [fiscalYear, department],
      )
    ).rows;
    const key = (row: { department: string; version: number }) => `${table}|${fiscalYear}|${row.department}|${row.version}`;
    const missing = rows.filter((row) => !this.budgetCache.has(key(row)));
    if (missing.length > 0) {
      const loaded = await this.sql.query<{ department: string; version: number; budget: ApprovedBudgetWire }>(
        `SELECT department, version, budget FROM ${table} WHERE fiscal_year = $1 AND department = ANY($2::text[])`,
        [fiscalYear, [...new Set(missing.map((row) => row.department))]],
      );
      for (const row of loaded.rows) this.budgetCache.set(key(row), approvedBudgetFromWire(row.budget));
    }
    return rows
      .filter((row) => this.budgetCache.has(key(row)))
      .map((row) => {
        const budget = this.budgetCache.get(key(row))!;
        return { department: row.department, version: row.version, approvedAt: new Date(row.approved_at).toISOString(), effectiveFrom: budget.effectiveFrom, budget };
      });
  }

  async department(fiscalYear: number, asOf: IsoDate, department: string): Promise<DepartmentMonitoring> {
    const [found] = await this.departments(fiscalYear, asOf, department);
    if (!found) throw httpProblem('NOT_FOUND', `部门 ${department} 的 ${fiscalYear} 年预算尚未批复，没有执行监控数据`);
    return found;
  }

  async county(fiscalYear: number, asOf: IsoDate): Promise<CountyMonitoring> {
    const departments = await this.departments(fiscalYear, asOf);
    return monitorCounty(fiscalYear, asOf, departments, await this.settings.current(fiscalYear));
  }

  /** The ledger entries of a department (optionally one target), dated up to `asOf`, in date order. */
  async entries(fiscalYear: number, department: string, asOf: IsoDate, target?: { kind: string; code: string }): Promise<EntryRow[]> {
    const table = await this.table('execution_entries');
    const filter = target ? ' AND target_kind = $4 AND target_code = $5' : '';
    const params: unknown[] = [fiscalYear, department, asOf, ...(target ? [target.kind, target.code] : [])];
    return (
      await this.sql.query<EntryRow>(
        `SELECT voucher, entry, target_kind, target_code, entry_date::text AS entry_date, amount::text AS amount, payee, note, reason, overspend
         FROM ${table} WHERE fiscal_year = $1 AND department = $2 AND entry_date <= $3::date${filter}
         ORDER BY entry_date, voucher, entry`,
        params,
      )
    ).rows;
  }
}

const groupBy = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};
