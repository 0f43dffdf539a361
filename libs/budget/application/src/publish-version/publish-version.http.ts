import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type CommandInput, Input, httpProblem } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';

/** 公开 — the finance bureau publishes an approved version; a published version never changes. */
@ApiTags('budget review')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year/versions/:version')
export class PublishVersionController {
  constructor(private readonly bus: CommandBus) {}

  @Post('publish')
  @HttpCode(200)
  @ApiParam({ name: 'version', description: '批复版本号（批复答复中的 approvedVersion）', example: 1 })
  @ApiOperation({ summary: '公开某一批复版本（财政）；公开后永不改变' })
  publish(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    if (!/^\d{1,6}$/.test(input.params.version)) throw httpProblem('VALIDATION_FAILED', '版本号应为正整数', [{ field: 'version', code: 'VERSION_INVALID', message: '版本号应为正整数' }]);
    input.body.done();
    return sendBudgetCommands(this.bus, address, [{ type: 'PublishVersion', actor: input.actor, version: Number(input.params.version) }], input);
  }
}
