import { Injectable } from '@nestjs/common';
import { BudgetStreams } from '@budgetflow/budget-application';
import { type ApprovedVersion, latestVersion } from '@budgetflow/budget-domain';
import { type ApprovedBudgets, inForceOf } from '@budgetflow/execution-application';
import { type ApprovedBudget, approvedBudgetOf } from '@budgetflow/execution-domain';

const toExecution = (approved: ApprovedVersion): ApprovedBudget => approvedBudgetOf(approved.content, approved.version, approved.approvedAt, inForceOf(approved));

/**
 * Budget → execution: the approved versions (批复版本) of a department-year budget with their effective dates, and
 * whether the year is closed, from the budget context's own folded streams, reduced to what execution measures
 * payments and plans against.
 */
@Injectable()
export class ApprovedBudgetsFromBudgetStreams implements ApprovedBudgets {
  constructor(private readonly budgets: BudgetStreams) {}

  async latestApproved(department: string, fiscalYear: number): Promise<ApprovedBudget | undefined> {
    const approved = latestVersion(await this.budgets.state({ department, fiscalYear }));
    return approved ? toExecution(approved) : undefined;
  }

  async approvedYear(department: string, fiscalYear: number): Promise<{ versions: ApprovedBudget[]; closedAt?: string }> {
    const state = await this.budgets.state({ department, fiscalYear });
    return { versions: state.versions.map(toExecution), ...(state.closed ? { closedAt: state.closed.closedAt } : {}) };
  }
}
