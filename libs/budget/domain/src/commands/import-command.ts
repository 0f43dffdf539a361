import type { BudgetContent } from '../content/budget-content';
import type { Command } from './draft-commands';

/**
 * 导入 — a whole budget (a parsed budget-facts/1 document) made the draft's content. Into an empty stream it opens
 * the draft and proposes everything; into an existing draft it applies the difference as the ordinary commands a
 * department would issue (lines withdrawn, revised, added; projects withdrawn, adjusted, added), so the history
 * shows what a corrected document changed. The same document again changes nothing.
 */
export interface ImportBudget extends Command<'ImportBudget'> {
  content: BudgetContent;
}
