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

