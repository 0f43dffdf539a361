/** What this library uses of the budget domain, through the domain's public face. */
export type {
  ApprovedVersion,
  BudgetContent,
  BudgetYearClosed,
  PaidToDate,
  CatalogNames,
  FundSource,
  IncomeSource,
  OverallPerformance,
  PerformanceIndicator,
  PrintRounding,
  ProcurementItem,
  Project,
  UnitKind,
} from '@budgetflow/budget-domain';
export { costIndicatorMismatches, DEFAULT_PRINT_ROUNDING, PRINT_ROUNDINGS, Decimal, formatWan, formatWanCell, sum, THREE_PUBLIC_ITEM_CODES, unitKindOf, yuanToWan, type Money } from '@budgetflow/budget-domain';
