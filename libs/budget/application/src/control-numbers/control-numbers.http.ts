import { BudgetCommandAnswer, ControlNumbersRequest } from '@budgetflow/contracts';
import type { Money } from '@budgetflow/budget-domain';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

/** 控制数 (一下) — the finance bureau caps a department's totals; a draft over them cannot be submitted. */
@BudgetController('budget review')
export class ControlNumbersController extends BudgetCommandRoutes {
  @CommandRoute('PUT', 'control-numbers', '设定控制数（财政）：总额、基本支出、项目支出上限（元）')
  @BodySchema(ControlNumbersRequest)
  @Answers(BudgetCommandAnswer)
  set(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    const cap = (key: 'total' | 'basic' | 'project'): { [K in typeof key]?: Money } =>
      input.body.has(key) ? { [key]: input.body.money(key) } : (input.body.any(key, { optional: true }), {});
    const command = { type: 'SetControlNumbers' as const, actor: input.actor, departmentCode: address.department, fiscalYear: address.fiscalYear, ...cap('total'), ...cap('basic'), ...cap('project') };
    return this.send(input, command);
  }
}
