import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { commandsFromBudgetFacts, parseBudgetFacts } from '@budgetflow/budget-domain';
import { type Actor, CurrentActor, ProblemException } from '@budgetflow/http';
import { ExecuteBudgetCommands } from '../budget-stream/execute-budget-commands';
import type { BudgetParams } from '../budget-stream/budget-command-runner';
import { budgetAddress, domainActor, eventMetadata, expectedVersionFrom } from '../shared/request-context';

/**
 * 导入 budget-facts/1: the whole document becomes the same commands the API takes, decided in order and
 * appended as one atomic write. A bad line imports nothing; the same document again changes nothing.
 */
@ApiTags('budget import')
@ApiBearerAuth()
@Controller('v1/budgets/:department/:year/import')
export class BudgetImportController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: '导入 budget-facts/1 文档（本部门或管理员迁移数据）' })
  async import(@Param() params: BudgetParams, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @CurrentActor() actor: Actor) {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const ifMatch = expectedVersionFrom(request);
    const parsed = parseBudgetFacts(request.body);
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

    const commands = commandsFromBudgetFacts(parsed.document, domainActor(actor));
    const metadata = eventMetadata(request, actor, new Date(), 'budget-facts/1 导入');
    const outcome = await this.commandBus.execute(new ExecuteBudgetCommands(department, fiscalYear, commands, metadata, ifMatch));
    void reply.header('etag', `"${outcome.version}"`);
    return { ...outcome, imported: outcome.events.length > 0 };
  }
}
