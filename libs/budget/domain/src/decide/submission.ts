import type { ApproveDraft, ReturnDraft, SubmitDraft } from '../commands/workflow-commands';
import { refuse } from '../errors';
import type { EventStamp } from '../events/event';
import type { DraftApproved, DraftReturned, DraftSubmitted } from '../events/workflow-events';
import { requireOwnDepartment, requireRole } from '../rules/access';
import { requireBalanced, requireWithinControlNumbers } from '../rules/balance';
import { requireCarryOverAgrees } from '../rules/carry-over';
import { requireReason } from '../rules/text';
import { budgetTotals } from '../rules/totals';
import type { Budget } from '../state';
import { moneyToWire } from '../wire/money-wire';
import { requireOpened, STATUS_NAMES } from './guards';

/** 一上: only a balanced draft within its control numbers; submitting a submitted draft changes nothing. */
export const submitDraft = (command: SubmitDraft, state: Budget, stamp: EventStamp): DraftSubmitted[] => {
  requireOwnDepartment(command.actor, state.departmentCode ?? command.actor.department);
  requireOpened(state);
  if (state.status === 'submitted') return [];
  if (state.status !== 'drafting')
    refuse('BUDGET_NOT_DRAFTING', undefined, `预算当前状态为“${STATUS_NAMES[state.status]}”，不能报送`);
  const content = state.content!;
  requireBalanced(content);
  requireCarryOverAgrees(content);
  requireWithinControlNumbers(content, state.controlNumbers);
  const totals = budgetTotals(content);
  return [
    {
      type: 'DraftSubmitted',
      data: { totalIncome: moneyToWire(totals.totalIncome), totalExpenditure: moneyToWire(totals.totalExpenditure), ...stamp },
    },
  ];
};

const requireSubmitted = (state: Budget): void => {
  requireOpened(state);
  if (state.status !== 'submitted')
    refuse('BUDGET_NOT_SUBMITTED', undefined, `预算当前状态为“${STATUS_NAMES[state.status]}”，不在待审状态`);
};

/** 退回: finance sends a submitted draft back with a reason. */
export const returnDraft = (command: ReturnDraft, state: Budget, stamp: EventStamp): DraftReturned[] => {
  requireRole(command.actor, 'finance');
  requireReason(command.reason);
  requireSubmitted(state);
  return [{ type: 'DraftReturned', data: { reason: command.reason.trim(), ...stamp } }];
};

/** 批复: finance approves the submitted draft as the next version. */
export const approveDraft = (command: ApproveDraft, state: Budget, stamp: EventStamp): DraftApproved[] => {
  requireRole(command.actor, 'finance');
  requireSubmitted(state);
  return [{ type: 'DraftApproved', data: { version: state.versions.length + 1, ...stamp } }];
};
