import type { ApprovedBudget } from '../approved-budget';
import type { ExecutionSettings } from '../events/execution-events';
import type { IsoDate } from '../fiscal-calendar';

/** Everything `decide` needs besides the ledger: the budget's latest approved version, finance's settings, today. */
export interface ExecutionContext {
  department: string;
  fiscalYear: number;
  /** The latest approved version; absent while the budget is not approved. */
  budget?: ApprovedBudget;
  settings: ExecutionSettings;
  /** Today in Asia/Shanghai (from the injected clock). */
  today: IsoDate;
}

