import { Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CountyMonitoring, DepartmentMonitoring as DepartmentMonitoringSchema, MonitoringWarnings, ProjectMonitoringDetail } from '@budgetflow/contracts';
import { type DepartmentMonitoring, monitoringWarnings } from '@budgetflow/execution-domain';
import { Answers, AnswersFile, ApiController, type Actor, CurrentActor, PathParam, QueryParam, Refuses, httpProblem } from '@budgetflow/platform';
import { type AsOfQuery, executionAddress, fiscalYearParam, requireCountyReader, requireReader } from '../shared/execution-request';
import { MonitoringReader } from './monitoring-reader';
import { XLSX_CONTENT_TYPE, monitoringTableXlsx } from './monitoring-table.xlsx';

type Params = { department: string; year: string };

const AS_OF_QUERIES = () => [
  QueryParam('asOf', 'YYYY-MM-DD（默认今天，Asia/Shanghai）', { example: '2024-06-30' }),
  QueryParam('checkpoint', '如 3月底、6月底、10月底、12月底（中文可直接写或百分号编码）', { example: '6月底' }),
  QueryParam('after', '写入返回的 position：等读模型追上后再读', { example: '1234' }),
  Refuses({ 400: ['DATE_INVALID', 'CHECKPOINT_INVALID', 'FISCAL_YEAR_INVALID'] }, 401, 403, 404),
];
const DEPARTMENT_YEAR = (): MethodDecorator[] => [PathParam('department', '部门编码', '501'), PathParam('year', '预算年度', 2024)];
const AsOfQueries = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of AS_OF_QUERIES()) decorate(target, key, descriptor);
};
const DepartmentYear = (): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of DEPARTMENT_YEAR()) decorate(target, key, descriptor);
};

/**
 * 双监控 for one department: execution against each project's spending plan and the basic budget against 序时进度,
 * every indicator's status, as of any date; the project drill-down adds its ledger entries.
 */
@ApiController('execution monitoring', 'v1/execution/:department/:year')
export class DepartmentMonitoringController {
  constructor(private readonly reader: MonitoringReader) {}

  private async read(params: Params, query: AsOfQuery, actor: Actor): Promise<DepartmentMonitoring> {
    const { department, fiscalYear } = executionAddress(params.department, params.year);
    requireReader(actor, department);
    const asOf = await this.reader.readyAsOf(query, fiscalYear);
    return this.reader.department(fiscalYear, asOf, department);
  }

  @Get('monitoring')
  @ApiOperation({ summary: '部门执行监控：项目执行率、计划进度、序时进度、偏差、预警与指标状态' })
  @AsOfQueries()
  @DepartmentYear()
  @Answers(DepartmentMonitoringSchema)
  department(@Param() params: Params, @Query() query: AsOfQuery, @CurrentActor() actor: Actor): Promise<DepartmentMonitoring> {
    return this.read(params, query, actor);
  }

  @Get('monitoring/projects/:code')
  @ApiOperation({ summary: '项目执行监控：指标状态与支出台账' })
  @AsOfQueries()
  @DepartmentYear()
  @PathParam('code', '项目编码', '13043324P00007510001B')
  @Answers(ProjectMonitoringDetail)
  async project(@Param() params: Params & { code: string }, @Query() query: AsOfQuery, @CurrentActor() actor: Actor): Promise<ProjectMonitoringDetail> {
    const monitoring = await this.read(params, query, actor);
    const project = monitoring.projects.find((p) => p.code === params.code);
    if (!project) throw httpProblem('NOT_FOUND', `批复预算（第 ${monitoring.budgetVersion} 版）中没有项目 ${params.code}`);
    const entries = await this.reader.entries(monitoring.fiscalYear, monitoring.department, monitoring.asOf, { kind: 'project', code: project.code });
    return {
      department: monitoring.department,
      departmentName: monitoring.departmentName,
      fiscalYear: monitoring.fiscalYear,
      asOf: monitoring.asOf,
      budgetVersion: monitoring.budgetVersion,
      ...project,
      entries: entries.map((row) => ({ voucher: row.voucher, entry: row.entry, date: row.entry_date, amount: row.amount, payee: row.payee, note: row.note, reason: row.reason })),
    };
  }

  @Get('monitoring-table.xlsx')
  @ApiOperation({ summary: '导出部门绩效运行监控表（XLSX）' })
  @AsOfQueries()
  @DepartmentYear()
  @AnswersFile(XLSX_CONTENT_TYPE, '部门绩效运行监控表（XLSX）')
  async xlsx(@Param() params: Params, @Query() query: AsOfQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    const monitoring = await this.read(params, query, actor);
    void reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="monitoring-${monitoring.department}-${monitoring.fiscalYear}-${monitoring.asOf}.xlsx"`);
    return monitoringTableXlsx([monitoring], monitoring.asOf);
  }
}

/** 全县双监控 — for finance, supervisors and admins: the county dashboard sorted by gap, the warnings, the export. */
@ApiController('execution monitoring', 'v1/monitoring/:year')
export class CountyMonitoringController {
  constructor(private readonly reader: MonitoringReader) {}

  @Get()
  @ApiOperation({ summary: '全县执行监控看板：各部门按偏差从大到小' })
  @AsOfQueries()
  @PathParam('year', '预算年度', 2024)
  @Answers(CountyMonitoring)
  async county(@Param('year') year: string, @Query() query: AsOfQuery, @CurrentActor() actor: Actor): Promise<CountyMonitoring> {
    requireCountyReader(actor);
    const fiscalYear = fiscalYearParam(year);
    const asOf = await this.reader.readyAsOf(query, fiscalYear);
    // The dashboard lists departments; their projects are the drill-down.
    return this.reader.county(fiscalYear, asOf);
  }

  @Get('warnings')
  @ApiOperation({ summary: '预警清单：执行偏差（黄/红）与有风险、未完成的绩效指标；部门用户只看本部门' })
  @AsOfQueries()
  @PathParam('year', '预算年度', 2024)
  @QueryParam('department', '部门编码：只看该部门（部门用户须为本部门）', { example: '501' })
  @Answers(MonitoringWarnings)
  async warnings(@Param('year') year: string, @Query() query: AsOfQuery & { department?: string }, @CurrentActor() actor: Actor): Promise<MonitoringWarnings> {
    const fiscalYear = fiscalYearParam(year);
    if (query.department !== undefined) executionAddress(query.department, year);
    if (query.department === undefined) requireCountyReader(actor);
    else requireReader(actor, query.department);
    const asOf = await this.reader.readyAsOf(query, fiscalYear);
    // The county's from the sums in Postgres; one department's from its own entries.
    const departments = query.department === undefined ? await this.reader.countyDepartments(fiscalYear, asOf) : await this.reader.departments(fiscalYear, asOf, query.department);
    return { fiscalYear, asOf, warnings: monitoringWarnings(departments) };
  }

  @Get('monitoring-table.xlsx')
  @ApiOperation({ summary: '导出全县绩效运行监控表（XLSX，每部门一页）' })
  @AsOfQueries()
  @PathParam('year', '预算年度', 2024)
  @AnswersFile(XLSX_CONTENT_TYPE, '全县绩效运行监控表（XLSX）')
  async xlsx(@Param('year') year: string, @Query() query: AsOfQuery, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    requireCountyReader(actor);
    const fiscalYear = fiscalYearParam(year);
    const asOf = await this.reader.readyAsOf(query, fiscalYear);
    const departments = await this.reader.countyDepartments(fiscalYear, asOf);
    void reply.header('content-type', XLSX_CONTENT_TYPE).header('content-disposition', `attachment; filename="monitoring-${fiscalYear}-${asOf}.xlsx"`);
    return monitoringTableXlsx(departments, asOf);
  }
}
