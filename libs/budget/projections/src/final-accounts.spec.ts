import Decimal from 'decimal.js';
import type { ApprovedVersion, BudgetContent, PerformanceIndicator } from './domain';
import { finalAccounts, finalAccountsCsv, finalAccountsHtml } from './index';

const indicator = (level1: string, name: string, comparator: '≥' | '≤' | '＝' | null, value: string, unit: string): PerformanceIndicator => ({
  level1,
  level2: level1 === '产出指标' ? '数量指标' : level1 === '效益指标' ? '社会效益指标' : '服务对象满意度指标',
  name,
  description: '',
  target: { printed: `${comparator ?? ''}${value}${unit}`, comparator, value, unit },
  basis: '',
});

/** A 行政 unit: two basic lines, a project split over three economic codes (odd amounts), and one unsplit project. */
const content = (splitAmount = '1000.00'): BudgetContent => ({
  department: { code: '901', name: '测试局', unitKind: '行政' },
  fiscalYear: 2024,
  income: [{ source: '一般公共预算拨款收入', amount: new Decimal('1000.00').plus(splitAmount).plus('300.00') }],
  carryOver: { fromLastYear: new Decimal(0), toNextYear: new Decimal(0) },
  basicExpenditureLines: [
    { lineId: 'b1', functionalCode: '2010101', economicCode: '30101', fundSource: '一般公共预算拨款', amount: new Decimal('700.00') },
    { lineId: 'b2', functionalCode: '2010101', economicCode: '30217', fundSource: '一般公共预算拨款', amount: new Decimal('300.00') },
  ],
  projects: [
    {
      code: 'P1',
      name: '拆分项目',
      functionalCode: '2010102',
      fundSource: '一般公共预算拨款',
      amount: new Decimal(splitAmount),
      fiscalFunds: new Decimal(splitAmount),
      otherFunds: new Decimal(0),
      purpose: '',
      goal: '',
      spendingPlan: [],
      indicators: [indicator('产出指标', '完成数量', '≥', '10', '个'), indicator('效益指标', '办结率', '≥', '90', '%'), indicator('满意度指标', '满意度', '≥', '90', '%')],
      lines: [
        { functionalCode: '2010102', economicCode: '30201', fundSource: '一般公共预算拨款', amount: new Decimal(splitAmount).dividedBy(3).toDecimalPlaces(2, Decimal.ROUND_DOWN) },
        { functionalCode: '2010102', economicCode: '30202', fundSource: '一般公共预算拨款', amount: new Decimal(splitAmount).dividedBy(3).toDecimalPlaces(2, Decimal.ROUND_DOWN) },
        {
          functionalCode: '2010102',
          economicCode: '30217',
          fundSource: '一般公共预算拨款',
          amount: new Decimal(splitAmount).minus(new Decimal(splitAmount).dividedBy(3).toDecimalPlaces(2, Decimal.ROUND_DOWN).times(2)),
        },
      ],
    },
    {
      code: 'P2',
      name: '未拆分项目',
      functionalCode: '2010102',
      fundSource: '一般公共预算拨款',
      amount: new Decimal('300.00'),
      fiscalFunds: new Decimal('300.00'),
      otherFunds: new Decimal(0),
      purpose: '',
      goal: '',
      spendingPlan: [],
      indicators: [indicator('产出指标', '时限', '≤', '30', '天')],
      lines: [],
    },
  ],
  procurement: [],
});

const version = (n: number, c: BudgetContent, effectiveFrom: string): ApprovedVersion => ({ version: n, content: c, approvedAt: `${effectiveFrom}T02:00:00.000Z`, approvedBy: 'finance', effectiveFrom, published: false });

describe('finalAccounts (决算)', () => {
  const versions = [version(1, content('1000.00'), '2024-01-01'), version(2, content('1000.01'), '2024-06-01')];
  const paid = {
    basicLines: new Map([['b1', new Decimal('700.00')], ['b2', new Decimal('123.45')], ['gone', new Decimal('0.01')]]),
    projects: new Map([['P1', new Decimal('999.99')], ['P2', new Decimal('300.00')]]),
  };
  const paidTotal = new Decimal('2123.45');
  const reports = [
    { projectCode: 'P1', indicator: '完成数量', date: '2024-06-30', actualToDate: '4', forecast: '10', likelihood: '确定能' },
    { projectCode: 'P1', indicator: '完成数量', date: '2024-12-31', actualToDate: '8', forecast: '8', deviationCause: '人员', deviationNote: '人手不足', likelihood: '有可能' },
    { projectCode: 'P1', indicator: '办结率', date: '2024-12-31', actualToDate: '95', forecast: '95', likelihood: '确定能' },
    { projectCode: 'P2', indicator: '时限', date: '2024-12-31', actualToDate: '40', forecast: '40', likelihood: '有可能' },
  ];
  const fa = finalAccounts({ versions, paid, paidTotal, indicatorReports: reports });

  it('totals: initial and final budget, actual equal to every payment (a line no longer in the budget included)', () => {
    expect(fa.status).toBe('provisional');
    expect(fa.totals).toMatchObject({ initialBudget: '2300.00', finalBudget: '2300.01', actual: '2123.45', paymentsTotal: '2123.45', variance: '176.56', changes: '0.01' });
    expect(fa.totals.executionRate).toBe('92.32');
  });

  it('spreads a split project\'s actual over its economic codes to the fen', () => {
    const sum = (rows: Array<{ actual: string }>) => rows.reduce((a, r) => a.plus(r.actual), new Decimal(0)).toFixed(2);
    expect(sum(fa.byEconomicClass)).toBe('2123.45');
    expect(sum(fa.byFunctionalClass)).toBe('2123.45');
    const economic = Object.fromEntries(fa.byEconomicClass.map((r) => [r.code, r.actual]));
    // 999.99 over 333.33 / 333.33 / 333.35: 333.32 + 333.32 + the remainder 333.35.
    expect([economic['30201'], economic['30202']]).toEqual(['333.32', '333.32']);
    expect(economic['30217']).toBe(new Decimal('123.45').plus('333.35').toFixed(2));
    expect(economic['未细化']).toBe('300.00');
  });

  it('三公 (30217 公务接待费 here) and 机关运行经费 (general-budget 公用经费 of basic lines) against budget', () => {
    expect(fa.sanGong.total).toMatchObject({ finalBudget: new Decimal('300.00').plus('333.35').toFixed(2), actual: new Decimal('123.45').plus('333.35').toFixed(2) });
    expect(fa.operatingExpenses).toMatchObject({ applies: true, finalBudget: '300.00', actual: '123.45' });
  });

  it('self-evaluation: 10 for budget execution, the indicator weights of the levels present scaled to 90, the latest report counts', () => {
    const p1 = fa.selfEvaluation.find((p) => p.projectCode === 'P1')!;
    // 999.99 / 1000.01 paid: 10 × 0.99998 = 10.00.
    expect(p1.budgetExecutionScore).toBe('10.00');
    const byName = Object.fromEntries(p1.indicators.map((i) => [i.name, i]));
    expect(byName['完成数量']).toMatchObject({ weight: '50.00', actual: '8', completionPercent: '80.00', score: '40.00', deviationCause: '人员', deviationNote: '人手不足' });
    expect(byName['办结率']).toMatchObject({ weight: '30.00', completionPercent: '100.00', score: '30.00' });
    expect(byName['满意度']).toMatchObject({ weight: '10.00', reported: false, score: '0.00' });
    expect(p1).toMatchObject({ score: '80.00', grade: '良' });
    // P2 has only an output indicator: it carries all 90; ≤30 天 done in 40 天 is 75 %.
    const p2 = fa.selfEvaluation.find((p) => p.projectCode === 'P2')!;
    expect(p2.indicators[0]).toMatchObject({ weight: '90.00', completionPercent: '75.00', score: '67.50' });
    expect(p2).toMatchObject({ score: '77.50', grade: '中' });
    expect(fa.selfEvaluationSummary).toMatchObject({ projects: 2, averageScore: '78.75', indicatorsNotReported: 1 });
  });

  it('prints CSV with a BOM and HTML with every section, text escaped', () => {
    const csv = finalAccountsCsv(fa);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('收支决算总表');
    expect(csv).toContain('支出合计,2300.00,2300.01,2123.45,176.56,92.32');
    const html = finalAccountsHtml({ ...fa, departmentName: '<测试局>' });
    expect(html).toContain('&lt;测试局&gt;');
    expect(html).toContain('项目支出绩效自评表');
  });
});
