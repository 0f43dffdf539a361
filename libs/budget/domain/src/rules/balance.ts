import type { BudgetContent } from '../content/budget-content';
import { refuse } from '../errors';
import { formatWan } from '../money/money';
import type { ControlNumbers } from '../state';
import { budgetTotals } from './totals';

/** 收支平衡: 收入总计 (incl. 上年结转结余) = 支出总计 (incl. 年终结转结余). */
export const requireBalanced = (content: BudgetContent, field = 'content'): void => {
  const t = budgetTotals(content);
  if (!t.totalIncome.eq(t.totalExpenditure))
    refuse(
      'BUDGET_UNBALANCED',
      field,
      `收支不平衡：收入总计 ${formatWan(t.totalIncome)} 万元，支出总计 ${formatWan(t.totalExpenditure)} 万元`,
      { totalIncome: t.totalIncome.toFixed(2), totalExpenditure: t.totalExpenditure.toFixed(2) },
    );
};

const CAP_NAMES = { total: '支出总额', basic: '基本支出', project: '项目支出' } as const;

/** 控制数: basic, project and their sum stay within the caps the finance bureau set (if any). */
export const requireWithinControlNumbers = (content: BudgetContent, caps: ControlNumbers | undefined): void => {
  if (!caps) return;
  const t = budgetTotals(content);
  const actual = { total: t.expenditure, basic: t.basic, project: t.project };
  for (const cap of ['total', 'basic', 'project'] as const) {
    const limit = caps[cap];
    if (limit && actual[cap].gt(limit))
      refuse(
        'CONTROL_NUMBER_EXCEEDED',
        `controlNumbers.${cap}`,
        `${CAP_NAMES[cap]} ${formatWan(actual[cap])} 万元超出控制数 ${formatWan(limit)} 万元`,
        { cap, limit: limit.toFixed(2), actual: actual[cap].toFixed(2) },
      );
  }
};
