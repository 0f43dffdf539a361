import { type Actor, type BudgetCommand, commandsFromBudgetFacts, parseBudgetFacts } from '@budgetflow/budget-domain';
import { BudgetFactsDocument, BudgetImported, type FieldProblem } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input, ProblemException } from '@budgetflow/platform';
import { type BudgetAddress, budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { importAnswer } from './import-answer';

/**
 * A budget-facts/1 document read for an import into `address`: the one command that imports it, or every problem of
 * its shape (400) — the JSON import and the entry workbook go through this same reading.
 */
export const importCommandsOf = (
  json: unknown,
  address: BudgetAddress,
  actor: Actor,
): { ok: true; commands: BudgetCommand[] } | { ok: false; code: string; title: string; errors: FieldProblem[] } => {
  const parsed = parseBudgetFacts(json);
  if (!parsed.ok) return { ok: false, code: parsed.errors[0].code, title: '导入文档无效', errors: parsed.errors };
  const { content } = parsed.document;
  const mismatches = [
    ...(content.department.code !== address.department ? [{ field: 'department.code', code: 'IMPORT_ADDRESS_MISMATCH', message: `文档部门 ${content.department.code} 与地址 ${address.department} 不一致` }] : []),
    ...(content.fiscalYear !== address.fiscalYear ? [{ field: 'fiscalYear', code: 'IMPORT_ADDRESS_MISMATCH', message: `文档年度 ${content.fiscalYear} 与地址 ${address.fiscalYear} 不一致` }] : []),
  ];
  if (mismatches.length > 0) return { ok: false, code: 'IMPORT_ADDRESS_MISMATCH', title: '导入文档与请求地址不一致', errors: mismatches };
  return { ok: true, commands: commandsFromBudgetFacts(parsed.document, actor) };
};

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
    const address = budgetAddressOf(input);
    // The document has its own strict parser: the body reader only hands it over.
    const read = importCommandsOf(input.body.whole(), address, input.actor);
    if (!read.ok) {
      const first = read.errors[0];
      throw new ProblemException(400, read.code, read.title, first.field ? `${first.field}：${first.message}` : first.message, read.errors);
    }
    const answer = await this.send(input, read.commands, { reason: 'budget-facts/1 导入' });
    return importAnswer(answer);
  }
}
