import { AdjustmentApprovalRequest, AdjustmentRequest, AdjustmentRequested, BudgetCommandAnswer, ReasonRequest } from '@budgetflow/contracts';
import { randomUUID } from 'node:crypto';
import { DomainError, type InYearChangeKind, inYearChangeKindOf } from '@budgetflow/budget-domain';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, PathParam, RequestReader } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readChangeSet } from './change-set.request';

/** `kind`: 追加 / 调剂 / 调整, as the English code or the Chinese name; absent: 调整 (what the route always was). */
const readKind = (reader: RequestReader): InYearChangeKind | undefined => {
  const text = reader.optionalText('kind', 20);
  if (text === undefined) return undefined;
  return inYearChangeKindOf(text.trim()) ?? (() => { throw new DomainError('CHANGE_KIND_UNKNOWN', { field: 'kind' }); })();
};

/**
 * 预算执行中的变动 — after approval the department requests a change (追加 / 调剂 / 调整) with a reason, a 文号 and the date
 * it should take effect; finance approves (a new version, in force from the effective date) or rejects it.
 */
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
      kind: readKind(input.body),
      documentNumber: input.body.optionalText('documentNumber', 100),
      effectiveDate: input.body.optionalText('effectiveDate', 10),
    };
    return this.create(input, command, 'adjustmentId', command.adjustmentId);
  }

  @CommandRoute('POST', ':adjustmentId/approve', '批准变动（财政）：形成新的批复版本（答复 approvedVersion），可填文号、生效日期（早于今天须填理由）', { refuses: { 404: ['ADJUSTMENT_NOT_FOUND'] } })
  @PathParam('adjustmentId', '调整申请编号（申请答复中的 adjustmentId）', 'adj-1')
  @BodySchema(AdjustmentApprovalRequest, { required: false })
  @Answers(BudgetCommandAnswer)
  approve(@Input() input: CommandInput) {
    return this.send(input, {
      type: 'ApproveAdjustment',
      actor: input.actor,
      adjustmentId: input.params.adjustmentId,
      documentNumber: input.body.optionalText('documentNumber', 100),
      effectiveDate: input.body.optionalText('effectiveDate', 10),
      reason: input.body.optionalText('reason', 2000),
    });
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
