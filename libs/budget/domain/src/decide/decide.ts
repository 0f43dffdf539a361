import type { BudgetCommand } from '../commands/budget-commands';
import type { DecideContext } from '../context';
import type { BudgetEvent } from '../events/budget-events';
import type { Budget } from '../state';
import { approveAdjustment, rejectAdjustment, requestAdjustment } from './adjustments';
import { decideContentChange } from './content-changes';
import { setControlNumbers } from './control-numbers';
import { openDraft } from './draft-opening';
import { openDraftFromPriorYear } from '../next-year/open-from-prior-year';
import { requireEditableDraft, stampOf } from './guards';
import { importBudget } from '../import/import-budget';
import { publishVersion } from './publication';
import { closeYear } from '../year-end/close-year';
import { approveDraft, passReviewStep, returnDraft, submitDraft } from './submission';

/**
 * The budget decider: the events a command produces on the current state, or a thrown `DomainError`.
 * Returns `[]` when the outcome already holds, so retries and repeated imports change nothing.
 */
export const decide = (command: BudgetCommand, state: Budget, ctx: DecideContext): BudgetEvent[] => {
  const stamp = stampOf(command.actor, ctx);
  switch (command.type) {
    case 'OpenDraft':
      return openDraft(command, state, stamp);
    case 'OpenDraftFromPriorYear':
      return openDraftFromPriorYear(command, state, ctx.catalog, stamp);
    case 'DeclareIncome':
    case 'SetCarryOver':
    case 'ProposeBasicLine':
    case 'ReviseBasicLine':
    case 'WithdrawBasicLine':
    case 'ProposeProject':
    case 'AdjustProject':
    case 'WithdrawProject':
    case 'ScheduleProject':
    case 'SetUnits':
    case 'SetDepartmentText':
    case 'SetPriorYear':
    case 'SetFixedAssets':
    case 'SetProcurement':
      return decideContentChange(command, requireEditableDraft(state, command.actor), ctx, stamp);
    case 'SubmitDraft':
      return submitDraft(command, state, stamp, ctx);
    case 'ReturnDraft':
      return returnDraft(command, state, stamp);
    case 'ApproveDraft':
      return approveDraft(command, state, stamp, ctx);
    case 'PublishVersion':
      return publishVersion(command, state, stamp);
    case 'RequestAdjustment':
      return requestAdjustment(command, state, ctx, stamp);
    case 'ApproveAdjustment':
      return approveAdjustment(command, state, ctx, stamp);
    case 'RejectAdjustment':
      return rejectAdjustment(command, state, stamp);
    case 'PassReviewStep':
      return passReviewStep(command, state, stamp, ctx);
    case 'SetControlNumbers':
      return setControlNumbers(command, state, stamp, ctx);
    case 'CloseYear':
      return closeYear(command, state, ctx, stamp);
    case 'ImportBudget':
      return importBudget(command, state, ctx, decide);
  }
};
