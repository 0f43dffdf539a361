import { Controller, Get, Inject, Param, Put, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequestReader, domainActor, eventMetadata } from '@budgetflow/budget-application';
import { refuse } from '@budgetflow/execution-domain';
import { type Actor, CurrentActor } from '@budgetflow/http';
import { ExecutionProblems } from '../shared/execution-problems';
import { CLOCK, type Clock, fiscalYearParam } from '../shared/execution-request';
import { ExecutionSettingsService } from './execution-settings.service';

/** 执行监控参数 — finance sets per fiscal year: over-spend control (block / warn) and the yellow / red gap thresholds. */
@ApiTags('execution')
@ApiBearerAuth()
@UseInterceptors(ExecutionProblems)
@Controller('v1/execution-settings/:year')
export class ExecutionSettingsController {
  constructor(
    private readonly settings: ExecutionSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '本年度执行监控参数（默认：block，黄色 > 10，红色 > 20 个百分点）' })
  async read(@Param('year') year: string) {
    const fiscalYear = fiscalYearParam(year);
    return { fiscalYear, ...(await this.settings.current(fiscalYear)) };
  }

  @Put()
  @ApiOperation({ summary: '设置执行监控参数（财政）：{ overspendMode: block|warn, yellowGapPoints, redGapPoints }' })
  async change(@Param('year') year: string, @Req() request: FastifyRequest, @CurrentActor() actor: Actor) {
    const fiscalYear = fiscalYearParam(year);
    if (actor.role !== 'finance') refuse('SETTINGS_FORBIDDEN_ROLE');
    const body = RequestReader.of(request.body ?? {});
    const overspendMode = body.text('overspendMode', { max: 10 });
    const yellowGapPoints = body.number('yellowGapPoints');
    const redGapPoints = body.number('redGapPoints');
    body.done();
    const { settings, changed } = await this.settings.change(
      fiscalYear,
      { type: 'ChangeExecutionSettings', actor: domainActor(actor), overspendMode, yellowGapPoints, redGapPoints },
      eventMetadata(request, actor, this.clock()),
    );
    return { fiscalYear, ...settings, changed };
  }
}
