import Decimal from 'decimal.js';
import { PACES, monthEnd, monthsReached, pacedPayments } from './demo-execution';

describe("the demo year's payments", () => {
  const target = { amount: '350000.00', projectCode: 'P1', payee: '承办单位', note: '按进度支付' };

  it("pays, by the end of each month the clock has reached, exactly the pace's share of the amount", () => {
    const payments = pacedPayments(target, PACES.stalled, 2024, '2024-12-31', 'D504-P2');
    const paidBy = (date: string) => payments.filter((p) => p.date <= date).reduce((sum, p) => sum.plus(p.amount), new Decimal(0));
    expect(paidBy('2024-06-30').toFixed(2)).toBe('28000.00'); // 8%
    expect(paidBy('2024-10-31').toFixed(2)).toBe('157500.00'); // 45%
    expect(paidBy('2024-12-31').toFixed(2)).toBe('273000.00'); // 78%
    // No payment for months without progress; vouchers are unique and name the month.
    expect(payments.map((p) => p.voucher)).toEqual(['D504-P2-03', 'D504-P2-04', 'D504-P2-05', 'D504-P2-06', 'D504-P2-07', 'D504-P2-08', 'D504-P2-09', 'D504-P2-10', 'D504-P2-11', 'D504-P2-12']);
  });

  it('stops at the demo clock: a month counts once it has ended', () => {
    expect(monthsReached(2024, '2024-06-29')).toEqual([1, 2, 3, 4, 5]);
    expect(monthsReached(2024, '2024-06-30')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(monthsReached(2024, '2023-12-31')).toEqual([]);
    expect(pacedPayments(target, PACES.onPlan, 2024, '2024-03-31', 'X').map((p) => p.date)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthEnd(2023, 2)).toBe('2023-02-28');
  });

  it('pays the whole amount to the fen on the on-plan pace, whatever the rounding of the monthly shares', () => {
    const payments = pacedPayments({ ...target, amount: '1234.57' }, PACES.onPlan, 2024, '2025-01-01', 'Y');
    expect(payments.reduce((sum, p) => sum.plus(p.amount), new Decimal(0)).toFixed(2)).toBe('1234.57');
  });
});
