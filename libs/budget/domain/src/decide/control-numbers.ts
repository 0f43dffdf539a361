import type { SetControlNumbers } from '../commands/workflow-commands';
import { refuse } from '../errors';
import type { EventStamp } from '../events/event';
import type { ControlNumbersSet } from '../events/workflow-events';
import { requireRole } from '../rules/access';
import { requirePositiveAmount } from '../rules/amounts';
import { requireText } from '../rules/text';
import type { Budget } from '../state';
import { sameJson } from '../wire/content-wire';
import { moneyToWire } from '../wire/money-wire';

const CAPS = ['total', 'basic', 'project'] as const;

/** 控制数 (一下): finance caps the department's expenditure; may come before the draft is opened. */
export const setControlNumbers = (command: SetControlNumbers, state: Budget, stamp: EventStamp): ControlNumbersSet[] => {
  requireRole(command.actor, 'finance');
  requireText(command.departmentCode, 'departmentCode');
  if (!Number.isInteger(command.fiscalYear)) refuse('FISCAL_YEAR_INVALID', 'fiscalYear');
  if (
    (state.departmentCode !== undefined && state.departmentCode !== command.departmentCode) ||
    (state.fiscalYear !== undefined && state.fiscalYear !== command.fiscalYear)
  )
    refuse('BUDGET_IDENTITY_MISMATCH', 'departmentCode');
  for (const cap of CAPS) if (command[cap] !== undefined) requirePositiveAmount(command[cap]!, cap);
  const caps = Object.fromEntries(CAPS.filter((c) => command[c] !== undefined).map((c) => [c, moneyToWire(command[c]!)]));
  const current = state.controlNumbers
    ? Object.fromEntries(CAPS.filter((c) => state.controlNumbers![c]).map((c) => [c, moneyToWire(state.controlNumbers![c]!)]))
    : undefined;
  if (current && sameJson(current, caps)) return [];
  return [
    {
      type: 'ControlNumbersSet',
      data: { departmentCode: command.departmentCode, fiscalYear: command.fiscalYear, ...caps, ...stamp },
    },
  ];
};
