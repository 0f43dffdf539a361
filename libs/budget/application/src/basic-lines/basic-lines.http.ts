import { randomUUID } from 'node:crypto';
import { Controller, Delete, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CommandInput, Input } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';
import { readBasicLine, readBasicLineRevision } from './basic-line.request';

/** 基本支出 — the department proposes, revises and withdraws the lines of its running costs. */
@ApiTags('budget drafting')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year/basic-lines')
export class BasicLinesController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: '新增基本支出明细（答复含 lineId）' })
  async propose(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    const command = { type: 'ProposeBasicLine' as const, actor: input.actor, lineId: input.body.optionalText('lineId', 64) ?? randomUUID(), ...readBasicLine(input.body) };
    input.body.done();
    const answer = await sendBudgetCommands(this.bus, address, [command], input);
    return { ...answer, lineId: command.lineId, location: `/v1/budgets/${address.department}/${address.fiscalYear}/basic-lines/${command.lineId}` };
  }

  @Patch(':lineId')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  @ApiOperation({ summary: '修改基本支出明细' })
  async revise(@Input() input: CommandInput) {
    const command = { type: 'ReviseBasicLine' as const, actor: input.actor, ...readBasicLineRevision(input.body, input.params.lineId) };
    input.body.done();
    return { ...(await sendBudgetCommands(this.bus, budgetAddressOf(input), [command], input)), lineId: command.lineId };
  }

  @Delete(':lineId')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  @ApiOperation({ summary: '撤回基本支出明细' })
  withdraw(@Input() input: CommandInput) {
    input.body.done();
    return sendBudgetCommands(this.bus, budgetAddressOf(input), [{ type: 'WithdrawBasicLine', actor: input.actor, lineId: input.params.lineId }], input);
  }
}
