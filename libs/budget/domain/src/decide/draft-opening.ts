import type { OpenDraft } from '../commands/draft-commands';
import { refuse } from '../errors';
import type { DraftOpened } from '../events/draft-events';
import { requireOwnDepartment } from '../rules/access';
import { requireText } from '../rules/text';
import { sameJson } from '../wire/content-wire';
import type { BudgetDecider } from './decider';

const UNIT_KINDS = ['行政', '参公', '事业'];

/** Opens the year's draft; opening the same draft again changes nothing. */
export const openDraft: BudgetDecider<OpenDraft, DraftOpened> = (command, state, _ctx, stamp) => {
  const { department, fiscalYear } = command;
  requireOwnDepartment(command.actor, department?.code, { adminMayImport: true });
  requireText(department.code, 'department.code');
  requireText(department.name, 'department.name');
  if (!UNIT_KINDS.includes(department.unitKind)) refuse('UNIT_KIND_UNKNOWN', 'department.unitKind');
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) refuse('FISCAL_YEAR_INVALID', 'fiscalYear');
  if (
    (state.departmentCode !== undefined && state.departmentCode !== department.code) ||
    (state.fiscalYear !== undefined && state.fiscalYear !== fiscalYear)
  )
    refuse('BUDGET_IDENTITY_MISMATCH', 'department.code', `该预算属于部门 ${state.departmentCode} ${state.fiscalYear}年度`);
  const profile = JSON.parse(JSON.stringify(department));
  if (state.status !== 'none') {
    if (state.content && sameJson(state.content.department, profile)) return [];
    refuse('BUDGET_ALREADY_OPENED', 'department');
  }
  return [{ type: 'DraftOpened', data: { department: profile, fiscalYear, ...stamp } }];
};
