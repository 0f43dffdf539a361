import type { BudgetCommandAnswer, BudgetImported } from '@budgetflow/contracts';

/**
 * An import's answer: the command answer with its event types counted (a 10,000-line import names
 * `BasicLineProposed` once with 10,000, not 10,000 times), and whether it wrote anything.
 */
export function importAnswer(answer: BudgetCommandAnswer): BudgetImported {
  const eventCounts: Record<string, number> = {};
  for (const type of answer.events) eventCounts[type] = (eventCounts[type] ?? 0) + 1;
  return { ...answer, events: Object.keys(eventCounts), eventCounts, imported: answer.events.length > 0 };
}
