import type { DeclareIncome, SetCarryOver } from '../commands/draft-commands';
import type { BudgetContent } from '../content/budget-content';
import type { CarryOverSet, IncomeDeclared, IncomeRemoved } from '../events/draft-events';
import type { EventStamp } from '../events/event';
import { requireNonNegativeAmount } from '../rules/amounts';
import { requireIncomeSource } from '../rules/sources';
import { moneyToWire } from '../wire/money-wire';

/** An income amount replaces the source's earlier amount; 0 removes the source. */
export const declareIncome = (
  command: DeclareIncome,
  content: BudgetContent,
  stamp: EventStamp,
): (IncomeDeclared | IncomeRemoved)[] => {
  requireIncomeSource(command.source, 'source');
  requireNonNegativeAmount(command.amount, 'amount');
  const existing = content.income.find((i) => i.source === command.source);
  if (command.amount.isZero())
    return existing ? [{ type: 'IncomeRemoved', data: { source: command.source, ...stamp } }] : [];
  if (existing && existing.amount.eq(command.amount)) return [];
  return [{ type: 'IncomeDeclared', data: { source: command.source, amount: moneyToWire(command.amount), ...stamp } }];
};

export const setCarryOver = (command: SetCarryOver, content: BudgetContent, stamp: EventStamp): CarryOverSet[] => {
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
