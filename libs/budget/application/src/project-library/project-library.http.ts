import { Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { LibraryCommandAnswer, LibraryProjectCreated, LibraryProjectList, LibraryProjectRequest, LibraryProjectView, ReasonRequest, ReviewStepRequest } from '@budgetflow/contracts';
import { Decimal, LIBRARY_STATUS_NAMES, type LibraryCommand, type LibraryStatus } from '@budgetflow/budget-domain';
import {
  Answers,
  ApiController,
  BodyNone,
  BodySchema,
  PathParam,
  QueryParam,
  Refuses,
  type Actor,
  CLOCK,
  type Clock,
  CommandRoute,
  type CommandInput,
  CurrentActor,
  Input,
  ReadModelRows,
  httpProblem,
} from '@budgetflow/platform';
import { readLibraryProposal } from './library-proposal.request';
import { PROJECT_LIBRARY } from './project-library.projection';
import { ProjectLibraryService } from './project-library.service';

interface LibraryRow {
  department: string;
  code: string;
  name: string;
  functional_code: string;
  fund_source: string;
  total_amount: string;
  start_year: number;
  end_year: number;
  status: LibraryStatus;
  last_reason: string | null;
  stream_version: number;
  updated_at: string;
  history: unknown[];
  review_passed: unknown[];
}

/** A step event's data as written: the step and its note. */
const stepOf = (data: unknown): { step?: string; note?: string } => {
  const { step, note } = data as { step?: string; note?: string };
  return { step, ...(note ? { note } : {}) };
};

const DEPARTMENT = /^[A-Za-z0-9]{1,32}$/;
const checkDepartment = (department: string): string => {
  if (!DEPARTMENT.test(department)) throw httpProblem('VALIDATION_FAILED', '部门编码无效', [{ field: 'department', code: 'DEPARTMENT_INVALID', message: '部门编码应为1–32位字母或数字' }]);
  return department;
};

/** A department sees its own library entries; finance, supervisors and admins see every department's. */
const mayRead = (actor: Actor, department: string): void => {
  if (actor.role === 'department' && actor.department !== department) throw httpProblem('NOT_FOUND', '项目库中没有该项目');
};

/**
 * 项目库 — departments propose projects to the library and withdraw them; finance returns (with a reason), approves
 * into the library (入库) or rejects. The list (by department, state, functional class, year) and the review queue
 * are read from the `project_library` read model; one project with its history from its stream.
 */
@ApiController('project library', 'v1/project-library')
export class ProjectLibraryController {
  constructor(
    private readonly library: ProjectLibraryService,
    private readonly readModels: ReadModelRows,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '项目库列表（部门只见本部门）：按部门、状态、功能分类、年度筛选；财政审核队列用 status=proposed' })
  @QueryParam('department', '部门编码（部门用户只能查本部门）', { example: '501' })
  @QueryParam('status', '状态', { enum: ['proposed', 'returned', 'pooled', 'rejected', 'withdrawn'] })
  @QueryParam('functionalClass', '功能分类编码前缀（类 3 位、款 5 位或项 7 位）', { example: '201' })
  @QueryParam('year', '实施年度（起止年度含该年）', { example: 2025 })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(LibraryProjectList)
  @Refuses({ 400: ['DEPARTMENT_INVALID', 'STATUS_UNKNOWN', 'CODE_FORMAT_INVALID', 'FISCAL_YEAR_INVALID', 'POSITION_INVALID'], 403: ['FORBIDDEN'] }, 401)
  async list(
    @CurrentActor() actor: Actor,
    @Query('department') department?: string,
    @Query('status') status?: string,
    @Query('functionalClass') functionalClass?: string,
    @Query('year') year?: string,
    @Query('after') after?: string,
  ) {
    const problems: { field: string; code: string; message: string }[] = [];
    if (department !== undefined && !DEPARTMENT.test(department)) problems.push({ field: 'department', code: 'DEPARTMENT_INVALID', message: '部门编码无效' });
    if (status !== undefined && !(status in LIBRARY_STATUS_NAMES)) problems.push({ field: 'status', code: 'STATUS_UNKNOWN', message: '状态应为 proposed、returned、pooled、rejected 或 withdrawn' });
    if (functionalClass !== undefined && !/^\d{3,7}$/.test(functionalClass)) problems.push({ field: 'functionalClass', code: 'CODE_FORMAT_INVALID', message: '功能分类编码应为3–7位数字' });
    if (year !== undefined && !/^\d{4}$/.test(year)) problems.push({ field: 'year', code: 'FISCAL_YEAR_INVALID', message: '年度无效' });
    if (after !== undefined && !/^\d{1,19}$/.test(after)) problems.push({ field: 'after', code: 'POSITION_INVALID', message: '无效' });
    if (problems.length > 0) throw httpProblem('VALIDATION_FAILED', '查询参数无效', problems);
    const own = actor.role === 'department' ? actor.department : department;
    if (actor.role === 'department' && department !== undefined && department !== actor.department) throw httpProblem('FORBIDDEN', '部门用户只能查看本部门的项目库');
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (clause: (n: number) => string, value: unknown) => {
      values.push(value);
      where.push(clause(values.length));
    };
    if (own !== undefined) add((n) => `department = $${n}`, own);
    if (status !== undefined) add((n) => `status = $${n}`, status);
    if (functionalClass !== undefined) add((n) => `functional_code LIKE $${n}`, `${functionalClass}%`);
    if (year !== undefined) add((n) => `start_year <= $${n} AND end_year >= $${n}`, Number(year));
    const rows = await this.readModels.select<LibraryRow>(
      PROJECT_LIBRARY,
      'project_library',
      after === undefined ? undefined : BigInt(after),
      (table) => `SELECT * FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY department, code`,
      values,
    );
    return {
      unit: '元',
      projects: rows.map((row) => ({
        department: row.department,
        code: row.code,
        name: row.name,
        functionalCode: row.functional_code,
        fundSource: row.fund_source,
        totalAmount: new Decimal(row.total_amount).toFixed(2),
        startYear: row.start_year,
        endYear: row.end_year,
        status: row.status,
        statusName: LIBRARY_STATUS_NAMES[row.status],
        ...(row.last_reason ? { lastReason: row.last_reason } : {}),
        version: row.stream_version,
        updatedAt: row.updated_at,
        history: row.history,
        reviewPassed: row.review_passed,
      })),
    };
  }

  @Get(':department/:code')
  @ApiOperation({ summary: '项目库项目（申报内容、状态与历史）' })
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @Answers(LibraryProjectView)
  @Refuses({ 400: ['DEPARTMENT_INVALID'], 404: ['NOT_FOUND'] }, 401, 403)
  async one(@Param('department') department: string, @Param('code') code: string, @CurrentActor() actor: Actor) {
    mayRead(actor, checkDepartment(department));
    const { state, events } = await this.library.load(department, code);
    if (state.status === 'none' || !state.project) throw httpProblem('NOT_FOUND', '项目库中没有该项目');
    const configured = await this.library.reviewStepsFor(state.project.startYear);
    return {
      department,
      ...state.project,
      status: state.status,
      statusName: LIBRARY_STATUS_NAMES[state.status],
      ...(state.lastReason ? { lastReason: state.lastReason } : {}),
      version: state.version,
      // 项目库审核环节 configured for the project's start year, each passed or not on the current proposal (who, when, why).
      reviewSteps: configured.map((step) => {
        const passed = state.reviewPassed.find((p) => p.step === step);
        return { step, passed: passed !== undefined, ...(passed ? { by: passed.by, at: passed.at, ...(passed.note ? { note: passed.note } : {}) } : {}) };
      }),
      reviewPassed: state.reviewPassed,
      history: events.map((event) => ({
        version: event.streamVersion,
        type: event.type,
        at: event.metadata.recordedAt,
        userId: event.metadata.userId,
        role: event.metadata.role,
        ...(event.metadata.reason ? { reason: event.metadata.reason } : {}),
        ...(event.type === 'LibraryReviewStepPassed' ? stepOf(event.data) : {}),
      })),
    };
  }

  @CommandRoute('POST', ':department', '申报项目入库（部门）；被退回后以同一编码重新申报', { created: true })
  @PathParam('department', '部门编码', '501')
  @BodySchema(LibraryProjectRequest)
  @Answers(LibraryProjectCreated, { status: 201 })
  @Refuses({ 409: ['LIBRARY_PROJECT_STATE'] }, 422)
  async propose(@Input() input: CommandInput) {
    const department = checkDepartment(input.params.department ?? '');
    const project = readLibraryProposal(input.body);
    input.body.done();
    const answer = await this.library.handle({ type: 'ProposeLibraryProject', actor: input.actor, departmentCode: department, code: project.code, project }, input, this.clock());
    return input.created(answer, 'code', project.code);
  }

  @CommandRoute('POST', ':department/:code/return', '退回项目（财政，须填写理由）')
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @BodySchema(ReasonRequest)
  @Answers(LibraryCommandAnswer)
  @Refuses({ 404: ['LIBRARY_PROJECT_NOT_FOUND'], 409: ['LIBRARY_PROJECT_STATE'] })
  returnProject(@Input() input: CommandInput) {
    const reason = input.body.text('reason', { max: 2000 });
    return this.decide(input, { type: 'ReturnLibraryProject', reason } as const, reason);
  }

  @CommandRoute('POST', ':department/:code/approve', '审核通过，入库（财政）')
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @BodyNone()
  @Answers(LibraryCommandAnswer)
  @Refuses({ 404: ['LIBRARY_PROJECT_NOT_FOUND'], 409: ['LIBRARY_PROJECT_STATE'] })
  approve(@Input() input: CommandInput) {
    return this.decide(input, { type: 'PoolLibraryProject' } as const);
  }

  @CommandRoute('POST', ':department/:code/review-steps', '通过一个项目库审核环节（财政用户以审核机构名义记录，按设置的顺序；可附说明 note）')
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @BodySchema(ReviewStepRequest)
  @Answers(LibraryCommandAnswer)
  @Refuses({ 400: ['REVIEW_STEP_UNKNOWN'], 404: ['LIBRARY_PROJECT_NOT_FOUND'], 409: ['LIBRARY_PROJECT_STATE', 'REVIEW_STEP_OUT_OF_ORDER'] })
  passReviewStep(@Input() input: CommandInput) {
    const step = input.body.text('step', { max: 50 });
    const note = input.body.optionalText('note', 2000);
    return this.decide(input, { type: 'PassLibraryReviewStep', step, ...(note ? { note } : {}) } as const, note);
  }

  @CommandRoute('POST', ':department/:code/reject', '不予入库（财政，须填写理由）')
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @BodySchema(ReasonRequest)
  @Answers(LibraryCommandAnswer)
  @Refuses({ 404: ['LIBRARY_PROJECT_NOT_FOUND'], 409: ['LIBRARY_PROJECT_STATE'] })
  reject(@Input() input: CommandInput) {
    const reason = input.body.text('reason', { max: 2000 });
    return this.decide(input, { type: 'RejectLibraryProject', reason } as const, reason);
  }

  @CommandRoute('POST', ':department/:code/withdraw', '撤回项目（部门）')
  @PathParam('department', '部门编码', '501')
  @PathParam('code', '项目编码', 'LIB-001')
  @BodyNone()
  @Answers(LibraryCommandAnswer)
  @Refuses({ 404: ['LIBRARY_PROJECT_NOT_FOUND'], 409: ['LIBRARY_PROJECT_STATE'] })
  withdraw(@Input() input: CommandInput) {
    return this.decide(input, { type: 'WithdrawLibraryProject' } as const);
  }

  private async decide(input: CommandInput, what: { type: LibraryCommand['type']; reason?: string; step?: string; note?: string }, reason?: string) {
    const department = checkDepartment(input.params.department ?? '');
    input.body.done();
    const command = { ...what, actor: input.actor, departmentCode: department, code: input.params.code ?? '' } as LibraryCommand;
    return input.answer(await this.library.handle(command, input, this.clock(), reason));
  }
}
