import { Injectable } from '@nestjs/common';
import { BudgetStreams } from '@budgetflow/budget-application';
import { latestVersion } from '@budgetflow/budget-domain';
import type { ApprovedBudgets } from '@budgetflow/execution-application';
import { type ApprovedBudget, approvedBudgetOf } from '@budgetflow/execution-domain';

/**
 * Budget → execution: the latest approved version (批复版本) of a department-year budget, from the budget context's
 * own folded streams, reduced to what execution measures payments and plans against.
 */
@Injectable()
export class ApprovedBudgetsFromBudgetStreams implements ApprovedBudgets {
  constructor(private readonly budgets: BudgetStreams) {}

  async latestApproved(department: string, fiscalYear: number): Promise<ApprovedBudget | undefined> {
    const approved = latestVersion(await this.budgets.state({ department, fiscalYear }));
    return approved ? approvedBudgetOf(approved.content, approved.version, approved.approvedAt) : undefined;
  }
}
