import { BudgetCommandAnswer, ReasonRequest } from '@budgetflow/contracts';
import { Answers, BodyNone, BodySchema, CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';

/** 审核 — the finance bureau returns a submitted draft with a reason, or approves it (批复) as version N. */
@BudgetController('budget review')
export class ReviewDraftController extends BudgetCommandRoutes {
  @CommandRoute('POST', 'return', '退回（财政），须填写理由', { refuses: { 400: ['FIELD_REQUIRED'], 409: ['BUDGET_NOT_SUBMITTED'] } })
  @BodySchema(ReasonRequest)
  @Answers(BudgetCommandAnswer)
  returnDraft(@Input() input: CommandInput) {
    const command = { type: 'ReturnDraft' as const, actor: input.actor, reason: input.body.text('reason', { max: 2000 }) };
    return this.send(input, command);
  }

  @CommandRoute('POST', 'approve', '批复（财政）：冻结为版本 N（答复 approvedVersion 即 …/versions/{n} 的 n）', { refuses: { 409: ['BUDGET_NOT_SUBMITTED'] } })
  @BodyNone()
  @Answers(BudgetCommandAnswer)
  approve(@Input() input: CommandInput) {
    return this.send(input, { type: 'ApproveDraft', actor: input.actor });
  }
}
