import { randomUUID } from 'node:crypto';
import { ApiParam } from '@nestjs/swagger';
import { CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readBasicLine, readBasicLineRevision } from './basic-line.request';

/** 基本支出 — the department proposes, revises and withdraws the lines of its running costs. */
@BudgetController('budget drafting', 'basic-lines')
export class BasicLinesController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '新增基本支出明细（答复含 lineId）', { created: true })
  async propose(@Input() input: CommandInput) {
    const command = { type: 'ProposeBasicLine' as const, actor: input.actor, lineId: input.body.optionalText('lineId', 64) ?? randomUUID(), ...readBasicLine(input.body) };
    return this.create(input, command, 'lineId', command.lineId);
  }

  @CommandRoute('PATCH', ':lineId', '修改基本支出明细')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  async revise(@Input() input: CommandInput) {
    const command = { type: 'ReviseBasicLine' as const, actor: input.actor, ...readBasicLineRevision(input.body, input.params.lineId) };
    return { ...(await this.send(input, command)), lineId: command.lineId };
  }

  @CommandRoute('DELETE', ':lineId', '撤回基本支出明细')
  @ApiParam({ name: 'lineId', description: '基本支出明细编号' })
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawBasicLine', actor: input.actor, lineId: input.params.lineId });
  }
}
