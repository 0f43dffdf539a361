import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CountyFunctionalClasses } from '@budgetflow/contracts';
import { Decimal } from '@budgetflow/budget-domain';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { Answers, ApiController, type Actor, CurrentActor, PathParam, QueryParam, Refuses, httpProblem, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { parseAfter } from './disclosure-reader';
import { DISCLOSURE, DISCLOSURE_DOCUMENTS, DISCLOSURE_FUNCTIONAL_CLASSES, DRAFT_LABEL } from './disclosure.projection';

/** Which version of each department the county view sums. */
type CountyVersion = 'current' | 'approved' | 'published';
const COUNTY_VERSIONS: readonly CountyVersion[] = ['current', 'approved', 'published'];

interface ClassRow {
  class_code: string;
  class_name: string;
  departments: bigint | number;
  basic: string;
  project: string;
  total: string;
}

interface DepartmentRow {
  department: string;
  department_name: string;
  version_label: string;
  status: string;
  basic: string | null;
  project: string | null;
  total: string | null;
}

/** NUMERIC sums come back as decimal strings (null over no rows); the wire always has two decimals. */
const money = (amount: string | null): string => new Decimal(amount ?? 0).toFixed(2);

/**
 * 全县按功能分类汇总 — for a year, every department's totals and the totals of each functional 类 across
 * departments, from the disclosure projection. Finance, supervisors and admins only.
 * `?version=current` (default: the working content of each budget), `approved` (each department's latest approved
 * version) or `published` (latest published); `?after=` a command's position (read-your-writes).
 */
@ApiController('county', 'v1/county/:year')
export class CountyFunctionalClassesController {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('functional-classes')
  @ApiOperation({ summary: '全县各部门支出合计与按功能分类（类）汇总（财政、监督、管理员），单位：元' })
  @PathParam('year', '预算年度', 2024)
  @QueryParam('version', 'current（默认，各部门当前内容）| approved（最新批复）| published（最新公开）', { enum: ['current', 'approved', 'published'] })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(CountyFunctionalClasses)
  @Refuses({ 400: ['FISCAL_YEAR_INVALID', 'VERSION_SPEC_INVALID'] }, 401, { 403: ['FORBIDDEN'] })
  async functionalClasses(
    @Param('year') year: string,
    @Query('version') version: string | undefined,
    @Query('after') after: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户只能查看本部门预算');
    const problems = [];
    if (!/^\d{4}$/.test(year)) problems.push({ field: 'year', code: 'FISCAL_YEAR_INVALID', message: `年度应为四位数字：${year}` });
    const chosen = (version ?? 'current') as CountyVersion;
    if (!COUNTY_VERSIONS.includes(chosen)) problems.push({ field: 'version', code: 'VERSION_SPEC_INVALID', message: 'version 应为 current、approved 或 published' });
    if (problems.length > 0) throw httpProblem('VALIDATION_FAILED', '请求参数无效', problems);
    const position = parseAfter(after);
    if (position !== undefined && !(await this.runner.waitFor(DISCLOSURE, position, 5_000))) {
      throw httpProblem('SERVICE_UNAVAILABLE', '汇总正在生成，请稍后重试');
    }
    let documents: string;
    let classes: string;
    try {
      documents = await this.runner.activeTableName(DISCLOSURE, DISCLOSURE_DOCUMENTS);
      classes = await this.runner.activeTableName(DISCLOSURE, DISCLOSURE_FUNCTIONAL_CLASSES);
    } catch {
      throw httpProblem('SERVICE_UNAVAILABLE', '汇总尚未生成，请稍后重试');
    }
    const fiscalYear = Number(year);
    // One row per department: its draft row, or its latest (published) approved version.
    const chosenRows =
      chosen === 'current'
        ? `SELECT department, department_name, version_label, status FROM ${documents} WHERE fiscal_year = $1 AND version_label = '${DRAFT_LABEL}'`
        : `SELECT DISTINCT ON (department) department, department_name, version_label, status FROM ${documents}
            WHERE fiscal_year = $1 AND version_number IS NOT NULL ${chosen === 'published' ? 'AND published' : ''}
            ORDER BY department, version_number DESC`;
    const byClass = await this.sql.query<ClassRow>(
      `WITH chosen AS (${chosenRows})
       SELECT f.class_code, min(f.class_name) AS class_name, count(*) AS departments,
              sum(f.basic) AS basic, sum(f.project) AS project, sum(f.total) AS total
         FROM ${classes} f JOIN chosen c ON c.department = f.department AND c.version_label = f.version_label
        WHERE f.fiscal_year = $1
        GROUP BY f.class_code ORDER BY f.class_code`,
      [fiscalYear],
    );
    const byDepartment = await this.sql.query<DepartmentRow>(
      `WITH chosen AS (${chosenRows})
       SELECT c.department, c.department_name, c.version_label, c.status,
              sum(f.basic) AS basic, sum(f.project) AS project, sum(f.total) AS total
         FROM chosen c LEFT JOIN ${classes} f ON f.fiscal_year = $1 AND f.department = c.department AND f.version_label = c.version_label
        GROUP BY c.department, c.department_name, c.version_label, c.status ORDER BY c.department`,
      [fiscalYear],
    );
    const grand = await this.sql.query<{ basic: string | null; project: string | null; total: string | null }>(
      `WITH chosen AS (${chosenRows})
       SELECT sum(f.basic) AS basic, sum(f.project) AS project, sum(f.total) AS total
         FROM ${classes} f JOIN chosen c ON c.department = f.department AND c.version_label = f.version_label WHERE f.fiscal_year = $1`,
      [fiscalYear],
    );
    return {
      fiscalYear,
      version: chosen,
      unit: '元',
      total: { basic: money(grand.rows[0]?.basic ?? null), project: money(grand.rows[0]?.project ?? null), total: money(grand.rows[0]?.total ?? null) },
      functionalClasses: byClass.rows.map((row) => ({
        code: row.class_code,
        name: row.class_name,
        departments: Number(row.departments),
        basic: money(row.basic),
        project: money(row.project),
        total: money(row.total),
      })),
      departments: byDepartment.rows.map((row) => ({
        department: row.department,
        name: row.department_name,
        version: row.version_label === DRAFT_LABEL ? 'draft' : Number(row.version_label),
        status: row.status,
        basic: money(row.basic),
        project: money(row.project),
        total: money(row.total),
      })),
    };
  }
}
