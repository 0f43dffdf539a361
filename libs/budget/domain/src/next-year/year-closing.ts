import { Decimal, parseYuan, type Money } from '../money/money';

/**
 * 年终结转 as year-end close recorded it: finance closes year N with a `BudgetYearClosed` event on the budget
 * stream `budget-{dept}-{year}`, data `{ carryOver: [{ projectCode, amount, reason? }], returned: [...], closedBy,
 * closedAt }` (amounts decimal strings in 元). That event belongs to the year-end context; this side reads it by its
 * type string and data shape only, defensively: entries it cannot read are reported, not guessed.
 */
export const YEAR_CLOSED_EVENT_TYPE = 'BudgetYearClosed';

/** One project's money carried from year N into year N+1. */
export interface CarriedProjectMoney {
  projectCode: string;
  amount: Money;
  reason?: string;
}

export interface YearClosing {
  /** Per project, summed when a project is named more than once; amounts above zero only. */
  carryOver: CarriedProjectMoney[];
  closedBy?: string;
  closedAt?: string;
  /** Entries of `carryOver` that could not be read (index and why), for the clerk to look at. */
  unreadable: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const amountOf = (value: unknown): Money | null => {
  if (typeof value === 'string') return parseYuan(value.trim());
  return null;
};

/**
 * The year-end closing of year N read from its stream's events: the last `BudgetYearClosed` counts (a close done
 * again replaces the earlier one); `undefined` when the year was not closed. Pure: events in, figures out.
 */
export const readYearClosing = (events: readonly { type: string; data: unknown }[]): YearClosing | undefined => {
  const closed = [...events].reverse().find((event) => event.type === YEAR_CLOSED_EVENT_TYPE);
  if (!closed) return undefined;
  const data = isObject(closed.data) ? closed.data : {};
  const entries = Array.isArray(data.carryOver) ? data.carryOver : [];
  const byCode = new Map<string, CarriedProjectMoney>();
  const unreadable: string[] = [];
  entries.forEach((entry: unknown, index) => {
    const code = isObject(entry) && typeof entry.projectCode === 'string' ? entry.projectCode.trim() : '';
    const amount = isObject(entry) ? amountOf(entry.amount) : null;
    if (!code || amount === null || amount.isNegative()) {
      unreadable.push(`carryOver[${index}]`);
      return;
    }
    if (amount.isZero()) return;
    const reason = isObject(entry) && typeof entry.reason === 'string' && entry.reason.trim() ? entry.reason.trim() : undefined;
    const earlier = byCode.get(code);
    byCode.set(code, {
      projectCode: code,
      amount: (earlier?.amount ?? new Decimal(0)).plus(amount),
      ...((reason ?? earlier?.reason) !== undefined ? { reason: reason ?? earlier?.reason } : {}),
    });
  });
  return {
    carryOver: [...byCode.values()],
    ...(typeof data.closedBy === 'string' ? { closedBy: data.closedBy } : {}),
    ...(typeof data.closedAt === 'string' ? { closedAt: data.closedAt } : {}),
    unreadable,
  };
};
