import type { ApprovedBudget } from '../approved-budget';
import type { ExecutionSettings } from '../events/execution-events';
import type { IsoDate } from '../fiscal-calendar';

/** Everything `decide` needs besides the ledger: the budget's latest approved version, finance's settings, today. */
export interface ExecutionContext {
  department: string;
  fiscalYear: number;
  /** The latest approved version; absent while the budget is not approved. */
  budget?: ApprovedBudget;
  /** Every approved version with its effective date: a payment is checked against the one in force on its date. */
  versions?: readonly ApprovedBudget[];
  /** Set once finance has closed the year (年终结账): nothing dated in the year is recorded any more. */
  closedAt?: string;
  settings: ExecutionSettings;
  /** Today in Asia/Shanghai (from the injected clock). */
  today: IsoDate;
}

