import { Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation } from '@nestjs/swagger';
import { CountyFinalAccounts, FinalAccountsView } from '@budgetflow/contracts';
import type { FastifyReply } from 'fastify';
import { Decimal, DomainError, nothingPaid } from '@budgetflow/budget-domain';
import { type FinalAccounts, finalAccounts, finalAccountsCsv, finalAccountsHtml, finalAccountsXlsx } from '@budgetflow/budget-projections';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { Answers, AnswersFile, ApiController, PathParam, QueryParam, Refuses, type Actor, CurrentActor, PROJECTION_RUNNER, SQL_CLIENT, budgetAddress, httpProblem } from '@budgetflow/platform';
import { type BudgetParams, BudgetRoute, BudgetStreams } from '../budget-commands/budget-commands';
import { CatalogService } from '../catalog/catalog.service';
import { BUDGET_OVERVIEW } from '../county/budget-overview.projection';
import { EXECUTION_ACTUALS, type ExecutionActuals, type ExecutionActualsOfYear } from './execution-actuals.port';

/** The budget's own department, finance, supervisors and admins read final accounts; another department is refused. */
const requireReader = (actor: Actor, department: string): void => {
  if (actor.role === 'department' && actor.department !== department) throw httpProblem('FORBIDDEN', '只能查看本部门的决算');
};

/**
 * Computes final accounts from the budget stream (versions, close) and execution's figures through the port; shared by
 * the department and county routes.
 */
abstract class FinalAccountsSource {
  constructor(
    protected readonly budgets: BudgetStreams,
    protected readonly catalogs: CatalogService,
    protected readonly modules: ModuleRef,
  ) {}

  protected async actuals(department: string, fiscalYear: number): Promise<ExecutionActualsOfYear> {
    let port: ExecutionActuals | undefined;
    try {
      port = this.modules.get<ExecutionActuals>(EXECUTION_ACTUALS, { strict: false });
    } catch {
      port = undefined;
    }
    return port ? port.ofYear(department, fiscalYear) : { paid: nothingPaid(), paidTotal: new Decimal(0), indicatorReports: [] };
  }

  /** The final accounts, or `undefined` when the budget was never approved. */
  protected async compute(department: string, fiscalYear: number): Promise<FinalAccounts | undefined> {
    const state = await this.budgets.state({ department, fiscalYear });
    if (state.versions.length === 0) return undefined;
    const [actuals, names] = await Promise.all([this.actuals(department, fiscalYear), this.catalogs.forYear(fiscalYear)]);
    return finalAccounts({ versions: state.versions, closed: state.closed, paid: actuals.paid, paidTotal: actuals.paidTotal, indicatorReports: actuals.indicatorReports, names });
  }
}

/**
 * 决算 of a department-year: available once finance has closed the year (before: 409 `YEAR_NOT_CLOSED`, or with
 * `?provisional=true` the same view computed from today's payments, flagged `status: "provisional"`). Exports:
 * XLSX (one sheet per table), CSV (UTF-8 with BOM, all tables), printable HTML.
 */
@BudgetRoute()
@ApiController('year-end', 'v1/budgets/:department/:year')
export class FinalAccountsController extends FinalAccountsSource {
  constructor(budgets: BudgetStreams, catalogs: CatalogService, modules: ModuleRef) {
    super(budgets, catalogs, modules);
  }

  private async read(params: BudgetParams, provisional: string | undefined, actor: Actor): Promise<FinalAccounts> {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    requireReader(actor, department);
    const accounts = await this.compute(department, fiscalYear);
    if (!accounts) throw new DomainError('BUDGET_NOT_APPROVED', { message: `${department} 部门 ${fiscalYear} 年预算尚未批复，没有决算` });
    if (accounts.status !== 'closed' && provisional !== 'true') throw new DomainError('YEAR_NOT_CLOSED', { message: `${fiscalYear} 年度尚未年终结账，决算尚未形成；加 ?provisional=true 可查看按目前支出计算的临时数` });
    return accounts;
  }

  @Get('final-accounts')
  @ApiOperation({ summary: '部门决算：收支总表、功能分类、经济分类、项目、三公与机关运行经费、绩效自评' })
  @QueryParam('provisional', 'true：结账前查看临时数（status=provisional）', { example: 'true' })
  @Answers(FinalAccountsView)
  @Refuses(400, 401, 403, 404, { 409: ['YEAR_NOT_CLOSED', 'BUDGET_NOT_APPROVED'] })
  finalAccounts(@Param() params: BudgetParams, @Query('provisional') provisional: string | undefined, @CurrentActor() actor: Actor): Promise<FinalAccounts> {
    return this.read(params, provisional, actor);
  }

  @Get('final-accounts.xlsx')
  @ApiOperation({ summary: '导出部门决算（XLSX）' })
  @QueryParam('provisional', 'true：结账前查看临时数（status=provisional）', { example: 'true' })
  @AnswersFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '部门决算（XLSX）')
  @Refuses(400, 401, 403, 404, { 409: ['YEAR_NOT_CLOSED', 'BUDGET_NOT_APPROVED'] })
  async xlsx(@Param() params: BudgetParams, @Query('provisional') provisional: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const accounts = await this.read(params, provisional, actor);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="final-accounts-${accounts.department}-${accounts.fiscalYear}.xlsx"`);
    return finalAccountsXlsx(accounts);
  }

  @Get('final-accounts.csv')
  @ApiOperation({ summary: '导出部门决算（CSV，UTF-8 BOM）' })
  @QueryParam('provisional', 'true：结账前查看临时数（status=provisional）', { example: 'true' })
  @AnswersFile('text/csv', '部门决算（CSV）')
  @Refuses(400, 401, 403, 404, { 409: ['YEAR_NOT_CLOSED', 'BUDGET_NOT_APPROVED'] })
  async csv(@Param() params: BudgetParams, @Query('provisional') provisional: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const accounts = await this.read(params, provisional, actor);
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="final-accounts-${accounts.department}-${accounts.fiscalYear}.csv"`);
    return finalAccountsCsv(accounts);
  }

  @Get('final-accounts.html')
  @ApiOperation({ summary: '部门决算打印页（HTML）' })
  @QueryParam('provisional', 'true：结账前查看临时数（status=provisional）', { example: 'true' })
  @AnswersFile('text/html', '部门决算打印页')
  @Refuses(400, 401, 403, 404, { 409: ['YEAR_NOT_CLOSED', 'BUDGET_NOT_APPROVED'] })
  async html(@Param() params: BudgetParams, @Query('provisional') provisional: string | undefined, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const accounts = await this.read(params, provisional, actor);
    void reply.header('content-type', 'text/html; charset=utf-8');
    return finalAccountsHtml(accounts);
  }
}

/**
 * 全县决算与结转 — for finance, supervisors and admins: each department's final figures (closed years; the others are
 * listed as not closed with provisional figures), the county totals of closed departments, carry-over totals, and the
 * departments with the largest unspent share (未支出 ÷ 调整后预算) first.
 */
@ApiController('year-end', 'v1/final-accounts')
export class CountyFinalAccountsController extends FinalAccountsSource {
  constructor(
    budgets: BudgetStreams,
    catalogs: CatalogService,
    modules: ModuleRef,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {
    super(budgets, catalogs, modules);
  }

  @Get(':year')
  @ApiOperation({ summary: '全县决算汇总、结转结余合计、未支出比例最高的部门（财政、监督、管理员）' })
  @PathParam('year', '预算年度', 2024)
  @QueryParam('after', '命令返回的 position：等部门一览追上后再读', { example: '1234' })
  @Answers(CountyFinalAccounts)
  @Refuses({ 400: ['FISCAL_YEAR_INVALID', 'POSITION_INVALID'], 403: ['FORBIDDEN'] }, 401)
  async county(@Param('year') year: string, @Query('after') after: string | undefined, @CurrentActor() actor: Actor) {
    if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户只能查看本部门决算');
    if (!/^\d{4}$/.test(year)) throw httpProblem('VALIDATION_FAILED', 'year 应为四位年份', [{ field: 'year', code: 'FISCAL_YEAR_INVALID', message: '年度无效' }]);
    if (after !== undefined) {
      if (!/^\d{1,19}$/.test(after)) throw httpProblem('VALIDATION_FAILED', 'after 应为命令返回的 position', [{ field: 'after', code: 'POSITION_INVALID', message: '无效' }]);
      await this.runner.waitFor(BUDGET_OVERVIEW, BigInt(after), 5_000);
    }
    const fiscalYear = Number(year);
    const table = await this.runner.activeTableName(BUDGET_OVERVIEW, 'budget_overview');
    const codes = (await this.sql.query<{ department: string }>(`SELECT department FROM ${table} WHERE fiscal_year = $1 ORDER BY department`, [fiscalYear])).rows.map((r) => r.department);
    const accounts = (await Promise.all(codes.map((code) => this.compute(code, fiscalYear)))).filter((a): a is FinalAccounts => a !== undefined);
    const departments = accounts.map((a) => {
      const budget = new Decimal(a.totals.finalBudget);
      const unspent = budget.minus(a.totals.actual);
      return {
        department: a.department,
        departmentName: a.departmentName,
        closed: a.status === 'closed',
        ...(a.closedAt ? { closedAt: a.closedAt } : {}),
        initialBudget: a.totals.initialBudget,
        finalBudget: a.totals.finalBudget,
        actual: a.totals.actual,
        variance: a.totals.variance,
        executionRate: a.totals.executionRate,
        unspent: unspent.toFixed(2),
        unspentSharePercent: budget.isZero() ? '0.00' : unspent.dividedBy(budget).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        carriedOver: a.totals.carriedOver,
        returned: a.totals.returned,
        selfEvaluationScore: a.selfEvaluationSummary.averageScore,
      };
    });
    const closed = departments.filter((d) => d.closed);
    const total = (field: 'initialBudget' | 'finalBudget' | 'actual' | 'carriedOver' | 'returned' | 'unspent') => closed.reduce((s, d) => s.plus(d[field]), new Decimal(0));
    const finalBudget = total('finalBudget');
    return {
      fiscalYear,
      unit: '元',
      totals: {
        closedDepartments: closed.length,
        notClosedDepartments: departments.length - closed.length,
        initialBudget: total('initialBudget').toFixed(2),
        finalBudget: finalBudget.toFixed(2),
        budget: finalBudget.toFixed(2),
        actual: total('actual').toFixed(2),
        variance: finalBudget.minus(total('actual')).toFixed(2),
        executionRate: finalBudget.isZero() ? '' : total('actual').dividedBy(finalBudget).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        carriedOver: total('carriedOver').toFixed(2),
        returned: total('returned').toFixed(2),
        unspent: total('unspent').toFixed(2),
      },
      departments,
      largestUnspentShare: [...departments].sort((a, b) => new Decimal(b.unspentSharePercent).comparedTo(a.unspentSharePercent) || a.department.localeCompare(b.department)),
    };
  }
}
