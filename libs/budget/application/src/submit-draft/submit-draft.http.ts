import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type CommandInput, Input } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';
import { submissionChecks } from './submission-checks';

/** 报送 (一上) — the department submits its draft to the finance bureau. */
@ApiTags('budget review')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year')
export class SubmitDraftController {
  constructor(private readonly bus: CommandBus) {}

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: '报送（一上）：收支平衡、不超控制数、勾稽检查无错误（警告不阻止）' })
  submit(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    input.body.done();
    // The checks run on the very state the submit is decided on: no edit can slip in between.
    return sendBudgetCommands(this.bus, address, [{ type: 'SubmitDraft', actor: input.actor }], input, { precondition: submissionChecks(input.actor, address.department) });
  }
}
