import { Controller, Delete, Patch, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CommandInput, Input } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';
import { readProjectChanges, readProjectProposal } from './project.request';

/** 项目支出 — the department proposes, adjusts and withdraws projects with their spending plans and indicators. */
@ApiTags('budget drafting')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year/projects')
export class ProjectsController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: '申报项目（含资金支出计划与绩效指标）' })
  async propose(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    const command = { type: 'ProposeProject' as const, actor: input.actor, project: readProjectProposal(input.body) };
    input.body.done();
    const answer = await sendBudgetCommands(this.bus, address, [command], input);
    const code = command.project.code;
    return { ...answer, projectCode: code, location: `/v1/budgets/${address.department}/${address.fiscalYear}/projects/${encodeURIComponent(code)}` };
  }

  @Patch(':code')
  @ApiParam({ name: 'code', description: '项目编码' })
  @ApiOperation({ summary: '编制中调整项目（金额、计划、指标…）' })
  async adjust(@Input() input: CommandInput) {
    const command = { type: 'AdjustProject' as const, actor: input.actor, code: input.params.code, changes: readProjectChanges(input.body) };
    input.body.done();
    return { ...(await sendBudgetCommands(this.bus, budgetAddressOf(input), [command], input)), projectCode: command.code };
  }

  @Delete(':code')
  @ApiParam({ name: 'code', description: '项目编码' })
  @ApiOperation({ summary: '撤回项目' })
  withdraw(@Input() input: CommandInput) {
    input.body.done();
    return sendBudgetCommands(this.bus, budgetAddressOf(input), [{ type: 'WithdrawProject', actor: input.actor, code: input.params.code }], input);
  }
}
