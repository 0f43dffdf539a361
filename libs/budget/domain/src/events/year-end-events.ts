import type { MoneyWire } from '../wire/money-wire';
import type { DomainEvent } from './event';

/** 结转 — unspent money of a project carried into the next year, by finance's decision. */
export interface CarriedOverWire {
  projectCode: string;
  amount: MoneyWire;
  reason?: string;
}

/** 结余 — unspent money returned (not carried over): of a basic line or (the rest of) a project. */
export type ReturnedWire =
  | { kind: 'basicLine'; id: string; amount: MoneyWire }
  | { kind: 'project'; id: string; projectCode: string; amount: MoneyWire };

/** Budget (final approved version), paid and unspent of one line or project, fixed at the close. */
export interface ClosedFigureWire {
  budget: MoneyWire;
  paid: MoneyWire;
  /** budget − paid (negative when overspent under the warn-only setting). */
  unspent: MoneyWire;
}

export interface YearCloseFiguresWire {
  basicLines: Array<ClosedFigureWire & { lineId: string; functionalCode: string; economicCode: string }>;
  projects: Array<ClosedFigureWire & { projectCode: string; name: string; carriedOver: MoneyWire; returned: MoneyWire }>;
  totals: ClosedFigureWire & { carriedOver: MoneyWire; returned: MoneyWire };
}

/**
 * 年终结账 — finance closes the department's year: every line's and project's budget, paid and unspent are fixed;
 * `carryOver` is what goes into next year (read by the next year's opening: `data.carryOver[].projectCode/amount`),
 * `returned` is every other unspent amount (结余). After it, no payment dated in the year and no change is accepted.
 */
export type BudgetYearClosed = DomainEvent<
  'BudgetYearClosed',
  {
    department: string;
    fiscalYear: number;
    /** The approved version the year closed on (the final budget). */
    version: number;
    carryOver: CarriedOverWire[];
    returned: ReturnedWire[];
    figures: YearCloseFiguresWire;
    closedBy: string;
    closedAt: string;
  }
>;

export type YearEndEvent = BudgetYearClosed;
