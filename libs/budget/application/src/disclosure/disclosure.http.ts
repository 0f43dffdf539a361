import { Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import JSZip from 'jszip';
import { type FiscalPhase, csvDownload, disclosureHtml, fiscalDataPackageOfPhases, tablesToCsv, tablesToXlsx } from '@budgetflow/budget-projections';
import { ConsistencyAnswer, DisclosureAnswer, DisclosureTableAnswer, DisclosureTablesAnswer } from '@budgetflow/contracts';
import { Answers, AnswersFile, ApiController, type Actor, BoundedCache, CurrentActor, HtmlToPdf, PathParam, Public, QueryParam, Refuses, budgetAddress, httpProblem } from '@budgetflow/platform';
import { type BudgetParams, BudgetRoute } from '../budget-commands/budget-commands';
import { DisclosureReader, type DisclosureVersionRow, type ReadDisclosure, mayReadDrafts, parseAfter } from './disclosure-reader';
import { DRAFT_LABEL } from './disclosure.projection';
import { ifNoneMatchHits, rememberPublishedTables } from './published-answers';

interface DisclosureQuery {
  version?: string;
  after?: string;
  /** A unit's code (`units[].code`): that unit's own tables instead of the department's consolidated ones. */
  unit?: string;
}

const TABLE_ID = /^(T[1-9])(\.csv)?$/;

/** ASCII file name of an export: `budget-501-2024-v1.xlsx`, `budget-501-2024-draft-T6.csv`. */
const fileName = (read: ReadDisclosure, suffix: string): string =>
  `budget-${read.department}-${read.fiscalYear}-${read.version === 'draft' ? 'draft' : `v${read.version}`}${suffix}`;

const attachment = (reply: FastifyReply, contentType: string, name: string): void => {
  void reply.header('content-type', contentType).header('content-disposition', `attachment; filename="${name}"`);
};

/** `?version=3` names one version for good; `published` / no version follows the latest publication. */
const MAX_AGE_NAMED_VERSION = 86_400;
const MAX_AGE_LATEST = 60;

/**
 * HTTP caching of published versions (issue 15): a published version never changes, so its answers carry a
 * strong ETag made of (department, year, version number, published, representation), `If-None-Match` → 304
 * before the document is read, and `Cache-Control: public`. Drafts and unpublished versions: `private, no-store`.
 * Returns true when a 304 was sent.
 */
const cacheHeaders = (
  request: FastifyRequest,
  reply: FastifyReply,
  read: { department: string; fiscalYear: number; chosen: Pick<DisclosureVersionRow, 'version_number' | 'published'> },
  query: DisclosureQuery,
  representation: string,
): boolean => {
  const { version_number: version, published } = read.chosen;
  if (version === null || !published) {
    void reply.header('cache-control', 'private, no-store');
    return false;
  }
  const named = /^\d+$/.test(query.version ?? '');
  if (named) KNOWN_PUBLISHED.set(`${read.department}/${read.fiscalYear}/${version}`, true);
  return publishedHeaders(request, reply, `"${read.department}-${read.fiscalYear}-v${version}-published-${representation}"`, named ? MAX_AGE_NAMED_VERSION : MAX_AGE_LATEST);
};

/** ETag, Cache-Control and Vary of a published answer; 304 (true) when the client's copy is that one. */
const publishedHeaders = (request: FastifyRequest, reply: FastifyReply, etag: string, maxAge: number): boolean => {
  void reply.header('etag', etag).header('cache-control', `public, max-age=${maxAge}`).header('vary', 'authorization');
  if (ifNoneMatchHits(request.headers['if-none-match'], etag)) {
    void reply.status(304);
    return true;
  }
  return false;
};

/**
 * Versions this process has seen published, by (department, year, number): a publication is never undone and a
 * published version never changes, so a revalidation of a named one (`?version=3` with `If-None-Match`) is answered
 * 304 before anything is read — no Postgres, whoever asks (published versions are public).
 */
const KNOWN_PUBLISHED = new BoundedCache<true>(20_000);

const notModifiedWithoutReading = (params: BudgetParams, query: DisclosureQuery, request: FastifyRequest, reply: FastifyReply, representation: string): boolean => {
  if (request.headers['if-none-match'] === undefined || !/^\d{1,6}$/.test(query.version ?? '')) return false;
  if (!KNOWN_PUBLISHED.get(`${params.department}/${params.year}/${query.version}`)) return false;
  return publishedHeaders(request, reply, `"${params.department}-${params.year}-v${query.version}-published-${representation}"`, MAX_AGE_NAMED_VERSION);
};

/** Rendered export bytes of published versions (they never change), newest kept, at most 32 answers and 64 MB. */
class PublishedExports {
  private readonly entries = new Map<string, Buffer | string>();
  /** Renderings under way: a second request for the same export waits for the first (a PDF takes seconds). */
  private readonly rendering = new Map<string, Promise<Buffer | string>>();
  private bytes = 0;

  async get(key: string, render: () => Promise<Buffer | string>): Promise<Buffer | string> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = this.rendering.get(key);
    if (pending) return pending;
    const started = render();
    this.rendering.set(key, started);
    let value: Buffer | string;
    try {
      value = await started;
    } finally {
      this.rendering.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += Buffer.byteLength(value);
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= 32 && this.bytes <= 64 * 1024 * 1024) break;
      this.entries.delete(oldest);
      this.bytes -= Buffer.byteLength(old);
    }
    return value;
  }
}

/**
 * 部门预算公开: the nine tables, the narrative and the rest of the document, the 勾稽 findings and the exports
 * (XLSX, CSV, Fiscal Data Package, printable HTML) of any version, all read from the disclosure projection.
 * Published versions are public; `?version=` draft | approved | published | a number; `?after=` a command's position.
 */
@ApiController('budget disclosure', 'v1/budgets/:department/:year')
@BudgetRoute()
export class DisclosureController {
  private readonly published = new PublishedExports();

  constructor(
    private readonly reader: DisclosureReader,
    private readonly pdf: HtmlToPdf,
  ) {}

  /** `locate` (cheap), the cache headers, and — unless the client's copy is current — the document. */
  private async readCached(params: BudgetParams, query: DisclosureQuery, actor: Actor | undefined, request: FastifyRequest, reply: FastifyReply, representation: string): Promise<ReadDisclosure | undefined> {
    if (notModifiedWithoutReading(params, query, request, reply, representation)) return undefined;
    const located = await this.reader.locate(params, query, actor);
    if (cacheHeaders(request, reply, located, query, representation)) return undefined;
    return this.reader.read(params, query, actor);
  }

  /** Export bytes: from the cache for a published version, rendered for anything else. */
  private exportOf(read: ReadDisclosure, representation: string, render: () => Promise<Buffer | string>): Promise<Buffer | string> {
    if (read.version === 'draft' || !read.published) return render();
    return this.published.get(`${read.department}/${read.fiscalYear}/${read.version}/${representation}`, render);
  }

  @Get('tables')
  @Public()
  @ApiOperation({ summary: '九张公开表（单位：万元）' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @QueryParam('unit', '所属单位编码：该单位本身的九张表（默认为部门汇总）')
  @Answers(DisclosureTablesAnswer)
  @Refuses(400, 401, 403, 404)
  async tables(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (query.unit !== undefined) {
      const read = await this.readCached(params, query, actor, request, reply, `tables-unit-${query.unit}`);
      if (!read) return '';
      const own = read.document.unitTables?.find((entry) => entry.unit.code === query.unit);
      if (!own) throw httpProblem('NOT_FOUND', `本部门预算没有所属单位 ${query.unit}`);
      return { department: read.department, fiscalYear: read.fiscalYear, version: read.version, unit: '万元', budgetUnit: own.unit, tables: own.tables };
    }
    if (notModifiedWithoutReading(params, query, request, reply, 'tables')) return '';
    const { department, fiscalYear, chosen, tables } = await this.reader.tables(params, query, actor);
    if (cacheHeaders(request, reply, { department, fiscalYear, chosen }, query, 'tables')) return '';
    // The stored tables go out as they are (no parse and re-serialise of a large document on the hot read path).
    const head: Omit<DisclosureTablesAnswer, 'tables'> = { department, fiscalYear, version: chosen.version_number ?? 'draft', unit: '万元' };
    void reply.header('content-type', 'application/json; charset=utf-8');
    const body = `${JSON.stringify(head).slice(0, -1)},"tables":${tables}}`;
    if (chosen.published && chosen.version_number !== null && /^\d+$/.test(query.version ?? '')) {
      // A published version named by number: its bytes, for the path that answers before routing (published-answers.ts).
      rememberPublishedTables(department, fiscalYear, chosen.version_number, { headers: reply.getHeaders(), body });
    }
    return body;
  }

  @Get('tables.xlsx')
  @Public()
  @ApiOperation({ summary: '九张公开表 XLSX：每表一页，合并表头，单位：万元，金额为两位小数的数字；末页“情况说明”为公开文本其余部分' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @AnswersFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '九张公开表（XLSX）')
  @Refuses(400, 401, 403, 404)
  async tablesXlsx(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const read = await this.readCached(params, query, actor, request, reply, 'xlsx');
    if (!read) return '';
    const { code, name } = read.document.department;
    const workbook = await this.exportOf(read, 'xlsx', () => tablesToXlsx(read.document.tables, { department: { code, name }, fiscalYear: read.fiscalYear }, read.document.chapters));
    attachment(reply, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName(read, '.xlsx'));
    return workbook;
  }

  @Get('tables/:tableId')
  @Public()
  @ApiOperation({ summary: '单张公开表（T1–T9）；T6.csv 为该表的 CSV（含表头）' })
  @PathParam('tableId', 'T1–T9，或 T1.csv–T9.csv 下载该表的 CSV', 'T1')
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(DisclosureTableAnswer)
  @AnswersFile('text/csv', '（tableId 以 .csv 结尾时）该表的 CSV，UTF-8')
  @Refuses(400, 401, 403, 404)
  async table(@Param() params: BudgetParams & { tableId: string }, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const match = TABLE_ID.exec(params.tableId);
    if (!match) throw httpProblem('NOT_FOUND', `没有表 ${params.tableId}，应为 T1–T9`);
    const read = await this.readCached(params, query, actor, request, reply, params.tableId);
    if (!read) return '';
    const table = read.document.tables.find((candidate) => candidate.id === match[1]);
    if (!table) throw httpProblem('NOT_FOUND', `没有表 ${match[1]}`);
    if (match[2]) {
      attachment(reply, 'text/csv; charset=utf-8', fileName(read, `-${table.id}.csv`));
      return this.exportOf(read, `${table.id}.csv`, async () => csvDownload(tablesToCsv(table)));
    }
    return { department: read.department, fiscalYear: read.fiscalYear, version: read.version, unit: '万元', table };
  }

  @Get('disclosure')
  @Public()
  @ApiOperation({ summary: '公开文本：情况说明、项目绩效目标表、机关运行经费、政府采购、国有资产' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(DisclosureAnswer)
  @Refuses(400, 401, 403, 404)
  async disclosure(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<DisclosureAnswer | ''> {
    const read = await this.readCached(params, query, actor, request, reply, 'disclosure');
    if (!read) return '';
    const { narrative, performanceGoals, runningCosts, procurement, fixedAssets, chapters } = read.document;
    return { department: read.department, fiscalYear: read.fiscalYear, version: read.version, narrative, performanceGoals, runningCosts, procurement, fixedAssets, chapters };
  }

  /** The label printed under the title of the printable document. */
  private static versionLabel(read: { version: 'draft' | number; published: boolean }): string {
    return read.version === 'draft' ? '草案（未公开）' : `第${read.version}版${read.published ? '（已公开）' : '（已批复，未公开）'}`;
  }

  /**
   * The printable document as PDF, rendered by headless chromium from the same HTML as `disclosure.html`, cached
   * per published version. Its CreationDate / ModDate are the version's publication instant (an unpublished
   * version or the draft: 1 January of its year, Shanghai), so one version always downloads as the same bytes.
   */
  private async documentPdf(params: BudgetParams, query: DisclosureQuery, actor: Actor | undefined, request: FastifyRequest, reply: FastifyReply): Promise<Buffer | ''> {
    const located = await this.reader.locate(params, query, actor);
    if (cacheHeaders(request, reply, located, query, 'pdf')) return '';
    const { department, fiscalYear, chosen } = located;
    const read: ReadDisclosure = {
      department,
      fiscalYear,
      version: chosen.version_number ?? 'draft',
      published: chosen.published,
      document: await this.reader.document(department, fiscalYear, chosen.version_label),
    };
    const date = chosen.published && chosen.published_at ? new Date(chosen.published_at) : new Date(`${fiscalYear}-01-01T00:00:00+08:00`);
    const pdf = await this.exportOf(read, 'pdf', async () => {
      if (!this.pdf.available()) {
        throw httpProblem('SERVICE_UNAVAILABLE', '服务器未安装 chromium，暂不能生成 PDF：请在服务器上安装 chromium 与中文字体 fonts-wqy-microhei（apt-get install chromium fonts-wqy-microhei），或以 CHROMIUM_PATH 指明 chromium 的位置；可打印的 HTML 见 disclosure.html');
      }
      return this.pdf.render(disclosureHtml(read.document, DisclosureController.versionLabel(read)), { date });
    });
    attachment(reply, 'application/pdf', fileName(read, '.pdf'));
    return pdf as Buffer;
  }

  @Get('versions/:version/document.pdf')
  @Public()
  @ApiOperation({ summary: '某一批复版本的公开文本 PDF（九张表、情况说明、绩效目标表；服务器以 chromium 生成，需 chromium 与 fonts-wqy-microhei；同一版本字节相同）' })
  @PathParam('version', '批复版本号', 1)
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @AnswersFile('application/pdf', '公开文本 PDF')
  @Refuses({ 400: ['VERSION_INVALID'] }, 401, 403, 404)
  async versionPdf(@Param() params: BudgetParams & { version: string }, @Query('after') after: string | undefined, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    if (!/^[1-9]\d{0,8}$/.test(params.version)) {
      throw httpProblem('VALIDATION_FAILED', '版本号应为正整数', [{ field: 'version', code: 'VERSION_INVALID', message: `无效的版本号：${params.version}，应为 1、2、…` }]);
    }
    return this.documentPdf(params, { version: params.version, after }, actor, request, reply);
  }

  @Get('disclosure.pdf')
  @Public()
  @ApiOperation({ summary: '公开文本 PDF（与 disclosure.html 同一内容；?version= draft | approved | published | 版本号）' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @AnswersFile('application/pdf', '公开文本 PDF')
  @Refuses(400, 401, 403, 404)
  async disclosurePdf(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.documentPdf(params, query, actor, request, reply);
  }

  @Get('disclosure.html')
  @Public()
  @ApiOperation({ summary: '可打印的公开文本（HTML）：九张表、情况说明、绩效目标表、政府采购、国有资产' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @AnswersFile('text/html', '可打印的公开文本（HTML）')
  @Refuses(400, 401, 403, 404)
  async disclosurePage(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const read = await this.readCached(params, query, actor, request, reply, 'html');
    if (!read) return '';
    void reply.header('content-type', 'text/html; charset=utf-8');
    return this.exportOf(read, 'html', async () => disclosureHtml(read.document, DisclosureController.versionLabel(read)));
  }

  @Get('consistency')
  @Public()
  @ApiOperation({ summary: '勾稽检查：表间关系、说明数字、成本指标（error 阻止报送，warning 只提示）' })
  @QueryParam('version', 'draft | approved | published | 版本号', { example: 'published' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @Answers(ConsistencyAnswer)
  @Refuses(400, 401, 403, 404)
  async consistency(@Param() params: BudgetParams, @Query() query: DisclosureQuery, @CurrentActor() actor: Actor | undefined): Promise<ConsistencyAnswer> {
    const read = await this.reader.read(params, query, actor);
    return { department: read.department, fiscalYear: read.fiscalYear, version: read.version, findings: read.document.findings };
  }

  @Get('datapackage')
  @Public()
  @ApiOperation({ summary: 'Fiscal Data Package（zip：datapackage.json + 每阶段一个 CSV，proposed / approved / adjusted）' })
  @QueryParam('after', '命令返回的 position：等投影追上后再读', { example: '1234' })
  @AnswersFile('application/zip', 'Fiscal Data Package（zip）')
  @Refuses(400, 401, 403, 404)
  async datapackage(@Param() params: BudgetParams, @Query('after') after: string | undefined, @CurrentActor() actor: Actor | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    await this.reader.catchUp(department, fiscalYear, parseAfter(after));
    const rows = (await this.reader.versions(department, fiscalYear)).filter((row) => row.published || mayReadDrafts(department, actor));
    const approved = rows.filter((row) => row.version_number !== null);
    // The draft is the proposal (一上) until the first approval; afterwards the working content is the approved one.
    const chosen: Array<{ label: string; phase: FiscalPhase }> = [];
    const draft = rows.find((row) => row.version_label === DRAFT_LABEL);
    if (draft && approved.length === 0) chosen.push({ label: draft.version_label, phase: 'proposed' });
    const first = approved.find((row) => row.version_number === 1);
    if (first) chosen.push({ label: first.version_label, phase: 'approved' });
    const adjusted = approved.filter((row) => (row.version_number ?? 0) > 1);
    if (adjusted.length > 0) chosen.push({ label: adjusted[adjusted.length - 1].version_label, phase: 'adjusted' });
    if (chosen.length === 0) throw httpProblem('NOT_FOUND', '预算或该版本不存在');
    // Published phases only (what outsiders get): the package is fixed by the versions in it.
    const inPackage = chosen.map(({ label }) => rows.find((row) => row.version_label === label)!);
    const last = inPackage[inPackage.length - 1]!;
    const fixed = inPackage.every((row) => row.published && row.version_number !== null);
    const representation = `datapackage-${inPackage.map((row) => row.version_label).join('-')}`;
    const located = { department, fiscalYear, chosen: { version_number: last.version_number, published: fixed } };
    if (cacheHeaders(request, reply, located, {}, representation)) return '';

    const render = async (): Promise<Buffer> => {
      const phases = [];
      for (const { label, phase } of chosen) {
        const document = await this.reader.document(department, fiscalYear, label);
        phases.push({ phase, csv: document.fiscalData.csv, departmentName: document.department.name });
      }
      const pkg = fiscalDataPackageOfPhases({ departmentCode: department, departmentName: phases[phases.length - 1].departmentName, fiscalYear }, phases);
      const zip = new JSZip();
      zip.file('datapackage.json', JSON.stringify(pkg['datapackage.json'], null, 2) + '\n');
      for (const file of pkg.files) zip.file(file.name, csvDownload(file.csv));
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const archive = fixed ? await this.published.get(`${department}/${fiscalYear}/${representation}`, render) : await render();
    void reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="budget-${department}-${fiscalYear}-datapackage.zip"`);
    return archive;
  }
}
