import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ReviewQueue } from '@budgetflow/contracts';
import { pendingReviewSteps } from '@budgetflow/budget-domain';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { Answers, ApiController, QueryParam, Refuses, type Actor, CurrentActor, httpProblem, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { BudgetStreams } from '../budget-commands/budget-commands';
import { BudgetSettingsService } from '../budget-settings/budget-settings.service';
import { BUDGET_OVERVIEW } from '../county/budget-overview.projection';

/**
 * 财政审核队列 — where each department's budget of a year stands: its state, round, the review steps passed (who,
 * when, why) and the one it waits for, and whose move it is. The departments come from the county overview; each
 * budget's state from its stream.
 */
@ApiController('budget review', 'v1/review-queue')
export class ReviewQueueController {
  constructor(
    private readonly budgets: BudgetStreams,
    private readonly settings: BudgetSettingsService,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: '财政审核队列：各部门预算所处状态、轮次与审核环节（财政、监督、管理员）' })
  @QueryParam('year', '预算年度', { example: 2024, required: true })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(ReviewQueue)
  @Refuses({ 400: ['FISCAL_YEAR_INVALID', 'POSITION_INVALID'], 403: ['FORBIDDEN'] }, 401)
  async queue(@Query('year') year: string | undefined, @Query('after') after: string | undefined, @CurrentActor() actor: Actor) {
    if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户不能查看财政审核队列');
    if (!year || !/^\d{4}$/.test(year)) throw httpProblem('VALIDATION_FAILED', 'year 应为四位年份', [{ field: 'year', code: 'FISCAL_YEAR_INVALID', message: '年度无效' }]);
    if (after !== undefined) {
      if (!/^\d{1,19}$/.test(after)) throw httpProblem('VALIDATION_FAILED', 'after 应为命令返回的 position', [{ field: 'after', code: 'POSITION_INVALID', message: '无效' }]);
      await this.runner.waitFor(BUDGET_OVERVIEW, BigInt(after), 5_000);
    }
    const fiscalYear = Number(year);
    const table = await this.runner.activeTableName(BUDGET_OVERVIEW, 'budget_overview');
    const rows = (await this.sql.query<{ department: string; department_name: string }>(`SELECT department, department_name FROM ${table} WHERE fiscal_year = $1 ORDER BY department`, [fiscalYear])).rows;
    const { settings } = await this.settings.current(fiscalYear);
    const budgets = await Promise.all(
      rows.map(async (row) => {
        const state = await this.budgets.state({ department: row.department, fiscalYear });
        const pending = state.status === 'submitted' ? pendingReviewSteps(state, settings.reviewSteps) : [];
        const stage = state.status === 'submitted' ? (pending.length > 0 ? 'review' : 'approval') : state.status === 'drafting' ? 'department' : 'done';
        return {
          department: row.department,
          name: row.department_name,
          status: state.status,
          ...(state.rounds ? { round: state.rounds.current } : {}),
          /** Whose move: the department drafting, a review step, the approval, or nothing left (approved/published). */
          waitingFor: stage,
          ...(pending.length > 0 ? { nextStep: pending[0] } : {}),
          reviewSteps: settings.reviewSteps.map((step) => {
            const passed = state.status === 'submitted' ? state.reviewPassed?.find((p) => p.step === step) : undefined;
            return { step, passed: passed !== undefined, ...(passed ? { by: passed.by, at: passed.at, ...(passed.note ? { note: passed.note } : {}) } : {}) };
          }),
          ...(state.lastReturnReason ? { lastReturnReason: state.lastReturnReason } : {}),
        };
      }),
    );
    return { fiscalYear, rounds: settings.rounds, reviewSteps: settings.reviewSteps, budgets };
  }
}
