import Decimal from 'decimal.js';
import { budgetWeight } from './budget-weight';
import type { BudgetContent } from './content/budget-content';
import { emptyContent, initialBudget, type Budget } from './state';

const department = { code: '501', name: '测试部门' } as BudgetContent['department'];
const line = (n: number) => ({ lineId: `l${n}`, functionalCode: '2010101', economicCode: '30101', fundSource: '一般公共预算拨款', amount: new Decimal(n) }) as unknown as BudgetContent['basicExpenditureLines'][number];

describe('budgetWeight', () => {
  const content: BudgetContent = { ...emptyContent(department, 2024), basicExpenditureLines: [line(1), line(2), line(3)] };

  it('given a draft of three lines, weighs the budget and its content', () => {
    const budget: Budget = { ...initialBudget(), content };
    expect(budgetWeight(budget)).toBe(1 + 1 + 3);
  });

  it('given an approved version sharing the draft content, counts that content once', () => {
    const version = { version: 1, content, approvedBy: 'finance', approvedAt: '2024-01-02', effectiveFrom: '2024-01-01', published: false };
    expect(budgetWeight({ ...initialBudget(), content, versions: [version] })).toBe(5);
    const adjusted = { ...content, basicExpenditureLines: [...content.basicExpenditureLines, line(4)] };
    expect(budgetWeight({ ...initialBudget(), content: adjusted, versions: [version] })).toBe(1 + 5 + 4);
  });
});
