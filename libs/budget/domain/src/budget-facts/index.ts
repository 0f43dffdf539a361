export {
  BUDGET_FACTS_FORMAT,
  parseBudgetFacts,
  type BudgetFactsDocument,
  type BudgetFactsError,
  type BudgetFactsErrorCode,
  type BudgetFactsUnit,
  type CatalogEntry,
  type ParseBudgetFactsResult,
} from './parse-budget-facts';
export { parseIndicatorTarget } from '../rules/indicator-target';
export { catalogNamesFromEntries } from './catalog-names';
