import { BudgetCommandAnswer } from '@budgetflow/contracts';
import { Answers, BodyNone, CommandRoute, PathParam, type CommandInput, Input, httpProblem } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

/** 公开 — the finance bureau publishes an approved version; a published version never changes. */
@BudgetController('budget review', 'versions/:version')
export class PublishVersionController extends BudgetCommandRoutes {
  @CommandRoute('POST', 'publish', '公开某一批复版本（财政）；公开后永不改变', { refuses: { 400: ['VALIDATION_FAILED'], 404: ['VERSION_NOT_FOUND'] } })
  @PathParam('version', '批复版本号（批复答复中的 approvedVersion）', 1)
  @BodyNone()
  @Answers(BudgetCommandAnswer)
  publish(@Input() input: CommandInput) {
    budgetAddressOf(input); // the address is refused before the version
    if (!/^\d{1,6}$/.test(input.params.version)) throw httpProblem('VALIDATION_FAILED', '版本号应为正整数', [{ field: 'version', code: 'VERSION_INVALID', message: '版本号应为正整数' }]);
    return this.send(input, { type: 'PublishVersion', actor: input.actor, version: Number(input.params.version) });
  }
}
