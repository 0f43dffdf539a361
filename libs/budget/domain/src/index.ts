/** budget-domain: the pure decider of a department-year budget (部门预算) and what it is made of. */
export * from './content/budget-content';
export * from './money/money';

export * from './actor';
export * from './context';
export * from './errors';
export * from './state';
export * from './commands/budget-commands';
export * from './events/budget-events';
export * from './wire/money-wire';
export * from './wire/content-wire';

export { decide } from './decide/decide';
export { evolve, evolveAll, foldBudget, rebuild } from './evolve';
export { BUDGET_FOLDS_WEIGHT, budgetWeight } from './budget-weight';
export { decideAll } from './decide-all';
export { applyDraftChange, applyAdjustment } from './apply-draft-change';
export { changeSetCommands } from './decide/adjustments';

export { budgetTotals, type BudgetTotals } from './rules/totals';
export { requireBalanced, requireWithinControlNumbers } from './rules/balance';
export { carryOverDisagreement, carryOverSpending, requireCarryOverAgrees } from './rules/carry-over';
export { requireKnownUnit, unitCodesOf, unitKindOf } from './rules/units';
export { requireOwnDepartment } from './rules/access';
export { CATALOG_FIX_HINT } from './rules/classification-codes';
export { MAX_AMOUNT } from './rules/amounts';
export { parseIndicatorTarget } from './rules/indicator-target';
export { INDICATOR_LEVELS } from './rules/indicators';
export { parseCheckpointMonth, parseSpendingPlan, standardSpendingPlan } from './rules/spending-plan';
export { buildProject, proposalOf } from './rules/project';
export { PROJECT_CODE_PATTERN, isProjectCode, requireProjectCode } from './rules/project-code';

export { commandsFromBudgetContent, commandsFromBudgetFacts, type ImportIds } from './import/commands-from-budget-facts';
export { correctionCommands } from './import/import-budget';
export * from './warnings/draft-warnings';
export * from './diff/content-diff';
export * from './diff/round-diff';
export * from './budget-facts';
export * from './disclosure-settings/disclosure-settings';
export * from './next-year/year-closing';
export * from './project-library/project-library';
export * from './next-year/open-from-prior-year';
export * from './budget-settings/budget-year-settings';
export { inFourRounds, pendingReviewSteps } from './decide/submission';
export * from './year-end/change-kinds';
export * from './year-end/paid-to-date';
export { requireKindRules, requireSourcesUnspent, decreasedItems } from './year-end/change-rules';
