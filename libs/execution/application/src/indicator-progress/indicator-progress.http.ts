import { Controller, Inject, Param, Post, Req, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RequestReader, domainActor, eventMetadata } from '@budgetflow/budget-application';
import { authorizeExecutionWrite } from '@budgetflow/execution-domain';
import { type Actor, CurrentActor } from '@budgetflow/http';
import { ExecutionLedgerService } from '../ledger/execution-ledger.service';
import { ExecutionProblems } from '../shared/execution-problems';
import { CLOCK, type Clock, executionAddress } from '../shared/execution-request';

type Params = { department: string; year: string };

/**
 * 绩效运行监控 — the department reports, per project indicator, the actual to date, the full-year forecast,
 * the cause of a deviation (经费 / 制度 / 人员 / 硬件 / 其他) and how likely the target is met.
 */
@ApiTags('execution')
@ApiBearerAuth()
@UseInterceptors(ExecutionProblems)
@Controller('v1/execution/:department/:year/indicator-progress')
export class IndicatorProgressController {
  constructor(
    private readonly ledger: ExecutionLedgerService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: '登记绩效指标进度（部门）：actualToDate、forecast 为指标单位下的十进制字符串' })
  async record(@Param() params: Params, @Req() request: FastifyRequest, @CurrentActor() actor: Actor) {
    const { department, fiscalYear } = executionAddress(params.department, params.year);
    authorizeExecutionWrite(domainActor(actor), department);
    const body = RequestReader.of(request.body ?? {});
    const figure = (key: string): string => {
      const value = body.any(key);
      if (typeof value === 'number') body.problem(key, 'AMOUNT_NOT_STRING', '指标数值应为十进制字符串（如 "95.5"），不接受 JSON 数字');
      return typeof value === 'string' ? value.trim() : '';
    };
    const command = {
      type: 'RecordIndicatorProgress' as const,
      actor: domainActor(actor),
      projectCode: body.text('projectCode', { max: 64 }),
      indicator: body.text('indicator', { max: 200 }),
      date: body.text('date', { max: 10 }),
      actualToDate: figure('actualToDate'),
      forecast: figure('forecast'),
      deviationCause: body.optionalText('deviationCause', 10),
      deviationNote: body.optionalText('deviationNote', 1000),
      likelihood: body.text('likelihood', { max: 10 }),
    };
    body.done();
    const outcome = await this.ledger.execute(department, fiscalYear, command, eventMetadata(request, actor, this.clock()));
    return { recorded: true, streamId: outcome.streamId, version: outcome.version, position: outcome.position };
  }
}
