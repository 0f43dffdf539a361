import { type Comparator, Decimal, type PerformanceIndicator } from '@budgetflow/budget-domain';
import type { IndicatorStatus, MonitoredIndicator } from '@budgetflow/contracts';
import type { IndicatorProgressRecorded } from './events/execution-events';
import type { IsoDate } from './fiscal-calendar';

/**
 * 指标完成状态:
 * - `met` — the actual satisfies the target (an upper bound only counts as met once the year is over);
 * - `on-track` — not yet met, the forecast meets it and the department is sure (确定能);
 * - `at-risk` — the forecast falls short, or the department only says 有可能;
 * - `missed` — the year is over unmet, an upper bound was already exceeded, or the department says 完全不可能;
 * - `not-reported` — no report by the as-of date.
 */
export type { IndicatorStatus } from '@budgetflow/contracts';

/** The latest report on an indicator, as of some date: what the department reported, without the address. */
export type IndicatorReport = Omit<IndicatorProgressRecorded['data'], 'projectCode' | 'indicator'>;

export const indicatorKey = (projectCode: string, indicator: string): string => `${projectCode}|${indicator}`;

/**
 * How a target is compared. A printed comparator (`≥95 %`, `≤60天`, `＝9人`) says it; without one a cost
 * indicator (成本指标, `72.4万元`) is a ceiling — spending less is fine — and every other one (`8 个`,
 * `100 %`) is a level to reach.
 */
export const effectiveComparator = (indicator: Pick<PerformanceIndicator, 'level2' | 'target'>): Exclude<Comparator, null> =>
  indicator.target.comparator ?? (indicator.level2 === '成本指标' ? '≤' : '≥');

const satisfies = (comparator: Exclude<Comparator, null>, value: Decimal, target: Decimal): boolean =>
  comparator === '≥' ? value.gte(target) : comparator === '≤' ? value.lte(target) : value.eq(target);

export const indicatorStatus = (
  indicator: Pick<PerformanceIndicator, 'level2' | 'target'>,
  report: IndicatorReport | undefined,
  fiscalYear: number,
  asOf: IsoDate,
): IndicatorStatus => {
  if (!report) return 'not-reported';
  const comparator = effectiveComparator(indicator);
  const target = new Decimal(indicator.target.value);
  const actual = new Decimal(report.actualToDate);
  const forecast = new Decimal(report.forecast);
  const yearOver = asOf >= `${fiscalYear}-12-31`;
  const reached = satisfies(comparator, actual, target);

  if (comparator === '≤') {
    // A ceiling, once exceeded, stays exceeded; kept under it, it is met only when the year is over.
    if (!reached) return 'missed';
    if (yearOver) return 'met';
  } else {
    if (reached) return 'met';
    if (yearOver) return 'missed';
  }
  if (report.likelihood === '完全不可能') return 'missed';
  if (report.likelihood === '有可能' || !satisfies(comparator, forecast, target)) return 'at-risk';
  return 'on-track';
};

/** An indicator with its latest report, as the monitoring answers carry it. */
export type IndicatorMonitoring = MonitoredIndicator;

export const monitorIndicator = (indicator: PerformanceIndicator, report: IndicatorReport | undefined, fiscalYear: number, asOf: IsoDate): IndicatorMonitoring => ({
  level1: indicator.level1,
  level2: indicator.level2,
  name: indicator.name,
  target: indicator.target.printed,
  comparator: effectiveComparator(indicator),
  targetValue: indicator.target.value,
  unit: indicator.target.unit,
  status: indicatorStatus(indicator, report, fiscalYear, asOf),
  ...(report ? { reportedOn: report.date, ...reportedFigures(report) } : {}),
});

/** What a report says, as answers carry it: the deviation's cause and note only when given. */
export const reportedFigures = (report: IndicatorReport) => ({
  actualToDate: report.actualToDate,
  forecast: report.forecast,
  ...(report.deviationCause ? { deviationCause: report.deviationCause } : {}),
  ...(report.deviationNote ? { deviationNote: report.deviationNote } : {}),
  likelihood: report.likelihood,
});
