import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { type BudgetStatus, CountyOverview } from '@budgetflow/contracts';
import { Answers, ApiController, QueryParam, Refuses, type Actor, CurrentActor, ReadModelRows, httpProblem } from '@budgetflow/platform';
import { BUDGET_OVERVIEW } from './budget-overview.projection';

interface OverviewRow {
  department: string;
  department_name: string;
  status: BudgetStatus;
  stream_version: number;
  approved_versions: number;
  published_versions: number;
  income: string;
  basic: string;
  project: string;
}

/** 全县汇总 — every department's budget of a year at a glance, for the finance bureau, supervisors and admins. */
@ApiController('county', 'v1/budgets')
export class CountyController {
  constructor(private readonly readModels: ReadModelRows) {}

  @Get()
  @ApiOperation({ summary: '全县各部门预算一览（财政、监督、管理员）' })
  @QueryParam('year', '预算年度（四位数字）', { required: true, example: 2024 })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(CountyOverview)
  @Refuses({ 400: ['FISCAL_YEAR_INVALID', 'POSITION_INVALID'] }, 401, { 403: ['FORBIDDEN'] })
  async county(@Query('year') year: string | undefined, @Query('after') after: string | undefined, @CurrentActor() actor: Actor): Promise<CountyOverview> {
    if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户只能查看本部门预算');
    if (!year || !/^\d{4}$/.test(year)) throw httpProblem('VALIDATION_FAILED', 'year 应为四位年份', [{ field: 'year', code: 'FISCAL_YEAR_INVALID', message: '年度无效' }]);
    if (after !== undefined && !/^\d{1,19}$/.test(after)) throw httpProblem('VALIDATION_FAILED', 'after 应为命令返回的 position', [{ field: 'after', code: 'POSITION_INVALID', message: '无效' }]);
    const rows = await this.readModels.select<OverviewRow>(BUDGET_OVERVIEW, 'budget_overview', after === undefined ? undefined : BigInt(after), (table) => `SELECT * FROM ${table} WHERE fiscal_year = $1 ORDER BY department`, [Number(year)]);
    return {
      fiscalYear: Number(year),
      unit: '元',
      departments: rows.map((row) => ({
        department: row.department,
        name: row.department_name,
        status: row.status,
        streamVersion: row.stream_version,
        approvedVersions: row.approved_versions,
        publishedVersions: row.published_versions,
        income: row.income,
        basic: row.basic,
        project: row.project,
      })),
    };
  }
}
