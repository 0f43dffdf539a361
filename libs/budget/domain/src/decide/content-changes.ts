import type { DraftCommand, OpenDraft } from '../commands/draft-commands';
import type { BudgetContent } from '../content/budget-content';
import type { DecideContext } from '../context';
import type { DraftEvent } from '../events/draft-events';
import type { EventStamp } from '../events/event';
import { adjustProject, proposeProject, scheduleProject, withdrawProject } from './projects';
import { declareIncome, setCarryOver } from './income';
import { proposeBasicLine, reviseBasicLine, withdrawBasicLine } from './basic-lines';
import { setDepartmentText, setUnits, setFixedAssets, setPriorYear, setProcurement } from './descriptive-sections';

/** Commands that edit the content of an open draft. */
export type ContentCommand = Exclude<DraftCommand, OpenDraft>;

/**
 * The content rules of one edit, without the who-and-when-may checks: the draft deciders and the
 * adjustment decider (which replays edits on the approved version) share them.
 */
export const decideContentChange = (
  command: ContentCommand,
  content: BudgetContent,
  ctx: DecideContext,
  stamp: EventStamp,
): Exclude<DraftEvent, { type: 'DraftOpened' }>[] => {
  switch (command.type) {
    case 'DeclareIncome':
      return declareIncome(command, content, stamp);
    case 'SetCarryOver':
      return setCarryOver(command, content, stamp);
    case 'ProposeBasicLine':
      return proposeBasicLine(command, content, ctx, stamp);
    case 'ReviseBasicLine':
      return reviseBasicLine(command, content, ctx, stamp);
    case 'WithdrawBasicLine':
      return withdrawBasicLine(command, content, stamp);
    case 'ProposeProject':
      return proposeProject(command, content, ctx, stamp);
    case 'AdjustProject':
      return adjustProject(command, content, ctx, stamp);
    case 'WithdrawProject':
      return withdrawProject(command, content, stamp);
    case 'ScheduleProject':
      return scheduleProject(command, content, ctx, stamp);
    case 'SetUnits':
      return setUnits(command, content, stamp);
    case 'SetDepartmentText':
      return setDepartmentText(command, content, stamp);
    case 'SetPriorYear':
      return setPriorYear(command, content, stamp);
    case 'SetFixedAssets':
      return setFixedAssets(command, content, stamp);
    case 'SetProcurement':
      return setProcurement(command, content, stamp);
  }
};
