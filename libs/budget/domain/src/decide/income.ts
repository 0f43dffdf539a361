import type { DeclareIncome, SetCarryOver } from '../commands/draft-commands';
import type { CarryOverSet, IncomeDeclared, IncomeRemoved } from '../events/draft-events';
import { requireNonNegativeAmount } from '../rules/amounts';
import { requireIncomeSource } from '../rules/sources';
import { moneyToWire } from '../wire/money-wire';
import type { ContentDecider } from './decider';

/** An income amount replaces the source's earlier amount; 0 removes the source. */
export const declareIncome: ContentDecider<DeclareIncome, IncomeDeclared | IncomeRemoved> = (command, content, _ctx, stamp) => {
  requireIncomeSource(command.source, 'source');
  requireNonNegativeAmount(command.amount, 'amount');
  const existing = content.income.find((i) => i.source === command.source);
  if (command.amount.isZero())
    return existing ? [{ type: 'IncomeRemoved', data: { source: command.source, ...stamp } }] : [];
  if (existing && existing.amount.eq(command.amount)) return [];
  return [{ type: 'IncomeDeclared', data: { source: command.source, amount: moneyToWire(command.amount), ...stamp } }];
};

export const setCarryOver: ContentDecider<SetCarryOver, CarryOverSet> = (command, content, _ctx, stamp) => {
  requireNonNegativeAmount(command.fromLastYear, 'fromLastYear');
  requireNonNegativeAmount(command.toNextYear, 'toNextYear');
  const current = content.carryOver;
  if (current.fromLastYear.eq(command.fromLastYear) && current.toNextYear.eq(command.toNextYear)) return [];
  return [
    {
      type: 'CarryOverSet',
      data: {
        carryOver: { fromLastYear: moneyToWire(command.fromLastYear), toNextYear: moneyToWire(command.toNextYear) },
        ...stamp,
      },
    },
  ];
};
