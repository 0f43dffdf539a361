import type { BudgetCommand } from '../commands/budget-commands';
import type { DecideContext } from '../context';
import type { BudgetEvent } from '../events/budget-events';
import type { Budget } from '../state';
import { approveAdjustment, rejectAdjustment, requestAdjustment } from './adjustments';
import { CONTENT_DECIDERS, decideContentChange, type ContentCommand } from './content-changes';
import { setControlNumbers } from './control-numbers';
import { openDraft } from './draft-opening';
import { openDraftFromPriorYear } from '../next-year/open-from-prior-year';
import { requireEditableDraft, stampOf } from './guards';
import { importBudget } from '../import/import-budget';
import { publishVersion } from './publication';
import { closeYear } from '../year-end/close-year';
import { approveDraft, passReviewStep, returnDraft, submitDraft } from './submission';
import { byCommandType, type BudgetDecider, type DeciderTable } from './decider';

/** A content edit on the budget: allowed only on an editable draft, then decided by the content rules. */
const editDraft: BudgetDecider<ContentCommand, BudgetEvent> = (command, state, ctx, stamp) =>
  decideContentChange(command, requireEditableDraft(state, command.actor), ctx, stamp);

/** Every content command (the types `CONTENT_DECIDERS` lists) is a draft edit. */
const DRAFT_EDITS = Object.fromEntries(Object.keys(CONTENT_DECIDERS).map((type) => [type, editDraft])) as Record<ContentCommand['type'], typeof editDraft>;

const BUDGET_DECIDERS: DeciderTable<BudgetCommand, Budget, BudgetEvent> = {
  ...DRAFT_EDITS,
  OpenDraft: openDraft,
  OpenDraftFromPriorYear: openDraftFromPriorYear,
  SubmitDraft: submitDraft,
  ReturnDraft: returnDraft,
  ApproveDraft: approveDraft,
  PublishVersion: publishVersion,
  RequestAdjustment: requestAdjustment,
  ApproveAdjustment: approveAdjustment,
  RejectAdjustment: rejectAdjustment,
  PassReviewStep: passReviewStep,
  SetControlNumbers: setControlNumbers,
  CloseYear: closeYear,
  ImportBudget: (command, state, ctx) => importBudget(command, state, ctx, decide),
};
const decideByType = byCommandType(BUDGET_DECIDERS);

/**
 * The budget decider: the events a command produces on the current state, or a thrown `DomainError`.
 * Returns `[]` when the outcome already holds, so retries and repeated imports change nothing.
 */
export const decide = (command: BudgetCommand, state: Budget, ctx: DecideContext): BudgetEvent[] => decideByType(command, state, ctx, stampOf(command.actor, ctx));
