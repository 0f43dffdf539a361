import { BudgetCommandAnswer, CloseYearRequest } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { Decimal } from '@budgetflow/budget-domain';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

/**
 * 年终结账 — finance closes a department's year after 12月31日: `{"carryOver":[{"projectCode","amount","reason"?}]}`
 * (元, decimal strings) carries the listed projects' unspent money over (结转); every other unspent amount is returned
 * (结余). One `BudgetYearClosed` event; afterwards payments dated in the year and changes are refused.
 */
@BudgetController('year-end')
export class CloseYearController extends BudgetCommandRoutes {
  @CommandRoute('POST', 'close', '年终结账（财政）：结转（按项目）与结余')
  @BodySchema(CloseYearRequest, { required: false })
  @Answers(BudgetCommandAnswer)
  close(@Input() input: CommandInput) {
    const entries = input.body.objects('carryOver', { optional: true, max: 2000 }) ?? [];
    const carryOver = entries.map((entry) => ({
      projectCode: entry.text('projectCode', { max: 64 }),
      amount: entry.money('amount') ?? new Decimal(0),
      reason: entry.optionalText('reason', 2000),
    }));
    return this.send(input, { type: 'CloseYear', actor: input.actor, carryOver });
  }
}
