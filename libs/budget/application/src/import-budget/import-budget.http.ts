import { BudgetFactsDocument, BudgetImported } from '@budgetflow/contracts';
import { commandsFromBudgetFacts, parseBudgetFacts } from '@budgetflow/budget-domain';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, ProblemException } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

/**
 * 导入 budget-facts/1: the whole document becomes the same commands the API takes, decided in order and
 * appended as one atomic write. A bad line imports nothing; the same document again changes nothing.
 */
@BudgetController('budget import', 'import')
export class ImportBudgetController extends BudgetCommandRoutes {
  @CommandRoute('POST', '', '导入 budget-facts/1 文档（本部门或管理员迁移数据）', { refuses: { 400: ['IMPORT_ADDRESS_MISMATCH'] } })
  @BodySchema(BudgetFactsDocument)
  @Answers(BudgetImported)
  async import(@Input() input: CommandInput) {
    const { department, fiscalYear } = budgetAddressOf(input);
    // The document has its own strict parser: the body reader only hands it over.
    const parsed = parseBudgetFacts(input.body.whole());
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
    const answer = await this.send(input, commands, { reason: 'budget-facts/1 导入' });
    return { ...answer, imported: answer.events.length > 0 };
  }
}
