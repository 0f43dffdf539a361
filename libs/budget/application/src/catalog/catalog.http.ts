import { Get, HttpCode, Inject, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { csvDocument, csvDownload } from '@budgetflow/budget-projections';
import { CatalogImportAnswer, CatalogLoadRequest, CatalogLoaded, CatalogView } from '@budgetflow/contracts';
import { Answers, AnswersFile, ApiController, BodyFile, BodySchema, PathParam, QueryParam, Refuses, CLOCK, type Clock, type CommandInput, Input, ProblemException, csvRows, fiscalYearOf, httpProblem } from '@budgetflow/platform';
import { type CatalogEntries, type CatalogScheme, parseCatalogEntries } from './catalog-entries';
import { type CatalogChangeItem, KIND_NAMES, catalogKindOf, levelOf, previewCatalogFile, readCatalogRows, xlsxRows } from './catalog-file';
import { CatalogService } from './catalog.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ADMIN_ONLY = '只有系统管理员可以载入分类科目（财政局提供科目清单）';

/** 政府收支分类科目 per fiscal year: admins load entries (merged into the year), everyone signed in reads them. */
@ApiController('catalog', 'v1/catalogs/:year')
export class CatalogController {
  constructor(
    private readonly catalogs: CatalogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Put()
  @ApiOperation({ summary: '载入年度分类科目（管理员），与已有科目合并' })
  @PathParam('year', '预算年度', 2024)
  @BodySchema(CatalogLoadRequest)
  @Answers(CatalogLoaded)
  @Refuses({ 400: ['CATALOG_ENTRY_INVALID', 'FISCAL_YEAR_INVALID'] }, 401, { 403: ['FORBIDDEN'] }, 409, 412)
  async load(@Input() input: CommandInput) {
    const fiscalYear = fiscalYearOf(input.params.year);
    if (input.actor.role !== 'admin') throw httpProblem('FORBIDDEN', ADMIN_ONLY);
    const parsed = parseCatalogEntries(input.body.whole());
    if (!parsed.ok) throw new ProblemException(400, 'CATALOG_ENTRY_INVALID', '分类科目无效', parsed.problems[0].message, parsed.problems);
    const { appended, version, catalog } = await this.catalogs.load(fiscalYear, parsed.entries, input, this.clock());
    const entries = catalog.entries();
    return input.answer({ fiscalYear, changed: appended, version, functional: entries.functional.length, economic: entries.economic.length });
  }

  @Get()
  @ApiOperation({ summary: '查询年度分类科目' })
  @PathParam('year', '预算年度', 2024)
  @Answers(CatalogView)
  @Refuses(400, 401, 403)
  async read(@Param('year') year: string): Promise<CatalogView> {
    const fiscalYear = fiscalYearOf(year);
    return { fiscalYear, ...(await this.catalogs.forYear(fiscalYear)).entries() };
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary:
      '从财政局的科目清单（CSV 或 XLSX：编码、名称两列，可有“分类”“单位”列）载入年度分类科目（管理员）。?preview=1 只预览新增、改名、停用、未变和逐行错误；不带 preview 则载入（可带 If-Match: 目录版本）',
  })
  @PathParam('year', '预算年度', 2024)
  @BodyFile(['text/csv', XLSX], '科目清单文件（text/csv 或 XLSX）')
  @QueryParam('preview', '1：只预览，不载入', { example: '1' })
  @QueryParam('kind', 'functional（支出功能分类）| economic（部门预算支出经济分类）；不给时取“分类”列或编码首位（2 功能、3 经济）', { enum: ['functional', 'economic'] })
  @Answers(CatalogImportAnswer)
  @Refuses({ 400: ['CATALOG_FILE_INVALID', 'CATALOG_KIND_UNKNOWN', 'FISCAL_YEAR_INVALID'], 403: ['FORBIDDEN'], 415: ['UNSUPPORTED_MEDIA_TYPE'] }, 401, 409, 412)
  async import(@Input() input: CommandInput, @Query('preview') previewParam: string | undefined, @Query('kind') kindParam: string | undefined) {
    const fiscalYear = fiscalYearOf(input.params.year);
    if (input.actor.role !== 'admin') throw httpProblem('FORBIDDEN', ADMIN_ONLY);
    const kind = catalogKindOf(kindParam);
    if (kind === 'invalid') throw httpProblem('VALIDATION_FAILED', 'kind 应为 functional 或 economic', [{ field: 'kind', code: 'CATALOG_KIND_UNKNOWN', message: `kind “${kindParam}”应为 functional（支出功能分类）或 economic（部门预算支出经济分类）` }]);
    const preview = previewParam === '1' || previewParam === 'true';
    const body = input.rawBody;
    let rows;
    try {
      rows = Buffer.isBuffer(body) ? await xlsxRows(body) : typeof body === 'string' ? csvRows(body) : undefined;
    } catch (error) {
      const what = Buffer.isBuffer(body) ? '不是有效的 XLSX 工作簿' : `CSV 无法解析：${(error as Error).message}`;
      throw new ProblemException(400, 'CATALOG_FILE_INVALID', '科目清单无法读取', `文件${what}`, [{ field: 'file', code: 'CATALOG_FILE_INVALID', message: `文件${what}` }]);
    }
    if (!rows) throw httpProblem('UNSUPPORTED_MEDIA_TYPE', `请上传科目清单：Content-Type 为 text/csv 或 ${XLSX}`);
    input.body.whole();
    const read = readCatalogRows(rows, kind);
    const current = await this.catalogs.forYear(fiscalYear);
    const version = await this.catalogs.version(fiscalYear);
    const changes = previewCatalogFile(current, read.entries);
    const summary = {
      fiscalYear,
      counts: { added: changes.added.length, renamed: changes.renamed.length, retired: changes.retired.length, unchanged: changes.unchanged.length, errors: read.problems.length },
    };
    if (preview) {
      return { ...summary, preview: true, version, added: changes.added, renamed: changes.renamed, retired: changes.retired, unchanged: changes.unchanged, errors: read.problems };
    }
    if (read.problems.length > 0) {
      const first = read.problems[0];
      throw new ProblemException(400, first.code, '科目清单有误，未载入任何科目', read.problems.length === 1 ? first.message : `共 ${read.problems.length} 处错误，第一处：${first.message}`, read.problems);
    }
    const loaded = await this.catalogs.load(fiscalYear, changes.changes, input, this.clock());
    return input.answer({ ...summary, preview: false, changed: loaded.appended, version: loaded.version, added: changes.added, renamed: changes.renamed, retired: changes.retired });
  }
}

/** The rows of an exported catalog: kind, code, name, level, unit (what the import reads back). */
const exportRows = (entries: CatalogEntries): string[][] => [
  ['分类', '编码', '名称', '级次', '单位'],
  ...(['functional', 'economic'] as const).flatMap((scheme: CatalogScheme) =>
    entries[scheme].map((entry) => [KIND_NAMES[scheme], entry.code, entry.name, levelOf(scheme, entry.code), entry.unit ?? '']),
  ),
];

/** The year's catalog as a file: CSV (UTF-8 with BOM, opens in Excel on Chinese Windows) or XLSX, importable again. */
@ApiController('catalog', 'v1/catalogs')
export class CatalogFilesController {
  constructor(private readonly catalogs: CatalogService) {}

  @Get(':year.csv')
  @ApiOperation({ summary: '导出年度分类科目 CSV（UTF-8 带 BOM；列：分类、编码、名称、级次、单位）' })
  @PathParam('year', '预算年度', 2024)
  @AnswersFile('text/csv', '年度分类科目 CSV')
  @Refuses(400, 401, 403)
  async csv(@Param('year') year: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const fiscalYear = fiscalYearOf(year);
    const rows = exportRows((await this.catalogs.forYear(fiscalYear)).entries());
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="catalog-${fiscalYear}.csv"`);
    return csvDownload(csvDocument(rows));
  }

  @Get(':year.xlsx')
  @ApiOperation({ summary: '导出年度分类科目 XLSX（列：分类、编码、名称、级次、单位）' })
  @PathParam('year', '预算年度', 2024)
  @AnswersFile(XLSX, '年度分类科目 XLSX')
  @Refuses(400, 401, 403)
  async xlsx(@Param('year') year: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const fiscalYear = fiscalYearOf(year);
    const rows = exportRows((await this.catalogs.forYear(fiscalYear)).entries());
    const Excel = (await import('exceljs')).default;
    const workbook = new Excel.Workbook();
    const sheet = workbook.addWorksheet(`${fiscalYear}年分类科目`, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [{ width: 22 }, { width: 12 }, { width: 40 }, { width: 14 }, { width: 12 }];
    for (const row of rows) sheet.addRow(row);
    sheet.getRow(1).font = { bold: true };
    // Codes are text, so that a clerk's edit keeps them as typed.
    sheet.getColumn(2).numFmt = '@';
    void reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="catalog-${fiscalYear}.xlsx"`);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

export type { CatalogChangeItem };
