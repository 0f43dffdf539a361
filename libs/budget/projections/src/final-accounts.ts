import { FISCAL_FUND_SOURCES, GENERAL_BUDGET, isPersonnelEconomicCode, THREE_PUBLIC_CODES } from './classification';
import { Decimal, sum, unitKindOf, type ApprovedVersion, type BudgetContent, type BudgetYearClosed, type CatalogNames, type FundSource, type Money, type PaidToDate, type PerformanceIndicator } from './domain';

/**
 * 决算 — the final accounts of a department-year: the budget as first approved (年初预算) and as finally adjusted
 * (调整后预算), what was actually paid (决算数 = payments less reversals, exactly), the variance and execution rate;
 * by functional and economic class, by project, 三公 and 机关运行经费; and each project's 绩效自评.
 *
 * Where a project is split by economic code (`lines`), its actual is spread over its lines in proportion to their
 * budget (the last line takes the remainder, so the parts add up to the fen); unsplit projects count under their
 * own functional code and economic code `未细化`.
 */

/** 绩效指标执行情况: an indicator report as the execution context recorded it (the latest one counts). */
export interface IndicatorReportInput {
  projectCode: string;
  indicator: string;
  date: string;
  /** 截至目前实际完成值 (decimal string in the target's unit). */
  actualToDate: string;
  /** 全年预计完成值 */
  forecast: string;
  deviationCause?: string;
  deviationNote?: string;
  likelihood: string;
}

export interface FinalAccountsInput {
  versions: readonly ApprovedVersion[];
  closed?: BudgetYearClosed['data'];
  paid: PaidToDate;
  /** Sum of every payment less every reversal (the check of `totals.actual`). */
  paidTotal: Money;
  indicatorReports: readonly IndicatorReportInput[];
  names?: CatalogNames;
}

/** 绩效自评 weights (财政部《项目支出绩效评价管理办法》自评 default): 预算执行率 10, 产出 50, 效益 30, 满意度 10. */
export const SELF_EVALUATION_WEIGHTS = { budgetExecution: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 } as const;
const INDICATOR_LEVELS = ['产出指标', '效益指标', '满意度指标'] as const;

export interface Figures {
  initialBudget: string;
  finalBudget: string;
  /** = finalBudget */
  budget: string;
  actual: string;
  /** finalBudget − actual */
  variance: string;
  /** actual ÷ finalBudget, percent with two decimals ('' when the budget is zero). */
  executionRate: string;
}

const ZERO = new Decimal(0);
const yuan = (amount: Money) => amount.toFixed(2);
const rate = (actual: Money, budget: Money) => (budget.isZero() ? '' : actual.dividedBy(budget).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
const figures = (initial: Money, final: Money, actual: Money): Figures => ({
  initialBudget: yuan(initial),
  finalBudget: yuan(final),
  budget: yuan(final),
  actual: yuan(actual),
  variance: yuan(final.minus(actual)),
  executionRate: rate(actual, final),
});

/** One amount of spending of a version with its actual: a basic line, or a project (line) with its share of the project's actual. */
interface Item {
  functionalCode: string;
  economicCode: string;
  fundSource: FundSource;
  basic: boolean;
  unit?: string;
  budget: Money;
  actual: Money;
}

/** Splits `total` over `weights` in proportion, to the fen; the last part takes the remainder. */
const spread = (total: Money, weights: readonly Money[]): Money[] => {
  const whole = sum(weights);
  if (weights.length === 0) return [];
  let rest = total;
  return weights.map((w, i) => {
    if (i === weights.length - 1) return rest;
    const part = whole.isZero() ? ZERO : total.times(w).dividedBy(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    rest = rest.minus(part);
    return part;
  });
};

const itemsOf = (content: BudgetContent, paid: PaidToDate | undefined): Item[] => [
  ...content.basicExpenditureLines.map((line) => ({
    functionalCode: line.functionalCode,
    economicCode: line.economicCode,
    fundSource: line.fundSource,
    basic: true,
    unit: line.unit,
    budget: line.amount,
    actual: paid?.basicLines.get(line.lineId) ?? ZERO,
  })),
  ...content.projects.flatMap((project): Item[] => {
    const actual = paid?.projects.get(project.code) ?? ZERO;
    if (project.lines.length === 0)
      return [{ functionalCode: project.functionalCode, economicCode: '未细化', fundSource: project.fundSource, basic: false, unit: project.unit, budget: project.amount, actual }];
    const shares = spread(actual, project.lines.map((l) => l.amount));
    return project.lines.map((line, i) => ({ functionalCode: line.functionalCode, economicCode: line.economicCode, fundSource: line.fundSource, basic: false, unit: project.unit, budget: line.amount, actual: shares[i] }));
  }),
];

interface ClassRow extends Figures {
  code: string;
  name: string;
}

const byClass = (initial: Item[], final: Item[], key: (item: Item) => string, name: (code: string) => string): ClassRow[] => {
  const codes = [...new Set([...initial, ...final].map(key))].sort();
  return codes.map((code) => ({
    code,
    name: name(code),
    ...figures(sum(initial.filter((i) => key(i) === code).map((i) => i.budget)), sum(final.filter((i) => key(i) === code).map((i) => i.budget)), sum(final.filter((i) => key(i) === code).map((i) => i.actual))),
  }));
};

const THREE_PUBLIC_NAMES = { travelAbroad: '因公出国（境）费', vehiclePurchase: '公务用车购置费', vehicleOperation: '公务用车运行维护费', reception: '公务接待费' } as const;
const reportsRunningCosts = (content: BudgetContent, unit: string | undefined) => ['行政', '参公'].includes(unitKindOf(unit, content));

/**
 * Completion of one indicator (0–1) from its target and the year's actual (the latest report's 实际完成值):
 * ≥ / plain targets: actual ÷ target, at most 1; ≤ targets: 1 when within, else target ÷ actual; ＝ targets: the smaller
 * of the two ratios. An indicator without any report scores 0 and is counted as 未报告.
 */
const completion = (indicator: PerformanceIndicator, actual: Decimal): Decimal => {
  const target = new Decimal(indicator.target.value || 0);
  // A zero target (≤0 起 incidents, ＝0): met when the actual is zero too; any other zero target is met by anything.
  if (target.isZero()) return indicator.target.comparator === '≤' || indicator.target.comparator === '＝' ? (actual.lessThanOrEqualTo(0) ? new Decimal(1) : ZERO) : new Decimal(1);
  switch (indicator.target.comparator) {
    case '≤':
      return actual.lessThanOrEqualTo(target) ? new Decimal(1) : actual.isZero() ? new Decimal(1) : Decimal.min(1, target.dividedBy(actual));
    case '≥':
    case null:
      return Decimal.min(1, Decimal.max(0, actual.dividedBy(target)));
    case '＝':
      return actual.eq(target) ? new Decimal(1) : actual.isZero() ? ZERO : Decimal.min(actual.dividedBy(target), target.dividedBy(actual));
  }
};

const score2 = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const gradeOf = (score: Decimal) => (score.greaterThanOrEqualTo(90) ? '优' : score.greaterThanOrEqualTo(80) ? '良' : score.greaterThanOrEqualTo(60) ? '中' : '差');

export const finalAccounts = (input: FinalAccountsInput) => {
  const initialVersion = input.versions[0];
  const finalVersion = input.versions[input.versions.length - 1];
  const [initial, final] = [initialVersion.content, finalVersion.content];
  const initialItems = itemsOf(initial, undefined);
  const finalItems = itemsOf(final, input.paid);

  // Payments to a line or project that is no longer in the final version still count (shown on a row of their own).
  const finalLineIds = new Set(final.basicExpenditureLines.map((l) => l.lineId));
  const finalProjects = new Set(final.projects.map((p) => p.code));
  const orphanLines = [...input.paid.basicLines.entries()].filter(([id, amount]) => !finalLineIds.has(id) && !amount.isZero());
  const orphanProjects = [...input.paid.projects.entries()].filter(([code, amount]) => !finalProjects.has(code) && !amount.isZero());
  const findLine = (id: string) => [...input.versions].reverse().map((v) => v.content.basicExpenditureLines.find((l) => l.lineId === id)).find(Boolean);
  const findProject = (code: string) => [...input.versions].reverse().map((v) => v.content.projects.find((p) => p.code === code)).find(Boolean);
  for (const [id, amount] of orphanLines) {
    const line = findLine(id);
    finalItems.push({ functionalCode: line?.functionalCode ?? '未知', economicCode: line?.economicCode ?? '未知', fundSource: line?.fundSource ?? GENERAL_BUDGET, basic: true, unit: line?.unit, budget: ZERO, actual: amount });
  }
  for (const [code, amount] of orphanProjects) {
    const project = findProject(code);
    finalItems.push({ functionalCode: project?.functionalCode ?? '未知', economicCode: '未细化', fundSource: project?.fundSource ?? GENERAL_BUDGET, basic: false, unit: project?.unit, budget: ZERO, actual: amount });
  }

  const total = (items: Item[], pick: (i: Item) => Money, filter: (i: Item) => boolean = () => true) => sum(items.filter(filter).map(pick));
  const actualTotal = total(finalItems, (i) => i.actual);
  const carriedOver = new Decimal(input.closed?.figures.totals.carriedOver ?? 0);
  const returned = new Decimal(input.closed?.figures.totals.returned ?? 0);

  const functionalName = (code: string) => input.names?.functionalName(code) ?? '';
  const economicName = (code: string) => (code === '未细化' ? '项目未细化经济分类' : input.names?.economicName(code) ?? '');

  const carriedOf = (code: string) => input.closed?.carryOver.find((c) => c.projectCode === code)?.amount ?? '0.00';
  const projectRows = [
    ...final.projects.map((project) => {
      const before = initial.projects.find((p) => p.code === project.code)?.amount ?? ZERO;
      const actual = input.paid.projects.get(project.code) ?? ZERO;
      return { projectCode: project.code, name: project.name, functionalCode: project.functionalCode, ...figures(before, project.amount, actual), carriedOver: carriedOf(project.code), inFinalVersion: true };
    }),
    ...initial.projects
      .filter((p) => !finalProjects.has(p.code))
      .map((project) => ({ projectCode: project.code, name: project.name, functionalCode: project.functionalCode, ...figures(project.amount, ZERO, input.paid.projects.get(project.code) ?? ZERO), carriedOver: '0.00', inFinalVersion: false })),
    ...orphanProjects
      .filter(([code]) => !initial.projects.some((p) => p.code === code))
      .map(([code, amount]) => ({ projectCode: code, name: findProject(code)?.name ?? code, functionalCode: findProject(code)?.functionalCode ?? '', ...figures(ZERO, ZERO, amount), carriedOver: '0.00', inFinalVersion: false })),
  ];

  // 三公: fiscal funds, economic 款 of each item (as Table 9).
  const threePublic = (key: keyof typeof THREE_PUBLIC_NAMES) => {
    const codes: readonly string[] = THREE_PUBLIC_CODES[key];
    const match = (i: Item) => FISCAL_FUND_SOURCES.includes(i.fundSource) && codes.includes(i.economicCode.slice(0, 5));
    return { item: key, name: THREE_PUBLIC_NAMES[key], ...figures(total(initialItems, (i) => i.budget, match), total(finalItems, (i) => i.budget, match), total(finalItems, (i) => i.actual, match)) };
  };
  const sanGongItems = (Object.keys(THREE_PUBLIC_NAMES) as (keyof typeof THREE_PUBLIC_NAMES)[]).map(threePublic);
  const sanGongSum = (field: 'initialBudget' | 'finalBudget' | 'actual') => sum(sanGongItems.map((i) => new Decimal(i[field])));

  // 机关运行经费: general-budget 公用经费 of basic lines of 行政 / 参公 units.
  const running = (content: BudgetContent) => (i: Item) =>
    i.basic && /^\d{5}/.test(i.economicCode) && i.fundSource === GENERAL_BUDGET && !isPersonnelEconomicCode(i.economicCode) && reportsRunningCosts(content, i.unit);
  const runningApplies = [final.department.unitKind, ...(final.units ?? []).map((u) => u.unitKind)].some((k) => k === '行政' || k === '参公');

  // 绩效自评, per project of the final version.
  const latestReport = new Map<string, IndicatorReportInput>();
  for (const report of [...input.indicatorReports].sort((a, b) => a.date.localeCompare(b.date))) latestReport.set(`${report.projectCode}\u0000${report.indicator}`, report);
  const selfEvaluation = final.projects.map((project) => {
    const actual = input.paid.projects.get(project.code) ?? ZERO;
    const executionRate = project.amount.isZero() ? new Decimal(1) : Decimal.min(1, actual.dividedBy(project.amount));
    const present = INDICATOR_LEVELS.filter((level) => project.indicators.some((i) => i.level1 === level));
    // Levels without indicators give their weight to the others in proportion.
    const levelWeight = sum(present.map((l) => new Decimal(SELF_EVALUATION_WEIGHTS[l])));
    const scale = levelWeight.isZero() ? ZERO : new Decimal(90).dividedBy(levelWeight);
    const indicators = project.indicators.map((indicator) => {
      const report = latestReport.get(`${project.code}\u0000${indicator.name}`);
      const level = INDICATOR_LEVELS.find((l) => l === indicator.level1);
      const count = project.indicators.filter((i) => i.level1 === indicator.level1).length;
      const weight = level ? new Decimal(SELF_EVALUATION_WEIGHTS[level]).times(scale).dividedBy(count) : ZERO;
      const done = report ? completion(indicator, new Decimal(report.actualToDate)) : ZERO;
      return {
        level1: indicator.level1,
        level2: indicator.level2,
        name: indicator.name,
        target: indicator.target.printed,
        actual: report?.actualToDate ?? null,
        reportedOn: report?.date ?? null,
        reported: report !== undefined,
        ...(report?.deviationCause ? { deviationCause: report.deviationCause } : {}),
        ...(report?.deviationNote ? { deviationNote: report.deviationNote } : {}),
        weight: score2(weight),
        completionPercent: score2(done.times(100)),
        score: score2(weight.times(done)),
        _score: weight.times(done),
      };
    });
    const budgetScore = new Decimal(SELF_EVALUATION_WEIGHTS.budgetExecution).times(executionRate);
    // The grade follows the printed score (two decimals), not the digits behind it.
    const totalScore = budgetScore.plus(sum(indicators.map((i) => i._score))).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    return {
      projectCode: project.code,
      name: project.name,
      goal: project.goal,
      budget: yuan(project.amount),
      actual: yuan(actual),
      executionRate: rate(actual, project.amount),
      budgetExecutionScore: score2(budgetScore),
      indicators: indicators.map(({ _score, ...rest }) => rest),
      score: score2(totalScore),
      grade: gradeOf(totalScore),
      _score: totalScore,
    };
  });
  const averageScore = selfEvaluation.length === 0 ? ZERO : sum(selfEvaluation.map((p) => p._score)).dividedBy(selfEvaluation.length);

  return {
    department: final.department.code,
    departmentName: final.department.name,
    fiscalYear: final.fiscalYear,
    status: input.closed ? ('closed' as const) : ('provisional' as const),
    ...(input.closed ? { closedAt: input.closed.closedAt, closedBy: input.closed.closedBy } : {}),
    versions: input.versions.map((v) => ({
      version: v.version,
      approvedAt: v.approvedAt,
      effectiveFrom: v.effectiveFrom,
      ...(v.change ? { change: v.change } : {}),
    })),
    totals: {
      ...figures(total(initialItems, (i) => i.budget), total(finalItems, (i) => i.budget), actualTotal),
      changes: yuan(total(finalItems, (i) => i.budget).minus(total(initialItems, (i) => i.budget))),
      carriedOver: yuan(carriedOver),
      returned: yuan(returned),
      paymentsTotal: yuan(input.paidTotal),
    },
    basic: figures(total(initialItems, (i) => i.budget, (i) => i.basic), total(finalItems, (i) => i.budget, (i) => i.basic), total(finalItems, (i) => i.actual, (i) => i.basic)),
    project: figures(total(initialItems, (i) => i.budget, (i) => !i.basic), total(finalItems, (i) => i.budget, (i) => !i.basic), total(finalItems, (i) => i.actual, (i) => !i.basic)),
    byFunctionalClass: byClass(initialItems, finalItems, (i) => i.functionalCode, functionalName),
    byEconomicClass: byClass(initialItems, finalItems, (i) => (i.economicCode === '未细化' || i.economicCode === '未知' ? i.economicCode : i.economicCode.slice(0, 5)), economicName),
    byProject: projectRows,
    carryOver: input.closed?.carryOver ?? [],
    returned: input.closed?.returned ?? [],
    sanGong: { items: sanGongItems, total: { ...figures(sanGongSum('initialBudget'), sanGongSum('finalBudget'), sanGongSum('actual')) } },
    operatingExpenses: {
      applies: runningApplies,
      ...figures(total(initialItems, (i) => i.budget, running(initial)), total(finalItems, (i) => i.budget, running(final)), total(finalItems, (i) => i.actual, running(final))),
    },
    selfEvaluation: selfEvaluation.map(({ _score, ...rest }) => rest),
    selfEvaluationSummary: {
      weights: SELF_EVALUATION_WEIGHTS,
      projects: selfEvaluation.length,
      averageScore: score2(averageScore),
      grade: gradeOf(averageScore),
      byGrade: Object.fromEntries(['优', '良', '中', '差'].map((g) => [g, selfEvaluation.filter((p) => p.grade === g).length])),
      indicatorsNotReported: selfEvaluation.reduce((n, p) => n + p.indicators.filter((i) => !i.reported).length, 0),
    },
  };
};

export type FinalAccounts = ReturnType<typeof finalAccounts>;
