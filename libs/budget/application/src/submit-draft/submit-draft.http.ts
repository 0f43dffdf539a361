import { BudgetCommandAnswer } from '@budgetflow/contracts';
import { Answers, BodyNone, CommandRoute, type CommandInput, Input } from '@budgetflow/platform';
import { budgetAddressOf, BudgetCommandRoutes, BudgetController } from '../budget-commands/budget-commands';
import { submissionChecks } from './submission-checks';

/** 报送 (一上) — the department submits its draft to the finance bureau. */
@BudgetController('budget review')
export class SubmitDraftController extends BudgetCommandRoutes {
  @CommandRoute('POST', 'submit', '报送（一上）：收支平衡、不超控制数、勾稽检查无错误（警告不阻止）', { refuses: { 409: ['BUDGET_NOT_DRAFTING'], 422: ['BUDGET_UNBALANCED', 'CONTROL_NUMBER_EXCEEDED'] } })
  @BodyNone()
  @Answers(BudgetCommandAnswer)
  submit(@Input() input: CommandInput) {
    const address = budgetAddressOf(input);
    // The checks run on the very state the submit is decided on: no edit can slip in between.
    return this.send(input, { type: 'SubmitDraft', actor: input.actor }, { precondition: submissionChecks(input.actor, address.department) });
  }
}
