import { Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { authorizeExecutionWrite } from '@budgetflow/execution-domain';
import { IndicatorProgressRecorded, IndicatorProgressRequest } from '@budgetflow/contracts';
import { Answers, ApiController, BodySchema, type CommandInput, Input, Refuses } from '@budgetflow/platform';
import { sendExecutionCommand } from '../execution-commands/execution-commands';
import { ExecutionRoute, executionAddress } from '../shared/execution-request';

/**
 * 绩效运行监控 — the department reports, per project indicator, the actual to date, the full-year forecast,
 * the cause of a deviation (经费 / 制度 / 人员 / 硬件 / 其他) and how likely the target is met.
 */
@ExecutionRoute()
@ApiController('execution', 'v1/execution/:department/:year/indicator-progress')
export class IndicatorProgressController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: '登记绩效指标进度（部门）：actualToDate、forecast 为指标单位下的十进制字符串' })
  @BodySchema(IndicatorProgressRequest)
  @Answers(IndicatorProgressRecorded)
  @Refuses(400, 401, 403, 404, 409, 412, 422)
  async record(@Input() input: CommandInput) {
    const address = executionAddress(input.params.department, input.params.year);
    authorizeExecutionWrite(input.actor, address.department);
    const body = input.body;
    const figure = (key: string): string => {
      const value = body.any(key);
      if (typeof value === 'number') body.problem(key, 'AMOUNT_NOT_STRING', '指标数值应为十进制字符串（如 "95.5"），不接受 JSON 数字');
      return typeof value === 'string' ? value.trim() : '';
    };
    const command = {
      type: 'RecordIndicatorProgress' as const,
      actor: input.actor,
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
    const outcome = await sendExecutionCommand(this.bus, address, command, input);
    return { recorded: true, streamId: outcome.streamId, version: outcome.version, position: outcome.position };
  }
}
