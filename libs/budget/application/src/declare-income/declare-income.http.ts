import { BudgetCommandAnswer, CarryOverRequest, IncomeRequest } from '@budgetflow/contracts';
import Decimal from 'decimal.js';
import type { IncomeSource, Money } from '@budgetflow/budget-domain';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, type RequestReader } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

export interface IncomeEntry {
  source: IncomeSource;
  amount: Money;
}

export function readIncomeEntry(reader: RequestReader): IncomeEntry {
  return { source: reader.text('source', { max: 50 }) as IncomeSource, amount: reader.money('amount') ?? new Decimal(0) };
}

/** 收入 and 结转结余 — the department's income by source and the carry-over of its draft. */
@BudgetController('budget drafting')
export class DeclareIncomeController extends BudgetCommandRoutes {
  @CommandRoute('POST', 'income', '申报收入（按来源，金额替换原值，0 表示删除）', { refuses: { 400: ['INCOME_SOURCE_UNKNOWN', 'AMOUNT_NOT_STRING', 'AMOUNT_INVALID'], 409: ['BUDGET_NOT_DRAFTING'], 422: ['AMOUNT_NEGATIVE'] } })
  @BodySchema(IncomeRequest)
  @Answers(BudgetCommandAnswer)
  declareIncome(@Input() input: CommandInput) {
    const command = { type: 'DeclareIncome' as const, actor: input.actor, ...readIncomeEntry(input.body) };
    return this.send(input, command);
  }

  @CommandRoute('PUT', 'carry-over', '上年结转结余 / 年终结转结余')
  @BodySchema(CarryOverRequest)
  @Answers(BudgetCommandAnswer)
  setCarryOver(@Input() input: CommandInput) {
    // A missing amount is already a reader problem; `done()` refuses before the command is used.
    const command = {
      type: 'SetCarryOver' as const,
      actor: input.actor,
      fromLastYear: input.body.money('fromLastYear') ?? new Decimal(0),
      toNextYear: input.body.money('toNextYear') ?? new Decimal(0),
    };
    return this.send(input, command);
  }
}
