import { Decimal } from '@budgetflow/budget-domain';
import { dayOfYear, elapsedDays, parseIsoDate, shanghaiDate } from './fiscal-calendar';
import { type IndicatorReport, indicatorStatus } from './indicator-status';
import { checkpointDate, monitorDepartment, monitoringWarnings, plannedPercentAt, timeElapsedPercent, warningLevel } from './monitoring';
import { approved501, indicator } from './testing/given-when-then';

const plan = approved501.projects[0].spendingPlan;

describe('fiscal calendar', () => {
  it('reads real dates only and counts days of the year', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2024-2-3')).toBeNull();
    expect(dayOfYear('2024-03-31')).toBe(91);
    expect(dayOfYear('2023-03-31')).toBe(90);
    expect(elapsedDays(2024, '2023-12-31')).toBe(0);
    expect(elapsedDays(2024, '2025-06-01')).toBe(366);
  });

  it('takes "today" in Asia/Shanghai: 16:00 UTC is already the next day', () => {
    expect(shanghaiDate(new Date('2024-03-31T15:59:59Z'))).toBe('2024-03-31');
    expect(shanghaiDate(new Date('2024-03-31T16:00:00Z'))).toBe('2024-04-01');
  });

  it('turns 3月底 into the end of March', () => {
    expect(checkpointDate(2024, '3月底')).toBe('2024-03-31');
    expect(checkpointDate(2024, '2月底')).toBe('2024-02-29');
    expect(checkpointDate(2024, '13月底')).toBeNull();
  });
});

describe('planned percent, 序时进度, gap and warning', () => {
  it.each([
    ['2024-03-31', '25'],
    ['2024-06-30', '50'],
    ['2024-10-31', '75'],
    ['2024-12-31', '100'],
    ['2023-12-31', '0'],
    ['2025-03-01', '100'],
  ])('on %s the plan says %s %%', (date, percent) => {
    expect(plannedPercentAt(plan, 2024, date).toString()).toBe(percent);
  });

  it('runs straight between checkpoints: mid-February is 46/91 of the way to 25 %', () => {
    expect(plannedPercentAt(plan, 2024, '2024-02-15').toDecimalPlaces(4).toString()).toBe(new Decimal(25).times(46).dividedBy(91).toDecimalPlaces(4).toString());
  });

  it('序时进度 is days elapsed over days in the year', () => {
    expect(timeElapsedPercent(2024, '2024-06-30').toDecimalPlaces(2).toString()).toBe('49.73');
    expect(timeElapsedPercent(2023, '2023-06-30').toDecimalPlaces(2).toString()).toBe('49.59');
  });

  it('is yellow beyond 10 points and red beyond 20 by default; exactly on a threshold is not beyond it', () => {
    const t = { yellowGapPoints: 10, redGapPoints: 20 };
    expect([new Decimal(10), new Decimal('10.01'), new Decimal(20), new Decimal('20.01'), new Decimal(-30)].map((g) => warningLevel(g, t))).toEqual(['none', 'yellow', 'yellow', 'red', 'none']);
  });

  it('a department weighs its projects by amount and its basic budget by 序时进度', () => {
    const monitoring = monitorDepartment({
      budget: approved501,
      executed: new Map([['project:P1', new Decimal(4000)], ['basic:basic-1', new Decimal(2486)]]),
      reports: new Map(),
      asOf: '2024-03-31',
      thresholds: { yellowGapPoints: 10, redGapPoints: 20 },
    });
    expect(monitoring.projects[0]).toMatchObject({ executedPercent: '10.00', plannedPercent: '25.00', gapPoints: '15.00', warning: 'yellow' });
    expect(monitoring.basic).toMatchObject({ executedPercent: '24.86', plannedPercent: '24.86', gapPoints: '0.00', warning: 'none' });
    // planned = 40,000 × 25 % + 10,000 × 91/366 = 12,486.34; executed 6,486 of 50,000.
    expect(monitoring).toMatchObject({ approved: '50000.00', planned: '12486.34', executed: '6486.00', executedPercent: '12.97', plannedPercent: '24.97', gapPoints: '12.00', warning: 'yellow' });
  });

  it('words a lag as a reader says it: executed, below the plan, behind by so many points', () => {
    const monitoring = monitorDepartment({
      budget: approved501,
      executed: new Map(),
      reports: new Map(),
      asOf: '2024-06-30',
      thresholds: { yellowGapPoints: 10, redGapPoints: 20 },
    });
    const messages = monitoringWarnings([monitoring]).filter((w) => w.kind === 'execution').map((w) => w.message);
    expect(messages).toContain(`${approved501.projects[0].name}累计执行 0.00%，低于计划进度 50.00%，落后 50.00 个百分点`);
    expect(messages).toContain('基本支出累计执行 0.00%，低于序时进度 49.73%，落后 49.73 个百分点');
  });
});

describe('indicator status for every printed form of target', () => {
  const midYear = '2024-06-30';
  const yearEnd = '2024-12-31';
  const report = (actualToDate: string, forecast: string, likelihood: IndicatorReport['likelihood'] = '确定能'): IndicatorReport => ({ date: '2024-06-30', actualToDate, forecast, likelihood, ...(likelihood !== '确定能' ? { deviationCause: '经费' as const } : {}) });

  it.each([
    // printed target, level2, actual, forecast, likelihood, as of, status
    ['8 个', '数量指标', '8', '8', '确定能', midYear, 'met'],
    ['8 个', '数量指标', '5', '8', '确定能', midYear, 'on-track'],
    ['8 个', '数量指标', '5', '7', '确定能', midYear, 'at-risk'],
    ['8 个', '数量指标', '5', '7', '确定能', yearEnd, 'missed'],
    ['100 %', '质量指标', '100', '100', '确定能', midYear, 'met'],
    ['100 %', '质量指标', '96', '100', '有可能', midYear, 'at-risk'],
    ['100 %', '质量指标', '96', '100', '完全不可能', midYear, 'missed'],
    ['≤60天', '时效指标', '45', '50', '确定能', midYear, 'on-track'],
    ['≤60天', '时效指标', '45', '70', '确定能', midYear, 'at-risk'],
    ['≤60天', '时效指标', '61', '61', '确定能', midYear, 'missed'],
    ['≤60天', '时效指标', '60', '60', '确定能', yearEnd, 'met'],
    ['72.4万元', '成本指标', '30', '72.4', '确定能', midYear, 'on-track'],
    ['72.4万元', '成本指标', '30', '80', '确定能', midYear, 'at-risk'],
    ['72.4万元', '成本指标', '72.5', '80', '确定能', midYear, 'missed'],
    ['72.4万元', '成本指标', '72.4', '72.4', '确定能', yearEnd, 'met'],
    ['≥95 %', '服务对象满意度指标', '95', '96', '确定能', midYear, 'met'],
    ['≥95 %', '服务对象满意度指标', '94.9', '95', '确定能', midYear, 'on-track'],
    ['≥95 %', '服务对象满意度指标', '94.9', '95', '确定能', yearEnd, 'missed'],
    ['＝9人', '数量指标', '9', '9', '确定能', midYear, 'met'],
    ['＝9人', '数量指标', '10', '9', '确定能', midYear, 'on-track'],
    ['＝9人', '数量指标', '7', '10', '确定能', midYear, 'at-risk'],
    ['＝9人', '数量指标', '8', '9', '确定能', yearEnd, 'missed'],
  ] as const)('%s (%s): actual %s, forecast %s, %s, as of %s → %s', (printed, level2, actual, forecast, likelihood, asOf, status) => {
    expect(indicatorStatus(indicator(printed, level2), report(actual, forecast, likelihood), 2024, asOf)).toBe(status);
  });

  it('is not-reported without a report', () => {
    expect(indicatorStatus(indicator('8 个'), undefined, 2024, yearEnd)).toBe('not-reported');
  });
});
