import { BasicLineCreated, BasicLineRequest, BasicLineRevised, BasicLineRevisionRequest } from '@budgetflow/contracts';
import { randomUUID } from 'node:crypto';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, PathParam } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController, WithdrawRoute } from '../budget-commands/budget-commands';
import { readBasicLine, readBasicLineRevision } from './basic-line.request';

/** 基本支出 — the department proposes, revises and withdraws the lines of its running costs. */
@BudgetController('budget drafting', 'basic-lines')
export class BasicLinesController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '新增基本支出明细（答复含 lineId）', { created: true, refuses: { 400: ['CODE_FORMAT_INVALID', 'FUND_SOURCE_UNKNOWN', 'AMOUNT_NOT_STRING', 'AMOUNT_INVALID', 'AMOUNT_TOO_PRECISE'], 404: ['BUDGET_NOT_FOUND'], 409: ['DUPLICATE_LINE_ID', 'BUDGET_NOT_DRAFTING'], 422: ['CODE_NOT_IN_CATALOG', 'AMOUNT_NOT_POSITIVE', 'AMOUNT_TOO_LARGE'] } })
  @BodySchema(BasicLineRequest)
  @Answers(BasicLineCreated, { status: 201 })
  async propose(@Input() input: CommandInput) {
    const command = { type: 'ProposeBasicLine' as const, actor: input.actor, lineId: input.body.optionalText('lineId', 64) ?? randomUUID(), ...readBasicLine(input.body) };
    return this.create(input, command, 'lineId', command.lineId);
  }

  @CommandRoute('PATCH', ':lineId', '修改基本支出明细', { refuses: { 404: ['LINE_NOT_FOUND'], 422: ['CODE_NOT_IN_CATALOG'] } })
  @PathParam('lineId', '基本支出明细编号', 'basic-1')
  @BodySchema(BasicLineRevisionRequest)
  @Answers(BasicLineRevised)
  async revise(@Input() input: CommandInput) {
    const command = { type: 'ReviseBasicLine' as const, actor: input.actor, ...readBasicLineRevision(input.body, input.params.lineId) };
    return this.change(input, command, 'lineId', command.lineId);
  }

  @WithdrawRoute('撤回基本支出明细（不存在的明细：200，不写入）', { name: 'lineId', description: '基本支出明细编号', example: 'basic-1' })
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawBasicLine', actor: input.actor, lineId: input.params.lineId });
  }
}
