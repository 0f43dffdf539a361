import type { Actor } from '../actor';
import type { BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import { refuse } from '../errors';
import type { EventStamp } from '../events/event';
import { requireOwnDepartment } from '../rules/access';
import type { Budget } from '../state';

/** Who and when, stamped on every event a command produces. */
export const stampOf = (actor: Actor, ctx: DecideContext): EventStamp => ({ by: actor.userId, at: ctx.now.toISOString() });

/** The budget must exist; returns its department code. */
export const requireOpened = (state: Budget): string => {
  if (state.status === 'none' || !state.content || !state.departmentCode) return refuse('BUDGET_NOT_FOUND');
  return state.departmentCode;
};

/**
 * Draft edits: the department itself (or an admin importing), on a budget that exists and is drafting.
 * Returns the draft content.
 */
export const requireEditableDraft = (state: Budget, actor: Actor): BudgetContent => {
  requireOwnDepartment(actor, state.departmentCode ?? actor.department, { adminMayImport: true });
  requireOpened(state);
  requireOwnDepartment(actor, state.departmentCode, { adminMayImport: true });
  if (state.status !== 'drafting')
    refuse('BUDGET_NOT_DRAFTING', undefined, `预算当前状态为“${STATUS_NAMES[state.status]}”，不能修改`);
  return state.content!;
};

export const STATUS_NAMES: Record<Budget['status'], string> = {
  none: '未建立',
  drafting: '编制中',
  submitted: '已报送',
  approved: '已批复',
  published: '已公开',
};
