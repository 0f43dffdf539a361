import type { ReversePayment } from '../commands/execution-commands';
import { ExecutionError, refuse } from '../errors';
import type { ExecutionEvent } from '../events/execution-events';
import { isIsoDate } from '../fiscal-calendar';
import type { ExecutionLedger } from '../ledger';
import { requireOwnDepartment, requireYearOpen } from '../rules/access';
import { dateProblem } from '../rules/business-date';
import type { ExecutionContext } from './execution-context';

/** 冲销 — a reversing entry; the same reversal again is nothing new. */
export const reversePayment = (command: ReversePayment, ledger: ExecutionLedger, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  requireYearOpen(ctx);
  const payment = ledger.payments.get(command.voucher) ?? refuse('PAYMENT_NOT_FOUND', 'voucher', `凭证 ${command.voucher} 不存在`);
  const reason = command.reason.trim();
  if (!reason) refuse('REASON_REQUIRED', 'reason');
  if (!isIsoDate(command.date)) refuse('DATE_INVALID', 'date');
  if (payment.reversal) {
    if (payment.reversal.date === command.date && payment.reversal.reason === reason) return [];
    refuse('PAYMENT_ALREADY_REVERSED', 'voucher', `凭证 ${command.voucher} 已于 ${payment.reversal.date} 冲销`);
  }
  const dated = dateProblem(command.date, 'date', ctx);
  if (dated) throw new ExecutionError([dated]);
  if (command.date < payment.date) refuse('REVERSAL_BEFORE_PAYMENT', 'date', `冲销日期 ${command.date} 早于原支出日期 ${payment.date}`);
  return [{ type: 'PaymentReversed', data: { voucher: payment.voucher, date: command.date, amount: payment.amount.toFixed(2), target: payment.target, reason } }];
};

