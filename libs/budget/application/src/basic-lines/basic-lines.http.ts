import { randomUUID } from 'node:crypto';
import { Delete, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { type CommandInput, Input } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readBasicLine, readBasicLineRevision } from './basic-line.request';

/** 基本支出 — the department proposes, revises and withdraws the lines of its running costs. */
@BudgetController('budget drafting', 'basic-lines')
export class BasicLinesController extends BudgetCommandRoutes {
  @Post()
  @ApiOperation({ summary: '新增基本支出明细（答复含 lineId）' })
  async propose(@Input() input: CommandInput) {
    const command = { type: 'ProposeBasicLine' as const, actor: input.actor, lineId: input.body.optionalText('lineId', 64) ?? randomUUID(), ...readBasicLine(input.body) };
    return this.create(input, command, 'lineId', command.lineId);
  }

  @Patch(':lineId')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  @ApiOperation({ summary: '修改基本支出明细' })
  async revise(@Input() input: CommandInput) {
    const command = { type: 'ReviseBasicLine' as const, actor: input.actor, ...readBasicLineRevision(input.body, input.params.lineId) };
    return { ...(await this.send(input, command)), lineId: command.lineId };
  }

  @Delete(':lineId')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  @ApiOperation({ summary: '撤回基本支出明细' })
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawBasicLine', actor: input.actor, lineId: input.params.lineId });
  }
}
