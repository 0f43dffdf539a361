import type { Money, PaidToDate } from '@budgetflow/budget-domain';
import type { IndicatorReportInput } from '@budgetflow/budget-projections';

/** 绩效指标执行情况 as reported during the year (the latest report of one indicator): what the final accounts read. */
export type IndicatorActual = IndicatorReportInput;

/** What the execution context recorded for a department-year, as the budget context needs it (close, final accounts, 调剂). */
export interface ExecutionActualsOfYear {
  /** Net payments per line and project, all dates of the year. */
  paid: PaidToDate;
  /** Sum of every payment less every reversal: what the final accounts' actual must equal to the fen. */
  paidTotal: Money;
  /** Every indicator report of the year, in the order recorded. */
  indicatorReports: IndicatorActual[];
}

/**
 * The port the budget context reads execution's figures through (consistent with the execution streams, not a read
 * model): implemented in the context map, wired by the apps. Without it nothing counts as paid.
 */
export interface ExecutionActuals {
  ofYear(department: string, fiscalYear: number): Promise<ExecutionActualsOfYear>;
}
export const EXECUTION_ACTUALS = Symbol('EXECUTION_ACTUALS');
