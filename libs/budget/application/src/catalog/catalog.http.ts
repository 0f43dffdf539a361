import { Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { CatalogView } from '@budgetflow/contracts';
import { type Actor, CurrentActor, ProblemException, httpProblem, eventMetadata, fiscalYearOf } from '@budgetflow/platform';
import { parseCatalogEntries } from './catalog-entries';
import { CatalogService } from './catalog.service';

/** 政府收支分类科目 per fiscal year: admins load entries (merged into the year), everyone signed in reads them. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('v1/catalogs/:year')
export class CatalogController {
  constructor(private readonly catalogs: CatalogService) {}

  @Put()
  @ApiOperation({ summary: '载入年度分类科目（管理员），与已有科目合并' })
  async load(@Param('year') year: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor) {
    const fiscalYear = fiscalYearOf(year);
    if (actor.role !== 'admin') throw httpProblem('FORBIDDEN', '只有系统管理员可以载入分类科目');
    const parsed = parseCatalogEntries(request.body);
    if (!parsed.ok) throw new ProblemException(400, 'CATALOG_ENTRY_INVALID', '分类科目无效', parsed.problems[0].message, parsed.problems);
    const { appended, catalog } = await this.catalogs.load(fiscalYear, parsed.entries, eventMetadata(request, actor, new Date()));
    const entries = catalog.entries();
    return { fiscalYear, changed: appended, functional: entries.functional.length, economic: entries.economic.length };
  }

  @Get()
  @ApiOperation({ summary: '查询年度分类科目' })
  async read(@Param('year') year: string): Promise<CatalogView> {
    const fiscalYear = fiscalYearOf(year);
    return { fiscalYear, ...(await this.catalogs.forYear(fiscalYear)).entries() };
  }
}
