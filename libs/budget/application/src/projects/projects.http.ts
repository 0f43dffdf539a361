import { ApiParam } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { projectLibraryStreamId } from '@budgetflow/budget-domain';
import { CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController, budgetAddressOf } from '../budget-commands/budget-commands';
import { ProjectLibraryService } from '../project-library/project-library.service';
import { readProjectChanges, readProjectLines, readProjectProposal, readSpendingPlan } from './project.request';
import { readCarryOverAndUnit } from '../basic-lines/basic-line.request';

/** 项目支出 — the department proposes, adjusts and withdraws projects with their spending plans and indicators. */
@BudgetController('budget drafting', 'projects')
export class ProjectsController extends BudgetCommandRoutes {
  constructor(
    bus: CommandBus,
    private readonly library: ProjectLibraryService,
  ) {
    super(bus);
  }

  @CommandRoute('POST', 'from-library', '从项目库选取已入库项目列入预算（部门）：{ code, amount?, spendingPlan?, lines?, unit? }', { created: true })
  async schedule(@Input() input: CommandInput) {
    const { department } = budgetAddressOf(input);
    const body = input.body;
    const code = body.text('code', { max: 64 });
    const amount = body.money('amount', { optional: true });
    const plan = body.objects('spendingPlan', { optional: true, max: 12 });
    const lines = body.objects('lines', { optional: true, max: 500 });
    const command = {
      type: 'ScheduleProject' as const,
      actor: input.actor,
      code,
      ...(amount !== undefined ? { amount } : {}),
      ...(plan ? { spendingPlan: readSpendingPlan(plan) } : {}),
      ...(lines ? { lines: readProjectLines(lines) } : {}),
      ...readCarryOverAndUnit(body),
      // The library entry of the budget's own department: another department's entry is never looked at.
      library: { streamId: projectLibraryStreamId(department, code), project: await this.library.state(department, code) },
    };
    return this.create(input, command, 'projectCode', code);
  }

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
