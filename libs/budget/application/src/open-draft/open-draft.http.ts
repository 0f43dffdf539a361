import { Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { type DepartmentProfile, type UnitKind, initialBudget } from '@budgetflow/budget-domain';
import { BudgetCommandAnswer, OpenDraftRequest } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, type RequestReader } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController, BudgetStreams } from '../budget-commands/budget-commands';

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

/**
 * 建立草案 — the department opens its draft of a fiscal year: from nothing (its profile in the body), or with
 * `{"fromYear": year - 1}` from the last approved version of the year before (以上年预算为基础编制).
 */
@BudgetController('budget drafting')
export class OpenDraftController extends BudgetCommandRoutes {
  constructor(
    bus: CommandBus,
    private readonly budgets: BudgetStreams,
  ) {
    super(bus);
  }

  @CommandRoute('POST', '', '建立本年度预算草案（部门）；{"fromYear": 上一年度} 以上年批复预算为基础建立', {
    created: true,
    refuses: { 400: ['UNIT_KIND_UNKNOWN', 'FROM_YEAR_INVALID'], 409: ['BUDGET_ALREADY_OPENED', 'PRIOR_YEAR_NOT_APPROVED'] },
  })
  @BodySchema(OpenDraftRequest)
  @Answers(BudgetCommandAnswer, { status: 201 })
  async open(@Input() input: CommandInput, @Res({ passthrough: true }) reply?: FastifyReply): Promise<BudgetCommandAnswer & { location: string }> {
    const address = budgetAddressOf(input);
    const answer = input.body.has('fromYear') ? await this.openFromPriorYear(input, address) : await this.send(input, { type: 'OpenDraft' as const, actor: input.actor, department: readDepartmentProfile(input.body, address.department), fiscalYear: address.fiscalYear });
    // The draft lives at the address it was opened at.
    void reply?.header('location', input.path);
    return { ...answer, location: input.path };
  }

  /** Year N's stream (state and events, the year-end close among them) handed to the decider with the command. */
  private async openFromPriorYear(input: CommandInput, address: { department: string; fiscalYear: number }): Promise<BudgetCommandAnswer> {
    const fromYear = input.body.integer('fromYear') ?? Number.NaN;
    const prior = fromYear === address.fiscalYear - 1 ? await this.budgets.load({ department: address.department, fiscalYear: fromYear }) : { state: initialBudget(), events: [] };
    return this.send(input, {
      type: 'OpenDraftFromPriorYear',
      actor: input.actor,
      departmentCode: address.department,
      fiscalYear: address.fiscalYear,
      fromYear,
      prior: { budget: prior.state, events: prior.events.map((event) => ({ type: event.type, data: event.data })) },
    });
  }
}
