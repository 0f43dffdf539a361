import { ApprovalRequest, BudgetCommandAnswer, ReasonRequest, ReviewStepRequest } from '@budgetflow/contracts';
import { Answers, BodySchema, CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
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

  @CommandRoute('POST', 'review-steps', '审核环节（财政）：{ step: 业务股室 | 预算股 …, note? }，按本年度设置的顺序')
  @BodySchema(ReviewStepRequest)
  @Answers(BudgetCommandAnswer)
  passReviewStep(@Input() input: CommandInput) {
    const step = input.body.text('step', { max: 50 });
    const note = input.body.optionalText('note', 2000);
    return this.send(input, { type: 'PassReviewStep', actor: input.actor, step, ...(note !== undefined ? { note } : {}) }, note ? { reason: note } : {});
  }

  @CommandRoute('POST', 'approve', '批复（财政）：冻结为版本 N（答复 approvedVersion 即 …/versions/{n} 的 n）；一上一下二上二下的年度为二下，须填 documentNumber（文号）与 documentDate', {
    refuses: { 409: ['BUDGET_NOT_SUBMITTED'] },
  })
  @BodySchema(ApprovalRequest, { required: false })
  @Answers(BudgetCommandAnswer)
  approve(@Input() input: CommandInput) {
    const documentNumber = input.body.optionalText('documentNumber', 100);
    const documentDate = input.body.optionalText('documentDate', 20);
    return this.send(input, {
      type: 'ApproveDraft',
      actor: input.actor,
      ...(documentNumber !== undefined ? { documentNumber } : {}),
      ...(documentDate !== undefined ? { documentDate } : {}),
    });
  }
}
