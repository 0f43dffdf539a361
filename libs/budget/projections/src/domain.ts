/** What this library uses of the budget domain, through the domain's public face. */
export type {
  BudgetContent,
  CatalogNames,
  FundSource,
  IncomeSource,
  PerformanceIndicator,
  Project,
  UnitKind,
} from '@budgetflow/budget-domain';
export { Decimal, formatWan, formatWanCell, sum, unitKindOf, yuanToWan, type Money } from '@budgetflow/budget-domain';
