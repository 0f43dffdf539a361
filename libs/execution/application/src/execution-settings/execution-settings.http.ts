import { Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { ExecutionSettingsRequest, ExecutionSettingsView } from '@budgetflow/contracts';
import { refuse } from '@budgetflow/execution-domain';
import { Answers, ApiController, BodySchema, type CommandInput, Input, PathParam, Refuses } from '@budgetflow/platform';
import { fiscalYearParam } from '../shared/execution-request';
import { ExecutionSettingsService } from './execution-settings.service';

/** 执行监控参数 — finance sets per fiscal year: over-spend control (block / warn) and the yellow / red gap thresholds. */
@ApiController('execution', 'v1/execution-settings/:year')
export class ExecutionSettingsController {
  constructor(private readonly settings: ExecutionSettingsService) {}

  @Get()
  @ApiOperation({ summary: '本年度执行监控参数（默认：block，黄色 > 10，红色 > 20 个百分点）' })
  @PathParam('year', '预算年度', 2024)
  @Answers(ExecutionSettingsView)
  @Refuses({ 400: ['FISCAL_YEAR_INVALID'] }, 401, 403)
  async read(@Param('year') year: string) {
    const fiscalYear = fiscalYearParam(year);
    return { fiscalYear, ...(await this.settings.current(fiscalYear)) };
  }

  @Put()
  @ApiOperation({ summary: '设置执行监控参数（财政）：{ overspendMode: block|warn, yellowGapPoints, redGapPoints }' })
  @PathParam('year', '预算年度', 2024)
  @BodySchema(ExecutionSettingsRequest)
  @Answers(ExecutionSettingsView)
  @Refuses({ 400: ['OVERSPEND_MODE_UNKNOWN'], 403: ['SETTINGS_FORBIDDEN_ROLE'], 422: ['THRESHOLDS_INVALID'] }, 401, 409, 412)
  async change(@Input() input: CommandInput) {
    const fiscalYear = fiscalYearParam(input.params.year);
    if (input.actor.role !== 'finance') refuse('SETTINGS_FORBIDDEN_ROLE');
    const body = input.body;
    const overspendMode = body.text('overspendMode', { max: 10 });
    const yellowGapPoints = body.number('yellowGapPoints');
    const redGapPoints = body.number('redGapPoints');
    body.done();
    const { settings, changed, version } = await this.settings.change(fiscalYear, { type: 'ChangeExecutionSettings', actor: input.actor, overspendMode, yellowGapPoints, redGapPoints }, input);
    return input.answer({ fiscalYear, ...settings, changed, version });
  }
}
