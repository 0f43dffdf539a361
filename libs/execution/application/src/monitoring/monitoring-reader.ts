import { Inject, Injectable } from '@nestjs/common';
import { Decimal, type Money, type SpendingPlanCheckpoint } from '@budgetflow/budget-domain';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import {
  type ApprovedBudget,
  type ApprovedBudgetHead,
  type ApprovedBudgetWire,
  type ApprovedProject,
  type CountyDepartmentMonitoring,
  type CountyProject,
  type CountyMonitoring,
  type DepartmentMonitoring,
  type DepartmentTotals,
  type ExecutionSettings,
  type IndicatorReport,
  type IsoDate,
  approvedBudgetFromWire,
  countyDepartment,
  endOfShanghaiDay,
  indicatorKey,
  monitorCounty,
  monitorDepartment,
  monitorDepartmentTotals,
  versionInForce,
} from '@budgetflow/execution-domain';
import { BoundedCache, CLOCK, type Clock, httpProblem, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
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

/** A department's version in force with its sums as of a date (amounts as NUMERIC text, JSON as text). */
interface TotalsRow {
  department: string;
  head: string;
  basic_approved: string | null;
  projects: string | null;
  executed: string | null;
  basic_executed: string | null;
  projects_executed: string | null;
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
  /**
   * Parsed approved budgets, bounded by lines and projects (about 0.37 KB each: some 15 MB, every budget of a county).
   * The county dashboard does not use them: it sums in SQL.
   */
  private readonly budgetCache = new BoundedCache<ApprovedBudget>(40_000, (budget) => 1 + budget.basicLines.length + budget.projects.length);

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
    const [versionRows, executedRows, reportsByDepartment, settings] = await Promise.all([
      this.approvedVersions(versions, fiscalYear, department),
      this.sql.query<ExecutedRow>(
        `SELECT department, target_kind, target_code, sum(amount)::text AS executed FROM ${entries}
         WHERE fiscal_year = $1 AND entry_date <= $2::date${only} GROUP BY department, target_kind, target_code`,
        params,
      ),
      this.latestReports(reports, fiscalYear, asOf, department),
      this.settings.current(fiscalYear),
    ]);

    const versionsByDepartment = groupBy(versionRows, (row) => row.department);
    const executedByDepartment = new Map<string, Map<string, Money>>();
    for (const row of executedRows.rows) {
      const executed = executedByDepartment.get(row.department) ?? new Map<string, Money>();
      executed.set(`${row.target_kind}:${row.target_code}`, new Decimal(row.executed));
      executedByDepartment.set(row.department, executed);
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

  /** Per department, the latest indicator report per `indicatorKey` dated up to `asOf`. */
  private async latestReports(table: string, fiscalYear: number, asOf: IsoDate, department?: string): Promise<Map<string, Map<string, IndicatorReport>>> {
    const rows = await this.sql.query<ReportRow>(
      `SELECT DISTINCT ON (department, project_code, indicator) department, project_code, indicator, report_date::text AS report_date,
              actual_to_date::text AS actual_to_date, forecast::text AS forecast, deviation_cause, deviation_note, likelihood
       FROM ${table} WHERE fiscal_year = $1 AND report_date <= $2::date${department === undefined ? '' : ' AND department = $3'}
       ORDER BY department, project_code, indicator, report_date DESC, position DESC`,
      department === undefined ? [fiscalYear, asOf] : [fiscalYear, asOf, department],
    );
    const reportsByDepartment = new Map<string, Map<string, IndicatorReport>>();
    for (const row of rows.rows) {
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
    return reportsByDepartment;
  }

  /**
   * Approved versions never change, so their budgets are parsed once and kept (keyed by the projection's physical
   * table, so a rebuild starts afresh), up to a bound in lines and projects; each read only lists which versions exist.
   */
  private async approvedVersions(table: string, fiscalYear: number, department?: string): Promise<ApprovedVersionRow[]> {
    const rows = (
      await this.sql.query<VersionRow>(
        `SELECT department, version, approved_at FROM ${table} WHERE fiscal_year = $1${department === undefined ? '' : ' AND department = $2'}`,
        department === undefined ? [fiscalYear] : [fiscalYear, department],
      )
    ).rows;
    const key = (row: { department: string; version: number }) => `${table}|${fiscalYear}|${row.department}|${row.version}`;
    // What this read uses, whatever the cache drops meanwhile.
    const budgets = new Map<string, ApprovedBudget>();
    for (const row of rows) {
      const kept = this.budgetCache.get(key(row));
      if (kept) budgets.set(key(row), kept);
    }
    const missing = rows.filter((row) => !budgets.has(key(row)));
    if (missing.length > 0) {
      const loaded = await this.sql.query<{ department: string; version: number; budget: ApprovedBudgetWire }>(
        `SELECT department, version, budget FROM ${table} WHERE fiscal_year = $1 AND department = ANY($2::text[])`,
        [fiscalYear, [...new Set(missing.map((row) => row.department))]],
      );
      for (const row of loaded.rows) budgets.set(key(row), this.budgetCache.set(key(row), approvedBudgetFromWire(row.budget)));
    }
    return rows
      .filter((row) => budgets.has(key(row)))
      .map((row) => {
        const budget = budgets.get(key(row))!;
        return { department: row.department, version: row.version, approvedAt: new Date(row.approved_at).toISOString(), effectiveFrom: budget.effectiveFrom, budget };
      });
  }

  async department(fiscalYear: number, asOf: IsoDate, department: string): Promise<DepartmentMonitoring> {
    const [found] = await this.departments(fiscalYear, asOf, department);
    if (!found) throw httpProblem('NOT_FOUND', `部门 ${department} 的 ${fiscalYear} 年预算尚未批复，没有执行监控数据`);
    return found;
  }

  /**
   * 全县 as the dashboard shows it (departments without their projects). The sums run in Postgres — per department
   * its version's basic lines, what was paid against them and in all, and per project — so a read does not bring
   * every line's payments (66,000 sums at 300 departments) into the process; indicators are not read at all.
   */
  async county(fiscalYear: number, asOf: IsoDate): Promise<CountyMonitoring<CountyDepartmentMonitoring>> {
    const { settings, departments } = await this.countyTotals(fiscalYear, asOf, 'plans');
    return monitorCounty(
      fiscalYear,
      asOf,
      departments.map((totals) => countyDepartment(totals, asOf, settings)),
      settings,
    );
  }

  /**
   * Every department's full monitoring (projects and indicators), as `departments` answers it, from the same sums in
   * Postgres as the dashboard: the county's warnings and export without every line's payments in the process.
   */
  async countyDepartments(fiscalYear: number, asOf: IsoDate): Promise<DepartmentMonitoring[]> {
    const reportsTable = await this.table('execution_indicator_reports');
    const [{ settings, departments }, reports] = await Promise.all([this.countyTotals(fiscalYear, asOf, 'whole'), this.latestReports(reportsTable, fiscalYear, asOf)]);
    return departments.map((totals) => monitorDepartmentTotals(totals, reports.get(totals.budget.department) ?? new Map(), asOf, settings));
  }

  /**
   * Per department with an approved budget, in department order: its version in force on `asOf`, the sums of what
   * was paid up to then (its basic lines', all of it, each project's), and its projects — their plans only, or whole.
   */
  private async countyTotals(fiscalYear: number, asOf: IsoDate, projectsAs: 'plans'): Promise<{ settings: ExecutionSettings; departments: DepartmentTotals[] }>;
  private async countyTotals(fiscalYear: number, asOf: IsoDate, projectsAs: 'whole'): Promise<{ settings: ExecutionSettings; departments: DepartmentTotals<ApprovedProject & { executed: Money }>[] }>;
  private async countyTotals(fiscalYear: number, asOf: IsoDate, projectsAs: 'plans' | 'whole'): Promise<{ settings: ExecutionSettings; departments: DepartmentTotals<CountyProject>[] }> {
    const [versions, entries] = await Promise.all([this.table('execution_budget_versions'), this.table('execution_entries')]);
    const [versionRows, settings] = await Promise.all([
      this.sql.query<VersionRow & { effective_from: string | null }>(
        `SELECT department, version, approved_at, budget->>'effectiveFrom' AS effective_from FROM ${versions} WHERE fiscal_year = $1`,
        [fiscalYear],
      ),
      this.settings.current(fiscalYear),
    ]);
    const endOfDay = endOfShanghaiDay(asOf);
    const inForce = [...groupBy(versionRows.rows, (row) => row.department).values()].map(
      (rows) => versionInForce(rows.map((row) => ({ ...row, approvedAt: new Date(row.approved_at).toISOString(), effectiveFrom: row.effective_from ?? undefined })), endOfDay)!,
    );
    const project = projectsAs === 'whole' ? 'p.project' : `jsonb_build_object('code', p.project->'code', 'amount', p.project->'amount', 'spendingPlan', p.project->'spendingPlan')`;
    // Each entry joins its department's lines in force first, so the sums fall into a few groups per department
    // (its projects, its lines in force, the rest) rather than one per line.
    const totals = await this.sql.query<TotalsRow>(
      `WITH in_force AS (
         SELECT v.department, v.budget FROM unnest($3::text[], $4::int[]) AS f (department, version)
         JOIN ${versions} v ON v.fiscal_year = $1 AND v.department = f.department AND v.version = f.version),
       lines AS (
         SELECT DISTINCT i.department, line->>'lineId' AS line_id FROM in_force i, jsonb_array_elements(i.budget->'basicLines') AS line),
       executed AS (
         SELECT e.department, CASE WHEN e.target_kind = 'project' THEN e.target_code END AS project, l.line_id IS NOT NULL AS in_force_line, sum(e.amount) AS amount
         FROM ${entries} e LEFT JOIN lines l ON e.target_kind = 'basic' AND l.department = e.department AND l.line_id = e.target_code
         WHERE e.fiscal_year = $1 AND e.entry_date <= $2::date GROUP BY 1, 2, 3),
       paid AS (
         SELECT department, sum(amount) AS executed, sum(amount) FILTER (WHERE in_force_line) AS basic_executed,
                jsonb_object_agg(project, amount::text) FILTER (WHERE project IS NOT NULL) AS projects_executed
         FROM executed GROUP BY department)
       SELECT i.department, (i.budget - 'basicLines' - 'projects')::text AS head,
              (SELECT sum((line->>'amount')::numeric) FROM jsonb_array_elements(i.budget->'basicLines') AS line)::text AS basic_approved,
              (SELECT jsonb_agg(${project} ORDER BY p.n)
                 FROM jsonb_array_elements(i.budget->'projects') WITH ORDINALITY AS p (project, n))::text AS projects,
              paid.executed::text AS executed, paid.basic_executed::text AS basic_executed, paid.projects_executed::text AS projects_executed
       FROM in_force i LEFT JOIN paid ON paid.department = i.department`,
      [fiscalYear, asOf, inForce.map((row) => row.department), inForce.map((row) => row.version)],
    );
    const money = (text: string | null): Money => (text === null ? ZERO : new Decimal(text));
    const departments = totals.rows
      .sort((a, b) => a.department.localeCompare(b.department))
      .map((row): DepartmentTotals<CountyProject> => {
        const paidToProjects = JSON.parse(row.projects_executed ?? '{}') as Record<string, string>;
        const projects = JSON.parse(row.projects ?? '[]') as Array<{ code: string; amount: string; spendingPlan: SpendingPlanCheckpoint[] }>;
        return {
          budget: JSON.parse(row.head) as ApprovedBudgetHead,
          basicApproved: money(row.basic_approved),
          basicExecuted: money(row.basic_executed),
          executed: money(row.executed),
          projects: projects.map((p) => ({ ...p, amount: new Decimal(p.amount), executed: money(paidToProjects[p.code] ?? null) })),
        };
      });
    return { settings, departments };
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

const ZERO = new Decimal(0);

const groupBy = <T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
};
