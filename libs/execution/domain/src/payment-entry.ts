import { Decimal, type Money } from '@budgetflow/budget-domain';
import type { PaymentTarget } from './approved-budget';
import { type ExecutionFieldProblem, problem } from './errors';
import { type IsoDate, isIsoDate } from './fiscal-calendar';

/** A payment as submitted (one JSON object or one CSV row), checked for form but not yet against the budget. */
export interface PaymentEntry {
  voucher: string;
  date: IsoDate;
  amount: Money;
  target: PaymentTarget;
  payee: string;
  note: string;
}

/** The fields of a payment, in CSV header order. */
export const PAYMENT_FIELDS = ['voucher', 'date', 'amount', 'basicLineId', 'projectCode', 'payee', 'note'] as const;

/** 1 万亿元: far above any county budget line, low enough to keep NUMERIC sums exact and readable. */
export const MAX_PAYMENT = new Decimal('1000000000000');
const VOUCHER = /^[0-9A-Za-z][0-9A-Za-z._/-]{0,63}$/;
const AMOUNT = /^\d{1,15}(\.\d+)?$/;
const NEGATIVE_AMOUNT = /^-\s*\d{1,15}(\.\d+)?$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

/**
 * Reads one submitted payment. `at` prefixes field paths (`rows[12].` in a bulk upload, `` for a single one).
 * Every problem of the row is reported, unknown fields included; money is a decimal string in 元 with at
 * most two decimals (CSV cells are strings anyway; in JSON a number is refused, it cannot carry cents exactly).
 */
export const readPaymentEntry = (raw: unknown, at = ''): { entry?: PaymentEntry; problems: ExecutionFieldProblem[] } => {
  const problems: ExecutionFieldProblem[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problems: [problem('FIELD_TYPE_INVALID', at.replace(/\.$/, ''), '每笔支出应为一个 JSON 对象')] };
  }
  const record = raw as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(PAYMENT_FIELDS as readonly string[]).includes(key)) problems.push(problem('FIELD_NOT_ALLOWED', `${at}${key}`, `不允许提交字段 ${key}`));
  }

  const voucher = text(record.voucher);
  if (!voucher || !VOUCHER.test(voucher)) problems.push(problem('VOUCHER_INVALID', `${at}voucher`));

  const date = text(record.date);
  if (!isIsoDate(date)) problems.push(problem('DATE_INVALID', `${at}date`));

  const amountText = text(record.amount);
  let amount: Money | undefined;
  if (typeof record.amount === 'number') problems.push(problem('AMOUNT_INVALID', `${at}amount`, '金额必须是字符串形式的十进制数（如 "1200.50"），不接受 JSON 数字'));
  else if (amountText !== undefined && NEGATIVE_AMOUNT.test(amountText)) problems.push(problem('AMOUNT_NOT_POSITIVE', `${at}amount`, '支出金额必须大于零；更正请冲销原凭证'));
  else if (amountText === undefined || !AMOUNT.test(amountText)) problems.push(problem('AMOUNT_INVALID', `${at}amount`));
  else {
    amount = new Decimal(amountText);
    if (amount.decimalPlaces() > 2) problems.push(problem('AMOUNT_TOO_PRECISE', `${at}amount`));
    else if (amount.lte(0)) problems.push(problem('AMOUNT_NOT_POSITIVE', `${at}amount`));
    else if (amount.gt(MAX_PAYMENT)) problems.push(problem('AMOUNT_TOO_LARGE', `${at}amount`));
  }

  const basicLineId = text(record.basicLineId) || undefined;
  const projectCode = text(record.projectCode) || undefined;
  if ((basicLineId === undefined) === (projectCode === undefined)) problems.push(problem('PAYMENT_TARGET_AMBIGUOUS', `${at}${basicLineId ? 'projectCode' : 'basicLineId'}`));
  for (const [key, value] of [['basicLineId', record.basicLineId], ['projectCode', record.projectCode]] as const) {
    if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > 64)) problems.push(problem('PAYMENT_TARGET_AMBIGUOUS', `${at}${key}`, `${key} 应为不超过64字的字符串`));
  }

  const payee = text(record.payee);
  if (!payee || payee.length > 200) problems.push(problem('FIELD_REQUIRED', `${at}payee`, '收款人必填，不超过200字'));
  const note = record.note === undefined || record.note === null ? '' : text(record.note);
  if (note === undefined || note.length > 500) problems.push(problem('FIELD_TYPE_INVALID', `${at}note`, '摘要应为不超过500字的字符串'));

  if (problems.length > 0) return { problems };
  return {
    entry: {
      voucher: voucher!,
      date: date!,
      amount: amount!,
      target: basicLineId ? { kind: 'basic', lineId: basicLineId } : { kind: 'project', projectCode: projectCode! },
      payee: payee!,
      note: note!,
    },
    problems,
  };
};
