import { ApiParam } from '@nestjs/swagger';
import { CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readProjectChanges, readProjectProposal } from './project.request';

/** 项目支出 — the department proposes, adjusts and withdraws projects with their spending plans and indicators. */
@BudgetController('budget drafting', 'projects')
export class ProjectsController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '申报项目（含资金支出计划与绩效指标）', { created: true })
  async propose(@Input() input: CommandInput) {
    const command = { type: 'ProposeProject' as const, actor: input.actor, project: readProjectProposal(input.body) };
    return this.create(input, command, 'projectCode', command.project.code);
  }

  @CommandRoute('PATCH', ':code', '编制中调整项目（金额、计划、指标…）')
  @ApiParam({ name: 'code', description: '项目编码' })
  async adjust(@Input() input: CommandInput) {
    const command = { type: 'AdjustProject' as const, actor: input.actor, code: input.params.code, changes: readProjectChanges(input.body) };
    return { ...(await this.send(input, command)), projectCode: command.code };
  }

  @CommandRoute('DELETE', ':code', '撤回项目')
  @ApiParam({ name: 'code', description: '项目编码' })
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawProject', actor: input.actor, code: input.params.code });
  }
}
