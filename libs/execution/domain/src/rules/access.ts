import type { Actor } from '@budgetflow/budget-domain';
import type { ApprovedBudget } from '../approved-budget';
import type { ExecutionContext } from '../decide/execution-context';
import { refuse } from '../errors';

/** Only a department's own users record its execution (checked first, before the body is even read). */
export const authorizeExecutionWrite = (actor: Actor, department: string): void => {
  if (actor.role !== 'department') refuse('EXECUTION_FORBIDDEN_ROLE');
  if (actor.department !== department) refuse('EXECUTION_OTHER_DEPARTMENT');
};

export const requireOwnDepartment = (actor: Actor, ctx: ExecutionContext): void => authorizeExecutionWrite(actor, ctx.department);

export const requireApproved = (ctx: ExecutionContext): ApprovedBudget => ctx.budget ?? refuse('BUDGET_NOT_APPROVED_FOR_EXECUTION');


/** After 年终结账 every payment and correction dated in the year is refused (a payment's date is always in its year). */
export const requireYearOpen = (ctx: ExecutionContext): void => {
  if (ctx.closedAt) refuse('YEAR_CLOSED', '', `${ctx.fiscalYear} 年度已于 ${ctx.closedAt.slice(0, 10)} 年终结账，不能再登记或更正该年度的支出`);
};
