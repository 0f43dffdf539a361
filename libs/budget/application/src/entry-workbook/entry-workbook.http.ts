import { Get, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Budget, type BudgetUnit, type DepartmentProfile, requireOwnDepartment } from '@budgetflow/budget-domain';
import { BudgetImported, type FieldProblem } from '@budgetflow/contracts';
import { Answers, AnswersFile, BodyFile, Refuses, type Actor, CommandRoute, type CommandInput, CurrentActor, Input, ProblemException, budgetAddress, httpProblem, isRefusal } from '@budgetflow/platform';
import { type BudgetParams, BudgetCommandRoutes, BudgetController, BudgetStreams, budgetAddressOf } from '../budget-commands/budget-commands';
import { CatalogService } from '../catalog/catalog.service';
import { importCommandsOf } from '../import-budget/import-budget.http';
import { assertMayReadUnpublished } from '../queries/budget-versions';
import { XLSX_CONTENT_TYPE } from './entry-workbook-sheets';
import { type CellLocation, type CellProblem, cellProblem, readEntryWorkbook } from './read-entry-workbook';
import { writeEntryWorkbook } from './write-entry-workbook';
import { importAnswer } from '../import-budget/import-answer';

/** How far back a blank workbook looks for the department's profile (name, unit kind, units). */
const PROFILE_LOOKBACK_YEARS = 5;

/** The parts of a budget-facts/1 document the workbook fills: a refusal about one of them is named by its cell. */
const DOCUMENT_ROOTS = /^(income|carryOver|basicExpenditureLines|projects|procurement|department|fiscalYear|units)([.[]|$)/;

const TITLE = '录入工作簿有误，未导入任何内容';

/** A problem of the document, named by the cell it came from; the path in the parser's words becomes the column's header. */
const atCell = (problem: FieldProblem, locate: (field: string) => CellLocation): CellProblem => {
  const at = locate(problem.field);
  const message = problem.message.split(`${problem.field} 的`).join('').split(problem.field).join(`“${at.header}”`).trim();
  return cellProblem(at, problem.code, message);
};

const refusal = (status: number, problems: CellProblem[]): ProblemException => {
  const first = problems[0];
  const detail = problems.length === 1 ? first.message : `共 ${problems.length} 处错误，第一处：${first.message}`;
  return new ProblemException(status, first.code, TITLE, detail, problems);
};

/**
 * 录入工作簿 — the department's budget in Excel both ways: the draft (or a blank budget for a new year) as a workbook
 * with drop-downs from the year's catalog, and that workbook uploaded back through the JSON import's own parser and
 * atomic apply. Nothing is applied when anything is wrong; every wrong cell is named by sheet, row, column and header.
 */
@BudgetController('budget entry workbook')
export class EntryWorkbookController extends BudgetCommandRoutes {
  constructor(
    bus: CommandBus,
    private readonly budgets: BudgetStreams,
    private readonly catalogs: CatalogService,
  ) {
    super(bus);
  }

  @Get('entry-workbook.xlsx')
  @ApiOperation({ summary: '下载预算录入工作簿（XLSX）：草案内容（无草案时为空白工作簿，含部门信息），科目等下拉列表取自本年度分类目录' })
  @AnswersFile(XLSX_CONTENT_TYPE, '预算录入工作簿（XLSX）')
  @Refuses(400, 401, 403, 404)
  async download(@Param() params: BudgetParams, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    assertMayReadUnpublished(department, actor);
    const state = await this.budgets.state({ department, fiscalYear });
    const profile = state.content ? { department: state.content.department, units: state.content.units ?? [] } : await this.earlierProfile(department, fiscalYear);
    const catalog = (await this.catalogs.forYear(fiscalYear)).entries();
    const workbook = await writeEntryWorkbook({ fiscalYear, ...profile, ...(state.content ? { content: state.content } : {}), catalog });
    void reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="entry-${department}-${fiscalYear}.xlsx"`)
      .header('cache-control', 'private, no-store')
      .header('etag', `"${state.streamVersion}"`);
    return workbook;
  }

  @CommandRoute('POST', 'entry-workbook', '上传预算录入工作簿（XLSX）：与 JSON 导入同样校验、整体生效；任何一格有误则全部不导入，逐格报错（表、行、列）')
  @BodyFile([XLSX_CONTENT_TYPE], '从本系统下载并填好的录入工作簿')
  @Answers(BudgetImported)
  @Refuses({ 400: ['WORKBOOK_INVALID', 'WORKBOOK_EMPTY', 'WORKBOOK_SHEET_MISSING', 'WORKBOOK_HEADER_MISSING', 'WORKBOOK_CELL_INVALID', 'IMPORT_ADDRESS_MISMATCH'], 415: ['UNSUPPORTED_MEDIA_TYPE'] })
  async upload(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    // Who may write is decided before the file is read: another department's workbook is not even opened.
    requireOwnDepartment(input.actor, address.department, { adminMayImport: true });
    const bytes = input.rawBody === undefined || input.rawBody === null || input.rawBody === '' ? Buffer.alloc(0) : input.rawBody;
    if (!Buffer.isBuffer(bytes)) throw httpProblem('UNSUPPORTED_MEDIA_TYPE', `请上传录入工作簿：Content-Type 应为 ${XLSX_CONTENT_TYPE}`);
    input.body.whole();
    const state: Budget = await this.budgets.state(address);
    const read = await readEntryWorkbook(bytes, state.content?.units ?? []);
    if (!read.ok) throw refusal(400, read.problems);
    const commands = importCommandsOf(read.document, address, input.actor);
    if (!commands.ok) throw refusal(400, commands.errors.map((problem) => atCell(problem, read.locate)));
    try {
      const answer = await this.send(input, commands.commands, { reason: '录入工作簿导入' });
      return importAnswer(answer);
    } catch (error) {
      if (!isRefusal(error) || !error.problems.every((problem) => DOCUMENT_ROOTS.test(problem.field))) throw error;
      throw refusal(error.httpStatus, error.problems.map((problem) => ({ ...atCell(problem, read.locate), code: problem.code })));
    }
  }

  /** A new year's blank workbook: the department's name, kind and units from its latest earlier budget, if any. */
  private async earlierProfile(department: string, fiscalYear: number): Promise<{ department: DepartmentProfile; units: readonly BudgetUnit[] }> {
    for (let year = fiscalYear - 1; year >= fiscalYear - PROFILE_LOOKBACK_YEARS; year--) {
      const earlier = await this.budgets.state({ department, fiscalYear: year });
      if (earlier.content) return { department: earlier.content.department, units: earlier.content.units ?? [] };
    }
    return { department: { code: department, name: '', unitKind: '行政' }, units: [] };
  }
}
