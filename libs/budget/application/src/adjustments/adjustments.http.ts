import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CommandInput, Input, RequestReader } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';
import { readChangeSet } from './change-set.request';

/** 预算调整 — after approval the department requests a change set with a reason; finance approves (a new version) or rejects it. */
@ApiTags('budget review')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year/adjustments')
export class AdjustmentsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: '申请预算调整（批复后，部门）：变动事项与理由（答复含 adjustmentId）' })
  async request(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    const command = {
      type: 'RequestAdjustment' as const,
      actor: input.actor,
      adjustmentId: input.body.optionalText('adjustmentId', 64) ?? randomUUID(),
      changeSet: readChangeSet(input.body.object('changeSet') ?? RequestReader.of({}), () => randomUUID()),
      reason: input.body.text('reason', { max: 2000 }),
    };
    input.body.done();
    const answer = await sendBudgetCommands(this.bus, address, [command], input);
    return { ...answer, adjustmentId: command.adjustmentId, location: `/v1/budgets/${address.department}/${address.fiscalYear}/adjustments/${command.adjustmentId}` };
  }

  @Post(':adjustmentId/approve')
  @HttpCode(200)
  @ApiParam({ name: 'adjustmentId', description: '调整申请编号' })
  @ApiOperation({ summary: '批准调整（财政）：形成新的批复版本（答复 approvedVersion）' })
  approve(@Input() input: CommandInput) {
    input.body.done();
    return sendBudgetCommands(this.bus, budgetAddressOf(input), [{ type: 'ApproveAdjustment', actor: input.actor, adjustmentId: input.params.adjustmentId }], input);
  }

  @Post(':adjustmentId/reject')
  @HttpCode(200)
  @ApiParam({ name: 'adjustmentId', description: '调整申请编号' })
  @ApiOperation({ summary: '驳回调整（财政），须填写理由' })
  reject(@Input() input: CommandInput) {
    const command = { type: 'RejectAdjustment' as const, actor: input.actor, adjustmentId: input.params.adjustmentId, reason: input.body.text('reason', { max: 2000 }) };
    input.body.done();
    return sendBudgetCommands(this.bus, budgetAddressOf(input), [command], input);
  }
}
