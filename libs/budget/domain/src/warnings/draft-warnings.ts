import type { BudgetContent, PerformanceIndicator, Project } from '../content/budget-content';
import { Decimal, formatWan, sum, YUAN_PER_WAN, type Money } from '../money/money';
import { carryOverDisagreement } from '../rules/carry-over';

/** Something the department should look at before submitting; never a refusal. */
export interface DraftWarning {
  code: DraftWarningCode;
  message: string;
  /** The project concerned, when there is one. */
  projectCode?: string;
  /** Path in the content, e.g. `projects[1].indicators[3].target`. */
  field: string;
}

/**
 * A cost indicator that disagrees with its project's amount is not a draft warning: it is the 勾稽 check
 * `COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT` (…/consistency), found by `costIndicatorMismatches` below — one
 * finding, shown once.
 */
export type DraftWarningCode =
  | 'PROJECT_WITHOUT_INDICATORS'
  | 'THREE_PUBLIC_ABOVE_PRIOR_YEAR'
  /** Submission will be refused with CARRY_OVER_MISMATCH until this is fixed. */
  | 'CARRY_OVER_MISMATCH';

/**
 * “三公”经费 by item, as the economic codes say it: 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车运行维护费,
 * and 公务用车购置 wherever a ledger books it — 31013 under 资本性支出 and 30913 under 资本性支出（基本建设）.
 */
export const THREE_PUBLIC_ITEM_CODES = {
  travelAbroad: ['30212'],
  reception: ['30217'],
  vehicleOperation: ['30231'],
  vehiclePurchase: ['31013', '30913'],
} as const satisfies Record<string, readonly string[]>;

/** Every "三公"经费 economic code. */
export const THREE_PUBLIC_ECONOMIC_CODES: readonly string[] = Object.values(THREE_PUBLIC_ITEM_CODES).flat();

const YUAN_PER_UNIT: Record<string, Money> = { 万元: YUAN_PER_WAN, 元: new Decimal(1) };

/** A 成本指标 in 万元 or 元 states what the project costs; `null` when it states no money. */
const costTargetInYuan = (indicator: PerformanceIndicator): Money | null => {
  const perUnit = YUAN_PER_UNIT[indicator.target.unit.trim()];
  return indicator.level2 === '成本指标' && perUnit && indicator.target.value.trim() !== '' ? new Decimal(indicator.target.value).times(perUnit) : null;
};

const costAgrees = (amount: Money, target: Money, comparator: PerformanceIndicator['target']['comparator']): boolean =>
  comparator === '≤' ? amount.lte(target) : comparator === '≥' ? amount.gte(target) : amount.eq(target);

/** A 成本指标 whose money target disagrees with its project's amount (by the target's comparator). */
export interface CostIndicatorMismatch {
  projectIndex: number;
  indicatorIndex: number;
  project: Project;
  indicator: PerformanceIndicator;
}

/** Every cost indicator in 万元 or 元 that disagrees with its project's amount, in content order. */
export const costIndicatorMismatches = (content: Pick<BudgetContent, 'projects'>): CostIndicatorMismatch[] =>
  content.projects.flatMap((project, projectIndex) =>
    project.indicators.flatMap((indicator, indicatorIndex) => {
      const target = costTargetInYuan(indicator);
      return target && !costAgrees(project.amount, target, indicator.target.comparator) ? [{ projectIndex, indicatorIndex, project, indicator }] : [];
    }),
  );

const projectWarnings = (project: Project, index: number): DraftWarning[] =>
  project.indicators.length === 0
    ? [
        {
          code: 'PROJECT_WITHOUT_INDICATORS',
          message: `项目“${project.name}”没有绩效指标`,
          projectCode: project.code,
          field: `projects[${index}].indicators`,
        },
      ]
    : [];

/** "三公"经费 of the budget: basic lines and project lines under the 三公 economic codes. */
export const threePublicExpenses = (content: BudgetContent): Money => {
  const codes: readonly string[] = THREE_PUBLIC_ECONOMIC_CODES;
  return sum([
    ...content.basicExpenditureLines.filter((l) => codes.includes(l.economicCode.slice(0, 5))).map((l) => l.amount),
    ...content.projects.flatMap((p) => p.lines.filter((l) => codes.includes(l.economicCode.slice(0, 5))).map((l) => l.amount)),
  ]);
};

/**
 * What the draft should double-check before submission: projects without indicators, "三公"经费 above last
 * year's, carry-over that disagrees with the spending it funds. (Cost indicators are checked with the 勾稽 checks.)
 */
export const draftWarnings = (content: BudgetContent): DraftWarning[] => {
  const warnings = content.projects.flatMap(projectWarnings);
  const threePublic = threePublicExpenses(content);
  if (content.priorYear && threePublic.gt(content.priorYear.threePublicExpenses))
    warnings.push({
      code: 'THREE_PUBLIC_ABOVE_PRIOR_YEAR',
      message: `“三公”经费 ${formatWan(threePublic)} 万元高于上年 ${formatWan(content.priorYear.threePublicExpenses)} 万元`,
      field: 'threePublicExpenses',
    });
  const carryOver = carryOverDisagreement(content);
  if (carryOver !== undefined) warnings.push({ code: 'CARRY_OVER_MISMATCH', message: carryOver, field: 'carryOver.fromLastYear' });
  return warnings;
};
