import { Decimal, type Money, type SpendingPlanCheckpoint, parseCheckpointMonth } from '@budgetflow/budget-domain';
import type { CountyDepartmentMonitoring, DepartmentMonitoring, MonitoredProject, MonitoringWarning, Progress, VersionInForce, WarningLevel } from '@budgetflow/contracts';
import { type ApprovedBudget, type ApprovedBudgetHead, type ApprovedProject, targetKey } from './approved-budget';
import type { ExecutionSettings } from './events/execution-events';
import { type IsoDate, dayOfYear, daysInYear, elapsedDays, endOfMonth, shanghaiDate } from './fiscal-calendar';
import { type IndicatorReport, indicatorKey, monitorIndicator } from './indicator-status';

/**
 * The monitoring figures as the API answers them (`Progress`, `MonitoredProject`, `DepartmentMonitoring`, the
 * warnings and their 预警等级) are contracts the console reads; this module computes them.
 */
export type { CountyDepartmentMonitoring, DepartmentMonitoring, MonitoringWarning, WarningLevel } from '@budgetflow/contracts';

export type GapThresholds = Pick<ExecutionSettings, 'yellowGapPoints' | 'redGapPoints'>;

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

/** `3月底` (or `3月`, `3月末`) of a fiscal year → the last day of that month; `null` if unreadable. */
export const checkpointDate = (fiscalYear: number, checkpoint: string): IsoDate | null => {
  const month = parseCheckpointMonth(checkpoint);
  return month === null ? null : endOfMonth(fiscalYear, month);
};

/**
 * 计划进度 — the cumulative percent the project's own spending plan (资金支出计划) expects by the end of `date`:
 * exactly the plan's percent at each checkpoint (3月底 25 %, 6月底 50 % …), straight lines between them,
 * from 0 % on 1 January; after the last checkpoint its percent holds.
 */
export const plannedPercentAt = (plan: readonly SpendingPlanCheckpoint[], fiscalYear: number, date: IsoDate): Decimal => {
  const day = elapsedDays(fiscalYear, date);
  let previousDay = 0;
  let previousPercent = ZERO;
  for (const checkpoint of [...plan].sort((a, b) => a.month - b.month)) {
    const checkpointDay = dayOfYear(endOfMonth(fiscalYear, checkpoint.month));
    const percent = new Decimal(checkpoint.cumulativePercent);
    if (day <= checkpointDay) {
      if (checkpointDay === previousDay) return percent;
      return previousPercent.plus(percent.minus(previousPercent).times(day - previousDay).dividedBy(checkpointDay - previousDay));
    }
    previousDay = checkpointDay;
    previousPercent = percent;
  }
  return previousPercent;
};

/** 序时进度 — the share of the fiscal year elapsed by the end of `date`, in percent (0 before, 100 after). */
export const timeElapsedPercent = (fiscalYear: number, date: IsoDate): Decimal =>
  new Decimal(elapsedDays(fiscalYear, date)).times(HUNDRED).dividedBy(daysInYear(fiscalYear));

/** Percent points behind plan, two decimals (positive = behind, negative = ahead). */
export const gapPoints = (plannedPercent: Decimal, executedPercent: Decimal): Decimal =>
  plannedPercent.minus(executedPercent).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Yellow beyond the yellow threshold, red beyond the red one; being ahead of plan is never a warning. */
export const warningLevel = (gap: Decimal, thresholds: GapThresholds): WarningLevel =>
  gap.gt(thresholds.redGapPoints) ? 'red' : gap.gt(thresholds.yellowGapPoints) ? 'yellow' : 'none';

/** The monitoring figures of a project, a department, a county: amounts in 元, percents with two decimals. */
export type ExecutionFigures = Progress;

const percentOf = (part: Money, whole: Money): Decimal => (whole.isZero() ? ZERO : part.times(HUNDRED).dividedBy(whole));

/** Figures from approved, planned and executed amounts: aggregates weigh each plan by its amount. */
export const executionFigures = (approved: Money, planned: Money, executed: Money, fiscalYear: number, asOf: IsoDate, thresholds: GapThresholds): ExecutionFigures => {
  const executedPercent = percentOf(executed, approved);
  const plannedPercent = percentOf(planned, approved);
  const gap = gapPoints(plannedPercent, executedPercent);
  return {
    approved: approved.toFixed(2),
    planned: planned.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    executed: executed.toFixed(2),
    executedPercent: executedPercent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    plannedPercent: plannedPercent.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    timeElapsedPercent: timeElapsedPercent(fiscalYear, asOf).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    gapPoints: gap.toFixed(2),
    warning: warningLevel(gap, thresholds),
  };
};

export type ProjectMonitoring = MonitoredProject;

/** What a department's monitoring is computed from, all as of one date. */
export interface MonitoringInput {
  budget: ApprovedBudget;
  /** Net executed amount per target key up to the as-of date. */
  executed: ReadonlyMap<string, Money>;
  /** The latest indicator report per `indicatorKey` up to the as-of date. */
  reports: ReadonlyMap<string, IndicatorReport>;
  asOf: IsoDate;
  thresholds: GapThresholds;
}

/** A project's 计划 and figures as of a date: its plan's share of its amount, and what was paid against it. */
const projectProgress = (project: { amount: Money; spendingPlan: readonly SpendingPlanCheckpoint[] }, spent: Money, year: number, asOf: IsoDate, thresholds: GapThresholds) => {
  const planned = project.amount.times(plannedPercentAt(project.spendingPlan, year, asOf)).dividedBy(HUNDRED);
  return { planned, figures: executionFigures(project.amount, planned, spent, year, asOf, thresholds) };
};

/** Each project's figures, and the projects' approved and planned totals (what the department's figures weigh). */
const projectsProgress = (projects: readonly CountyProject[], year: number, asOf: IsoDate, thresholds: GapThresholds) => {
  let projectsApproved = ZERO;
  let projectsPlanned = ZERO;
  const figures = projects.map((project) => {
    const progress = projectProgress(project, project.executed, year, asOf, thresholds);
    projectsApproved = projectsApproved.plus(project.amount);
    projectsPlanned = projectsPlanned.plus(progress.planned);
    return progress.figures;
  });
  return { projectsApproved, projectsPlanned, figures };
};

/** A department's head and figures without its projects' detail; both the department and the county answer it. */
const departmentProgress = (
  budget: ApprovedBudgetHead,
  amounts: { basicApproved: Money; basicExecuted: Money; projectsApproved: Money; projectsPlanned: Money; executed: Money },
  asOf: IsoDate,
  thresholds: GapThresholds,
) => {
  const year = budget.fiscalYear;
  const basicPlanned = amounts.basicApproved.times(timeElapsedPercent(year, asOf).dividedBy(HUNDRED));
  return {
    department: budget.department,
    departmentName: budget.departmentName,
    fiscalYear: year,
    asOf,
    budgetVersion: budget.version,
    versionInForce: versionInForceInfo(budget),
    ...executionFigures(amounts.basicApproved.plus(amounts.projectsApproved), basicPlanned.plus(amounts.projectsPlanned), amounts.executed, year, asOf, thresholds),
    basic: executionFigures(amounts.basicApproved, basicPlanned, amounts.basicExecuted, year, asOf, thresholds),
  };
};

/** 绩效运行监控 of one department: every project against its plan and indicators, the basic budget against 序时进度. */
export const monitorDepartment = ({ budget, executed, reports, asOf, thresholds }: MonitoringInput): DepartmentMonitoring => {
  const executedOf = (key: string): Money => executed.get(key) ?? ZERO;
  let basicApproved = ZERO;
  let basicExecuted = ZERO;
  for (const line of budget.basicLines) {
    basicApproved = basicApproved.plus(line.amount);
    basicExecuted = basicExecuted.plus(executedOf(targetKey({ kind: 'basic', lineId: line.lineId })));
  }
  // Payments into lines no longer in the version in force still count for the department.
  const allExecuted = [...executed.values()].reduce((total, amount) => total.plus(amount), ZERO);
  const projects = budget.projects.map((project) => ({ ...project, executed: executedOf(targetKey({ kind: 'project', projectCode: project.code })) }));
  return monitorDepartmentTotals({ budget, basicApproved, basicExecuted, executed: allExecuted, projects }, reports, asOf, thresholds);
};

/**
 * A department's full monitoring from its sums — the basic lines' approved total and what was paid against them,
 * what it paid in all, each project with what was paid against it — wherever they were summed (here from the
 * entries, or in the read model's SQL for the whole county), and its indicators' latest reports.
 */
export const monitorDepartmentTotals = (
  { budget, basicApproved, basicExecuted, executed, projects }: DepartmentTotals<ApprovedProject & { executed: Money }>,
  reports: ReadonlyMap<string, IndicatorReport>,
  asOf: IsoDate,
  thresholds: GapThresholds,
): DepartmentMonitoring => {
  const year = budget.fiscalYear;
  const { projectsApproved, projectsPlanned, figures } = projectsProgress(projects, year, asOf, thresholds);
  const monitored = projects.map(
    (project, i): ProjectMonitoring => ({
      code: project.code,
      name: project.name,
      ...figures[i]!,
      spendingPlan: project.spendingPlan,
      indicators: project.indicators.map((indicator) => monitorIndicator(indicator, reports.get(indicatorKey(project.code, indicator.name)), year, asOf)),
    }),
  );
  return { ...departmentProgress(budget, { basicApproved, basicExecuted, projectsApproved, projectsPlanned, executed }, asOf, thresholds), projects: monitored };
};

/**
 * What the county dashboard needs of a department's version in force, summed where the figures are kept (the read
 * model's SQL): its basic lines' approved total and what was paid against them, what the department paid in all
 * (lines no longer in the version included), and each project's amount, plan and payments.
 */
export interface DepartmentTotals<P extends CountyProject = CountyProject> {
  budget: ApprovedBudgetHead;
  basicApproved: Money;
  basicExecuted: Money;
  executed: Money;
  projects: readonly P[];
}

/** What the county dashboard needs of a project: its amount, its plan, what was paid against it. */
export type CountyProject = { code: string; amount: Money; spendingPlan: readonly SpendingPlanCheckpoint[]; executed: Money };

/** A department on the county dashboard: the figures `monitorDepartment` answers, without the projects, and how many lag. */
export const countyDepartment = ({ budget, basicApproved, basicExecuted, executed, projects }: DepartmentTotals, asOf: IsoDate, thresholds: GapThresholds): CountyDepartmentMonitoring => {
  const { projectsApproved, projectsPlanned, figures } = projectsProgress(projects, budget.fiscalYear, asOf, thresholds);
  const projectsBehind = { yellow: 0, red: 0 };
  for (const { warning } of figures) if (warning !== 'none') projectsBehind[warning] += 1;
  return { ...departmentProgress(budget, { basicApproved, basicExecuted, projectsApproved, projectsPlanned, executed }, asOf, thresholds), projectsBehind };
};

/** The county dashboard's form of a department's full monitoring (the projects left for the drill-down). */
export const countyDepartmentOf = ({ projects, ...department }: DepartmentMonitoring): CountyDepartmentMonitoring => ({
  ...department,
  projectsBehind: { yellow: projects.filter((p) => p.warning === 'yellow').length, red: projects.filter((p) => p.warning === 'red').length },
});

export interface CountyMonitoring<D extends CountyFigures = DepartmentMonitoring> extends ExecutionFigures {
  fiscalYear: number;
  asOf: IsoDate;
  /** Furthest behind plan first (largest gap), then by department code. */
  departments: D[];
}

/** What the county totals and order need of a department. */
type CountyFigures = Pick<ExecutionFigures, 'approved' | 'planned' | 'executed' | 'gapPoints'> & { department: string };

const byGapDescending = (a: { gapPoints: string }, b: { gapPoints: string }): number => new Decimal(b.gapPoints).comparedTo(new Decimal(a.gapPoints));

/** 全县 — every department with an approved budget, sorted by gap; totals weigh each department by its amount. */
export const monitorCounty = <D extends CountyFigures>(fiscalYear: number, asOf: IsoDate, departments: readonly D[], thresholds: GapThresholds): CountyMonitoring<D> => {
  const total = (pick: (d: D) => string): Money => departments.reduce((sum, d) => sum.plus(pick(d)), ZERO);
  const sorted = [...departments].sort((a, b) => byGapDescending(a, b) || a.department.localeCompare(b.department));
  return {
    fiscalYear,
    asOf,
    ...executionFigures(total((d) => d.approved), total((d) => d.planned), total((d) => d.executed), fiscalYear, asOf, thresholds),
    departments: sorted,
  };
};

const LEVEL_ORDER = { red: 0, yellow: 1 } as const;

/**
 * Every warning of the given departments: execution gaps (yellow / red by finance's thresholds) and indicators
 * at risk (yellow) or missed (red). Red first, then the largest gap.
 */
export const monitoringWarnings = (departments: readonly DepartmentMonitoring[]): MonitoringWarning[] => {
  const warnings: MonitoringWarning[] = [];
  for (const d of departments) {
    const base = { department: d.department, departmentName: d.departmentName };
    if (d.basic.warning !== 'none') {
      warnings.push({ ...base, level: d.basic.warning, kind: 'execution', gapPoints: d.basic.gapPoints, message: `基本支出累计执行 ${d.basic.executedPercent}%，低于序时进度 ${d.basic.timeElapsedPercent}%，落后 ${d.basic.gapPoints} 个百分点` });
    }
    for (const p of d.projects) {
      const project = { ...base, projectCode: p.code, projectName: p.name };
      if (p.warning !== 'none') {
        warnings.push({ ...project, level: p.warning, kind: 'execution', gapPoints: p.gapPoints, message: `${p.name}累计执行 ${p.executedPercent}%，低于计划进度 ${p.plannedPercent}%，落后 ${p.gapPoints} 个百分点` });
      }
      for (const i of p.indicators) {
        if (i.status === 'at-risk' || i.status === 'missed') {
          warnings.push({
            ...project,
            level: i.status === 'missed' ? 'red' : 'yellow',
            kind: 'indicator',
            indicator: i.name,
            indicatorStatus: i.status,
            message: `${p.name}的绩效指标“${i.name}”（目标 ${i.target}）${i.status === 'missed' ? '未能完成' : '存在完成风险'}`,
          });
        }
      }
    }
  }
  // Each gap parsed once, not twice per comparison (a county has thousands of warnings).
  const gaps = new Map(warnings.map((warning) => [warning, new Decimal(warning.gapPoints ?? -1000)]));
  return warnings.sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      gaps.get(b)!.comparedTo(gaps.get(a)!) ||
      a.department.localeCompare(b.department) ||
      (a.projectCode ?? '').localeCompare(b.projectCode ?? ''),
  );
};

const KIND_NAMES = { addition: '追加', transfer: '调剂', adjustment: '调整' } as const;

/** Which version is in force and why, for the monitoring answer. */
export const versionInForceInfo = (budget: ApprovedBudgetHead): VersionInForce => ({
  version: budget.version,
  approvedAt: budget.approvedAt,
  effectiveFrom: budget.effectiveFrom ?? shanghaiDate(new Date(budget.approvedAt)),
  ...(budget.change ? { change: { ...budget.change, kindName: KIND_NAMES[budget.change.kind] } } : {}),
});
