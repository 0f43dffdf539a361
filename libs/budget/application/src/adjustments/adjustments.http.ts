import { AdjustmentRequest, AdjustmentRequested, BudgetCommandAnswer, ReasonRequest } from '@budgetflow/contracts';
import { randomUUID } from 'node:crypto';
import { Answers, BodyNone, BodySchema, CommandRoute, type CommandInput, Input, PathParam, RequestReader } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readChangeSet } from './change-set.request';

/** 预算调整 — after approval the department requests a change set with a reason; finance approves (a new version) or rejects it. */
@BudgetController('budget review', 'adjustments')
export class AdjustmentsController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '申请预算调整（批复后，部门）：变动事项与理由（答复含 adjustmentId）', { created: true, refuses: { 409: ['BUDGET_NOT_APPROVED', 'ADJUSTMENT_ALREADY_PENDING'], 422: ['ADJUSTMENT_EMPTY'] } })
  @BodySchema(AdjustmentRequest)
  @Answers(AdjustmentRequested, { status: 201 })
  async request(@Input() input: CommandInput) {
    const command = {
      type: 'RequestAdjustment' as const,
      actor: input.actor,
      adjustmentId: input.body.optionalText('adjustmentId', 64) ?? randomUUID(),
      changeSet: readChangeSet(input.body.object('changeSet') ?? RequestReader.of({}), () => randomUUID()),
      reason: input.body.text('reason', { max: 2000 }),
    };
    return this.create(input, command, 'adjustmentId', command.adjustmentId);
  }

  @CommandRoute('POST', ':adjustmentId/approve', '批准调整（财政）：形成新的批复版本（答复 approvedVersion）', { refuses: { 404: ['ADJUSTMENT_NOT_FOUND'] } })
  @PathParam('adjustmentId', '调整申请编号（申请答复中的 adjustmentId）', 'adj-1')
  @BodyNone()
  @Answers(BudgetCommandAnswer)
  approve(@Input() input: CommandInput) {
    return this.send(input, { type: 'ApproveAdjustment', actor: input.actor, adjustmentId: input.params.adjustmentId });
  }

  @CommandRoute('POST', ':adjustmentId/reject', '驳回调整（财政），须填写理由', { refuses: { 404: ['ADJUSTMENT_NOT_FOUND'] } })
  @PathParam('adjustmentId', '调整申请编号（申请答复中的 adjustmentId）', 'adj-1')
  @BodySchema(ReasonRequest)
  @Answers(BudgetCommandAnswer)
  reject(@Input() input: CommandInput) {
    const command = { type: 'RejectAdjustment' as const, actor: input.actor, adjustmentId: input.params.adjustmentId, reason: input.body.text('reason', { max: 2000 }) };
    return this.send(input, command);
  }
}
