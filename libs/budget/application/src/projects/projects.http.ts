import { CommandBus } from '@nestjs/cqrs';
import { projectLibraryStreamId } from '@budgetflow/budget-domain';
import { ProjectAdjusted, ProjectChangesRequest, ProjectCreated, ProjectFromLibraryRequest, ProjectRequest } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, PathParam } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController, WithdrawRoute, budgetAddressOf } from '../budget-commands/budget-commands';
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

  @CommandRoute('POST', 'from-library', '从项目库选取已入库项目列入预算（部门）：{ code, amount?, spendingPlan?, lines?, unit? }', {
    created: true,
    refuses: { 409: ['DUPLICATE_PROJECT_CODE', 'LIBRARY_PROJECT_STATE'], 422: ['PROJECT_NOT_IN_LIBRARY', 'CODE_NOT_IN_CATALOG'] },
  })
  @BodySchema(ProjectFromLibraryRequest)
  @Answers(ProjectCreated, { status: 201 })
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

  @CommandRoute('POST', '', '申报项目（含资金支出计划与绩效指标）', {
    created: true,
    refuses: {
      400: ['PROJECT_CODE_INVALID', 'FUND_SOURCE_UNKNOWN', 'SPENDING_PLAN_CHECKPOINT_INVALID', 'INDICATOR_TARGET_INVALID', 'AMOUNT_TOO_PRECISE'],
      409: ['DUPLICATE_PROJECT_CODE'],
      422: ['CODE_NOT_IN_CATALOG', 'SPENDING_PLAN_INCOMPLETE', 'SPENDING_PLAN_PERCENT_DECREASING', 'SPENDING_PLAN_MONTHS_NOT_INCREASING', 'INDICATOR_LEVEL1_UNKNOWN', 'INDICATOR_LEVEL2_UNKNOWN', 'PROJECT_LINES_MISMATCH', 'PROJECT_FUNDS_MISMATCH'],
    },
  })
  @BodySchema(ProjectRequest)
  @Answers(ProjectCreated, { status: 201 })
  async propose(@Input() input: CommandInput) {
    const command = { type: 'ProposeProject' as const, actor: input.actor, project: readProjectProposal(input.body) };
    return this.create(input, command, 'projectCode', command.project.code);
  }

  @CommandRoute('PATCH', ':code', '编制中调整项目（金额、计划、指标…）', { refuses: { 404: ['PROJECT_NOT_FOUND'] } })
  @PathParam('code', '项目编码', '13043324P00007510001B')
  @BodySchema(ProjectChangesRequest)
  @Answers(ProjectAdjusted)
  async adjust(@Input() input: CommandInput) {
    const command = { type: 'AdjustProject' as const, actor: input.actor, code: input.params.code, changes: readProjectChanges(input.body) };
    return this.change(input, command, 'projectCode', command.code);
  }

  @WithdrawRoute('撤回项目（不存在的项目：200，不写入）', { name: 'code', description: '项目编码', example: '13043324P00007510001B' })
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawProject', actor: input.actor, code: input.params.code });
  }
}
