import type { SetControlNumbers } from '../commands/workflow-commands';
import { refuse } from '../errors';
import { inFourRounds } from './submission';
import type { ControlNumbersSet } from '../events/workflow-events';
import { requireRole } from '../rules/access';
import { requirePositiveAmount } from '../rules/amounts';
import { requireText } from '../rules/text';
import { sameJson } from '../wire/content-wire';
import { moneyToWire } from '../wire/money-wire';
import type { BudgetDecider } from './decider';

const CAPS = ['total', 'basic', 'project'] as const;

/**
 * 控制数: finance caps the department's expenditure; in a year of one round it may come at any moment, even before the
 * draft is opened. In a year of four rounds it is 一下: issued on the department's submitted proposal (一上), which goes
 * back to the department to be budgeted within them (二上); issued again while the department works on 二上.
 */
export const setControlNumbers: BudgetDecider<SetControlNumbers, ControlNumbersSet> = (command, state, ctx, stamp) => {
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
  if (inFourRounds(state, ctx)) {
    const afterProposal = state.status === 'submitted' && (state.rounds?.current ?? '一上') === '一上';
    const reissue = state.status === 'drafting' && state.rounds?.current === '一下';
    if (!afterProposal && !reissue)
      refuse('ROUND_OUT_OF_ORDER', undefined, '本年度实行“一上一下二上二下”：控制数（一下）在部门报送预算建议（一上）之后下达');
    if (reissue && current && sameJson(current, caps)) return [];
    return [{ type: 'ControlNumbersSet', data: { departmentCode: command.departmentCode, fiscalYear: command.fiscalYear, ...caps, round: '一下', ...stamp } }];
  }
  if (current && sameJson(current, caps)) return [];
  return [
    {
      type: 'ControlNumbersSet',
      data: { departmentCode: command.departmentCode, fiscalYear: command.fiscalYear, ...caps, ...stamp },
    },
  ];
};
