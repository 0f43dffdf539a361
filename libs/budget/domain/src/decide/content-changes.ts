import type { DraftCommand, OpenDraft } from '../commands/draft-commands';
import type { DraftEvent } from '../events/draft-events';
import { adjustProject, proposeProject, scheduleProject, withdrawProject } from './projects';
import { declareIncome, setCarryOver } from './income';
import { proposeBasicLine, reviseBasicLine, withdrawBasicLine } from './basic-lines';
import { setDepartmentText, setUnits, setFixedAssets, setPriorYear, setProcurement } from './descriptive-sections';
import { byCommandType, type ContentDecider, type DeciderTable } from './decider';
import type { BudgetContent } from '../content/budget-content';

/** Commands that edit the content of an open draft. */
export type ContentCommand = Exclude<DraftCommand, OpenDraft>;
export type ContentEvent = Exclude<DraftEvent, { type: 'DraftOpened' }>;

/** Every content command's decider: the list of the commands that edit content. */
export const CONTENT_DECIDERS: DeciderTable<ContentCommand, BudgetContent, ContentEvent> = {
  DeclareIncome: declareIncome,
  SetCarryOver: setCarryOver,
  ProposeBasicLine: proposeBasicLine,
  ReviseBasicLine: reviseBasicLine,
  WithdrawBasicLine: withdrawBasicLine,
  ProposeProject: proposeProject,
  AdjustProject: adjustProject,
  WithdrawProject: withdrawProject,
  ScheduleProject: scheduleProject,
  SetUnits: setUnits,
  SetDepartmentText: setDepartmentText,
  SetPriorYear: setPriorYear,
  SetFixedAssets: setFixedAssets,
  SetProcurement: setProcurement,
};

/**
 * The content rules of one edit, without the who-and-when-may checks: the draft deciders and the
 * adjustment decider (which replays edits on the approved version) share them.
 */
export const decideContentChange: ContentDecider<ContentCommand, ContentEvent> = byCommandType(CONTENT_DECIDERS);
