import { type CsvRow, csvRows } from '@budgetflow/platform';
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

/** A bulk upload read from CSV: the rows as JSON-like records, and the file line each came from. */
export interface CsvPayments {
  rows: Record<string, string>[];
  /** `lines[i]` is the line of the file `rows[i]` starts on (header line 1, so the first payment is line 2). */
  lines: number[];
}

/**
 * A `text/csv` body: a header row naming columns among `voucher,date,amount,basicLineId,projectCode,payee,note`
 * (UTF-8, a BOM is allowed), then one payment per row. Empty cells are absent values. A row with more or fewer
 * cells than the header is reported at its line, every such row at once.
 */
export const csvPaymentRows = (body: unknown): CsvPayments => {
  if (typeof body !== 'string') throw new ExecutionError([problem('CSV_INVALID', 'body', '请求体应为 CSV 文本')]);
  let records: CsvRow[];
  try {
    records = csvRows(body);
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ExecutionError([
      { ...problem('CSV_INVALID', 'body', `CSV 无法解析${line ? `（第 ${line} 行附近）` : ''}：引号是否成对、分隔符是否为英文逗号？（${(error as Error).message}）`), ...(line ? { line } : {}) },
    ]);
  }
  const [first, ...data] = records;
  if (!first) throw new ExecutionError([problem('BULK_EMPTY', 'rows')]);
  const header = first.cells;
  const unknown = header.filter((column) => !(PAYMENT_FIELDS as readonly string[]).includes(column));
  const missing = ['voucher', 'date', 'amount', 'payee'].filter((column) => !header.includes(column));
  if (unknown.length > 0 || missing.length > 0 || new Set(header).size !== header.length) {
    throw new ExecutionError([
      {
        ...problem(
          'CSV_INVALID',
          'header',
          `第 ${first.line} 行表头应取自 ${PAYMENT_FIELDS.join(',')}，且含 voucher,date,amount,payee${unknown.length ? `；未知列：${unknown.join(',')}` : ''}${missing.length ? `；缺少列：${missing.join(',')}` : ''}`,
        ),
        line: first.line,
      },
    ]);
  }
  const widths = data
    .filter((record) => record.cells.length !== header.length)
    .map((record) => ({ ...problem('CSV_INVALID', `line[${record.line}]`, `第 ${record.line} 行有 ${record.cells.length} 列，表头有 ${header.length} 列（含逗号的内容请加英文双引号）`), line: record.line }));
  if (widths.length > 0) throw new ExecutionError(widths);
  return {
    rows: data.map((record) => Object.fromEntries(header.map((column, i) => [column, record.cells[i]]).filter(([, value]) => value !== ''))),
    lines: data.map((record) => record.line),
  };
};

/**
 * The refusal of a CSV upload in the file's terms: `rows[3].amount` (the fourth payment) becomes `line[5].amount`, the
 * line the clerk sees it on, with the line and column beside and at the head of the Chinese message.
 */
export const onFileLines = (error: ExecutionError, lines: readonly number[]): ExecutionError =>
  new ExecutionError(
    error.problems.map((entry) => {
      const match = /^rows\[(\d+)\](?:\.(.+))?$/.exec(entry.field);
      const line = match ? lines[Number(match[1])] : undefined;
      if (!match || line === undefined) return entry;
      const column = match[2];
      return { ...entry, field: `line[${line}]${column ? `.${column}` : ''}`, message: `第 ${line} 行${column ? ` ${column}` : ''}：${entry.message}`, line, ...(column ? { column } : {}) };
    }),
    error.details,
  );
