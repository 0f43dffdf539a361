import { Injectable } from '@nestjs/common';
import { BudgetStreams } from '@budgetflow/budget-application';
import { type ApprovedVersion, type Budget, budgetStreamId, latestVersion } from '@budgetflow/budget-domain';
import { type ApprovedBudgets, type ApprovedYear, inForceOf } from '@budgetflow/execution-application';
import { type ApprovedBudget, approvedBudgetOf } from '@budgetflow/execution-domain';

const toExecution = (approved: ApprovedVersion): ApprovedBudget => approvedBudgetOf(approved.content, approved.version, approved.approvedAt, inForceOf(approved));

/** A folded budget state never changes (each command folds a new one): its versions are reduced once. */
const reduced = new WeakMap<Budget, ApprovedBudget[]>();
const versionsOf = (state: Budget): ApprovedBudget[] => {
  let versions = reduced.get(state);
  if (!versions) reduced.set(state, (versions = state.versions.map(toExecution)));
  return versions;
};

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

  async approvedYear(department: string, fiscalYear: number, fresh = true): Promise<ApprovedYear> {
    const state = await this.budgets.forCommand({ department, fiscalYear }, fresh);
    return {
      versions: versionsOf(state),
      ...(state.closed ? { closedAt: state.closed.closedAt } : {}),
      source: { streamId: budgetStreamId(department, fiscalYear), version: state.streamVersion },
    };
  }
}
