import type { BudgetContent } from './content/budget-content';
import type { Budget } from './state';

/** Items of one content: its lines, projects (each with its indicators and plan) and procurement. */
const contentWeight = (content: BudgetContent): number =>
  1 +
  content.income.length +
  content.basicExpenditureLines.length +
  content.procurement.length +
  content.projects.reduce((sum, project) => sum + 1 + project.indicators.length + project.lines.length, 0);

/**
 * How much a folded budget holds, in items (about half a kilobyte of heap each): the working content and every
 * distinct content it keeps (approved versions, round figures). What fold caches bound their size by, so that a
 * province of large budgets cannot fill the heap with states that a county of small ones would keep by the thousand.
 */
export const budgetWeight = (state: Budget): number => {
  const contents = new Set<BudgetContent>();
  if (state.content) contents.add(state.content);
  for (const version of state.versions) contents.add(version.content);
  for (const figures of state.rounds?.figures ?? []) if (figures.content) contents.add(figures.content);
  let weight = 1;
  for (const content of contents) weight += contentWeight(content);
  return weight;
};

/**
 * The bound of one cache of folded budgets, in `budgetWeight` items: about 25 MB of heap — a county's budgets all at
 * once, a province's most recently used.
 */
export const BUDGET_FOLDS_WEIGHT = 50_000;
