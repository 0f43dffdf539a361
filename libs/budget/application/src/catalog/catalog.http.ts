import { Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CatalogLoadRequest, CatalogLoaded, CatalogView } from '@budgetflow/contracts';
import { Answers, ApiController, BodySchema, PathParam, Refuses, CLOCK, type Clock, type CommandInput, Input, ProblemException, fiscalYearOf, httpProblem } from '@budgetflow/platform';
import { parseCatalogEntries } from './catalog-entries';
import { CatalogService } from './catalog.service';

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
    if (input.actor.role !== 'admin') throw httpProblem('FORBIDDEN', '只有系统管理员可以载入分类科目');
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
}
