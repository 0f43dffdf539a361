import Decimal from 'decimal.js';
import type { PaymentRequest } from '@budgetflow/contracts';

/**
 * 演示县的执行 — what a living demo brings up to the demo clock: the payments and indicator reports of the
 * published departments, each project on a pace a visitor can follow on the supervisor dashboard (on plan =
 * green, a little behind = yellow, stalled by a late tender = red, with the department's own explanation).
 */

/** Cumulative percent of the amount paid by the end of each month (January … December). */
export type Pace = readonly number[];

export const PACES = {
  /** 按计划: ahead of or at the 25/50/75/100 plan at every checkpoint. */
  onPlan: [8, 16, 25, 33, 42, 50, 56, 62, 69, 75, 88, 100],
  /** 略慢: 10–20 points behind at 3月底, 6月底 and 10月底 (yellow), close to plan by 12月底. */
  behind: [3, 7, 12, 18, 26, 35, 42, 50, 56, 62, 76, 92],
  /** 停滞: the tender slipped to August; far behind (red) all year, 78% by year end. */
  stalled: [0, 0, 2, 4, 6, 8, 10, 12, 30, 45, 60, 78],
} as const satisfies Record<string, Pace>;

export type PaceName = keyof typeof PACES;

export interface DemoIndicatorReport {
  indicator: string;
  /** Month (1–12) at whose end the department reports. */
  month: number;
  actualToDate: string;
  forecast: string;
  likelihood: '确定能' | '有可能' | '完全不可能';
  deviationCause?: '经费' | '制度' | '人员' | '硬件' | '其他';
  deviationNote?: string;
}

/** A payment as the bulk-payments route takes it (the contract's request shape). */
export type DemoPayment = PaymentRequest;

const pad = (n: number): string => String(n).padStart(2, '0');

/** The last day of `month` in `year` (ISO date). */
export const monthEnd = (year: number, month: number): string => `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;

/** Months whose end the demo clock has reached (the clock's own month only once it has ended). */
export const monthsReached = (year: number, today: string): number[] =>
  Array.from({ length: 12 }, (_, i) => i + 1).filter((month) => monthEnd(year, month) <= today);

/**
 * One payment per month-end the clock has reached: the month's share of `amount` under `pace`, to the fen, so
 * the cumulative paid amount at the end of month m is exactly `pace[m]`% of the amount (rounded half up).
 */
export const pacedPayments = (
  target: { amount: string; basicLineId?: string; projectCode?: string; payee: string; note: string },
  pace: Pace,
  year: number,
  today: string,
  voucherPrefix: string,
): DemoPayment[] => {
  const amount = new Decimal(target.amount);
  const paidBy = (month: number): Decimal => (month === 0 ? new Decimal(0) : amount.times(pace[month - 1]).dividedBy(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP));
  const payments: DemoPayment[] = [];
  for (const month of monthsReached(year, today)) {
    const share = paidBy(month).minus(paidBy(month - 1));
    if (share.lte(0)) continue;
    payments.push({
      voucher: `${voucherPrefix}-${pad(month)}`,
      date: monthEnd(year, month),
      amount: share.toFixed(2),
      ...(target.basicLineId ? { basicLineId: target.basicLineId } : {}),
      ...(target.projectCode ? { projectCode: target.projectCode } : {}),
      payee: target.payee,
      note: target.note,
    });
  }
  return payments;
};
