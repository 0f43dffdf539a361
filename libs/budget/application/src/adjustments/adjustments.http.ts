import { randomUUID } from 'node:crypto';
import { ApiParam } from '@nestjs/swagger';
import { CommandRoute, type CommandInput, Input, RequestReader } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readChangeSet } from './change-set.request';

/** 预算调整 — after approval the department requests a change set with a reason; finance approves (a new version) or rejects it. */
@BudgetController('budget review', 'adjustments')
export class AdjustmentsController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '申请预算调整（批复后，部门）：变动事项与理由（答复含 adjustmentId）', { created: true })
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

  @CommandRoute('POST', ':adjustmentId/approve', '批准调整（财政）：形成新的批复版本（答复 approvedVersion）')
  @ApiParam({ name: 'adjustmentId', description: '调整申请编号' })
  approve(@Input() input: CommandInput) {
    return this.send(input, { type: 'ApproveAdjustment', actor: input.actor, adjustmentId: input.params.adjustmentId });
  }

  @CommandRoute('POST', ':adjustmentId/reject', '驳回调整（财政），须填写理由')
  @ApiParam({ name: 'adjustmentId', description: '调整申请编号' })
  reject(@Input() input: CommandInput) {
    const command = { type: 'RejectAdjustment' as const, actor: input.actor, adjustmentId: input.params.adjustmentId, reason: input.body.text('reason', { max: 2000 }) };
    return this.send(input, command);
  }
}
