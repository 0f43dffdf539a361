import type { BudgetContent } from '../content/budget-content';
import { sum, type Money } from '../money/money';

/** The figures the balance rule and the control numbers look at, all in 元. */
export interface BudgetTotals {
  /** 本年收入合计 */
  income: Money;
  /** 上年结转结余 */
  carryOverFromLastYear: Money;
  /** 收入总计 = 本年收入合计 + 上年结转结余 */
  totalIncome: Money;
  /** 基本支出 */
  basic: Money;
  /** 项目支出 */
  project: Money;
  /** 本年支出合计 = 基本支出 + 项目支出 */
  expenditure: Money;
  /** 年终结转结余 */
  carryOverToNextYear: Money;
  /** 支出总计 = 本年支出合计 + 年终结转结余 */
  totalExpenditure: Money;
}

export const budgetTotals = (content: BudgetContent): BudgetTotals => {
  const income = sum(content.income.map((i) => i.amount));
  const basic = sum(content.basicExpenditureLines.map((l) => l.amount));
  const project = sum(content.projects.map((p) => p.amount));
  const expenditure = basic.plus(project);
  return {
    income,
    carryOverFromLastYear: content.carryOver.fromLastYear,
    totalIncome: income.plus(content.carryOver.fromLastYear),
    basic,
    project,
    expenditure,
    carryOverToNextYear: content.carryOver.toNextYear,
    totalExpenditure: expenditure.plus(content.carryOver.toNextYear),
  };
};
