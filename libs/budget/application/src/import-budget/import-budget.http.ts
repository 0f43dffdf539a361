import { Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { commandsFromBudgetFacts, parseBudgetFacts } from '@budgetflow/budget-domain';
import { type CommandInput, Input, ProblemException } from '@budgetflow/platform';
import { BudgetRoute, budgetAddressOf, sendBudgetCommands } from '../budget-commands/budget-commands';

/**
 * 导入 budget-facts/1: the whole document becomes the same commands the API takes, decided in order and
 * appended as one atomic write. A bad line imports nothing; the same document again changes nothing.
 */
@ApiTags('budget import')
@ApiBearerAuth()
@BudgetRoute()
@Controller('v1/budgets/:department/:year/import')
export class ImportBudgetController {
  constructor(private readonly bus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '导入 budget-facts/1 文档（本部门或管理员迁移数据）' })
  async import(@Input() input: CommandInput) {
    const { department, fiscalYear } = budgetAddressOf(input);
    const parsed = parseBudgetFacts(input.rawBody);
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw new ProblemException(400, first.code, '导入文档无效', `${first.field}：${first.message}`, parsed.errors);
    }
    const { content } = parsed.document;
    const mismatches = [
      ...(content.department.code !== department ? [{ field: 'department.code', code: 'IMPORT_ADDRESS_MISMATCH', message: `文档部门 ${content.department.code} 与地址 ${department} 不一致` }] : []),
      ...(content.fiscalYear !== fiscalYear ? [{ field: 'fiscalYear', code: 'IMPORT_ADDRESS_MISMATCH', message: `文档年度 ${content.fiscalYear} 与地址 ${fiscalYear} 不一致` }] : []),
    ];
    if (mismatches.length > 0) throw new ProblemException(400, 'IMPORT_ADDRESS_MISMATCH', '导入文档与请求地址不一致', mismatches[0].message, mismatches);
    const commands = commandsFromBudgetFacts(parsed.document, input.actor);
    const answer = await sendBudgetCommands(this.bus, { department, fiscalYear }, commands, input, { reason: 'budget-facts/1 导入' });
    return { ...answer, imported: answer.events.length > 0 };
  }
}
