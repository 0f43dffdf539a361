import { parse } from 'csv-parse/sync';
import {
  type ExecutionFieldProblem,
  ExecutionError,
  type LedgerPayment,
  PAYMENT_FIELDS,
  type PaymentEntry,
  type PaymentRecorded,
  problem,
  readPaymentEntry,
} from '@budgetflow/execution-domain';
import type { PaymentView } from '@budgetflow/contracts';

/** More rows than this in one request is refused (413): a year of a county department fits many times over. */
export const MAX_BULK_ROWS = 20_000;

/** A payment on the wire: amounts as decimal strings in 元, the target as `basicLineId` or `projectCode`. */
export const paymentToWire = (payment: LedgerPayment | (PaymentRecorded['data'] & { reversal?: LedgerPayment['reversal'] })): PaymentView => ({
  voucher: payment.voucher,
  date: payment.date,
  amount: typeof payment.amount === 'string' ? payment.amount : payment.amount.toFixed(2),
  ...(payment.target.kind === 'basic' ? { basicLineId: payment.target.lineId } : { projectCode: payment.target.projectCode }),
  payee: payment.payee,
  note: payment.note,
  budgetVersion: payment.budgetVersion,
  ...(payment.overspend ? { overspend: payment.overspend } : {}),
  ...(payment.reversal ? { reversal: payment.reversal } : {}),
});

/** Reads every row; all problems of all rows together, or the entries. */
export const readPaymentRows = (rows: readonly unknown[], at: (index: number) => string): PaymentEntry[] => {
  if (rows.length === 0) throw new ExecutionError([problem('BULK_EMPTY', 'rows')]);
  if (rows.length > MAX_BULK_ROWS) throw new ExecutionError([problem('BULK_TOO_LARGE', 'rows', `单次最多 ${MAX_BULK_ROWS} 笔，收到 ${rows.length} 笔`)]);
  const problems: ExecutionFieldProblem[] = [];
  const entries: PaymentEntry[] = [];
  rows.forEach((row, index) => {
    const read = readPaymentEntry(row, at(index));
    problems.push(...read.problems);
    if (read.entry) entries.push(read.entry);
  });
  if (problems.length > 0) throw new ExecutionError(problems);
  return entries;
};

/**
 * A `text/csv` body: a header row naming columns among `voucher,date,amount,basicLineId,projectCode,payee,note`
 * (UTF-8, a BOM is allowed), then one payment per row. Empty cells are absent values.
 */
export const csvPaymentRows = (body: unknown): Record<string, string>[] => {
  if (typeof body !== 'string') throw new ExecutionError([problem('CSV_INVALID', 'body', '请求体应为 CSV 文本')]);
  let records: string[][];
  try {
    records = parse(body, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (error) {
    throw new ExecutionError([problem('CSV_INVALID', 'body', `CSV 无法解析：${(error as Error).message}`)]);
  }
  const [header, ...rows] = records;
  if (!header) throw new ExecutionError([problem('BULK_EMPTY', 'rows')]);
  const unknown = header.filter((column) => !(PAYMENT_FIELDS as readonly string[]).includes(column));
  const missing = ['voucher', 'date', 'amount', 'payee'].filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0 || new Set(header).size !== header.length) {
    throw new ExecutionError([
      problem(
        'CSV_INVALID',
        'header',
        `表头应取自 ${PAYMENT_FIELDS.join(',')}，且含 voucher,date,amount,payee${unknown.length ? `；未知列：${unknown.join(',')}` : ''}${missing.length ? `；缺少列：${missing.join(',')}` : ''}`,
      ),
    ]);
  }
  return rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i]]).filter(([, value]) => value !== '')));
};
