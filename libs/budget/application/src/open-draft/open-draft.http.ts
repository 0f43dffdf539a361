import { BudgetCommandAnswer, OpenDraftRequest } from '@budgetflow/contracts';
import type { DepartmentProfile, UnitKind } from '@budgetflow/budget-domain';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, type RequestReader } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

export function readDepartmentProfile(reader: RequestReader, code: string): DepartmentProfile {
  return {
    code,
    name: reader.text('name', { max: 200 }),
    unitKind: reader.text('unitKind', { max: 10 }) as UnitKind,
    ...optional('unitName', reader.optionalText('unitName', 200)),
    ...optional('unitRank', reader.optionalText('unitRank', 50)),
    ...optional('fundingForm', reader.optionalText('fundingForm', 50)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/** 建立草案 — the department opens its draft of a fiscal year. */
@BudgetController('budget drafting')
export class OpenDraftController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '建立本年度预算草案（部门）', { created: true, refuses: { 400: ['UNIT_KIND_UNKNOWN'], 409: ['BUDGET_ALREADY_OPENED'] } })
  @BodySchema(OpenDraftRequest)
  @Answers(BudgetCommandAnswer, { status: 201 })
  open(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    const command = { type: 'OpenDraft' as const, actor: input.actor, department: readDepartmentProfile(input.body, address.department), fiscalYear: address.fiscalYear };
    return this.send(input, command);
  }
}
