import { BudgetCommandAnswer, ProjectAdjusted, ProjectChangesRequest, ProjectCreated, ProjectRequest } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, PathParam } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { readProjectChanges, readProjectProposal } from './project.request';

/** 项目支出 — the department proposes, adjusts and withdraws projects with their spending plans and indicators. */
@BudgetController('budget drafting', 'projects')
export class ProjectsController extends BudgetCommandRoutes {
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
    return { ...(await this.send(input, command)), projectCode: command.code };
  }

  @CommandRoute('DELETE', ':code', '撤回项目（不存在的项目：200，不写入）')
  @PathParam('code', '项目编码', '13043324P00007510001B')
  @Answers(BudgetCommandAnswer)
  withdraw(@Input() input: CommandInput) {
    return this.send(input, { type: 'WithdrawProject', actor: input.actor, code: input.params.code });
  }
}
