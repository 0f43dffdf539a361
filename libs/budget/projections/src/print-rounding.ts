import { printCell, type DisclosureTable, type ExactTable } from './disclosure-tables';
import { Decimal, type Money, type PrintRounding } from './domain';
export { DEFAULT_PRINT_ROUNDING, PRINT_ROUNDINGS, type PrintRounding } from './domain';
import type { DisclosureTableId } from './table-layouts';

/** A row relation of a classified table: the `total` column is the sum of the `parts` columns. */
interface ColumnSum {
  total: number;
  parts: number[];
}

/**
 * The tables whose rows follow the classification (合计, 类, 款, 项) and whose columns split a total. Applied in
 * order: T2's 合计 is 本年收入小计 + 上年结转, then 小计 is split into its income columns. T1, T4 (收支总表) and T9 keep
 * each cell rounded on its own.
 */
const COLUMN_SUMS: Partial<Record<DisclosureTableId, ColumnSum[]>> = {
  T2: [
    { total: 3, parts: [4, 12] },
    { total: 4, parts: [5, 6, 7, 8, 9, 10, 11] },
  ],
  T3: [{ total: 3, parts: [4, 5, 6, 7, 8] }],
  T5: [{ total: 3, parts: [4, 5] }],
  T6: [{ total: 3, parts: [4, 5] }],
  T7: [{ total: 3, parts: [4, 5] }],
  T8: [{ total: 3, parts: [4, 5] }],
};

const CODE_COLUMN = 1;
const YUAN_PER_PRINTED_UNIT = 100; // 0.01 万元

/** Exact 元 → whole printed units of 0.01 万元, half-up (the rounding of one cell on its own). */
const roundedUnits = (yuan: Money): Decimal => yuan.dividedBy(YUAN_PER_PRINTED_UNIT).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);

/**
 * Parts rounded on their own, then the rounding remainder against `target` (the total as printed) given to the
 * part with the largest exact amount (the first of equals): the documented 尾差 rule. Zero parts stay blank.
 */
const distribute = (target: Decimal, exactParts: Money[]): Decimal[] => {
  const printed = exactParts.map(roundedUnits);
  const remainder = printed.reduce((sum, part) => sum.minus(part), target);
  if (remainder.isZero()) return printed;
  let largest = -1;
  exactParts.forEach((part, i) => {
    if (!part.isZero() && (largest < 0 || part.abs().greaterThan(exactParts[largest].abs()))) largest = i;
  });
  if (largest >= 0) printed[largest] = printed[largest].plus(remainder);
  return printed;
};

const amountAt = (row: ExactTable['rows'][number], column: number): Money => {
  const cell = row[column];
  return typeof cell === 'string' ? new Decimal(0) : cell;
};

/**
 * 尾差调整 of one classified table, top-down: the 合计 row's total is its exact amount rounded; the totals of the
 * rows under a row (类 under 合计, 款 under 类, 项 under 款) are rounded and the largest absorbs the remainder so they
 * add up to their parent's printed total; within each row the part columns are rounded and the largest part absorbs
 * the remainder so they add up to the row's printed total. So every printed row adds up across, and every printed
 * 合计 column adds up down; a part column can still be 0.01 off its parent where both cannot hold at once.
 */
export const printWithTailDifference = (exact: ExactTable): DisclosureTable => {
  const sums = COLUMN_SUMS[exact.id];
  const totalRow = exact.rows.findIndex((row) => row[2] === '合计');
  if (!sums || totalRow < 0) return { id: exact.id, title: exact.title, rows: exact.rows.map((row) => row.map(printCell)) };

  const codeOf = (r: number) => String(exact.rows[r][CODE_COLUMN] ?? '');
  const parentOf = new Map<number, number>();
  exact.rows.forEach((_, r) => {
    if (r === totalRow || codeOf(r) === '') return;
    let parent = totalRow;
    for (let p = r - 1; p >= 0; p--) {
      const code = codeOf(p);
      if (code !== '' && codeOf(r).startsWith(code) && code.length < codeOf(r).length) {
        parent = p;
        break;
      }
    }
    parentOf.set(r, parent);
  });
  const childrenOf = (parent: number) => [...parentOf.entries()].filter(([, p]) => p === parent).map(([child]) => child);

  const printed = new Map<string, Decimal>();
  const at = (r: number, c: number) => `${r},${c}`;
  const outerTotal = sums[0].total;

  const printRow = (r: number, total: Decimal) => {
    printed.set(at(r, outerTotal), total);
    for (const sum of sums) {
      const target = printed.get(at(r, sum.total)) ?? roundedUnits(amountAt(exact.rows[r], sum.total));
      distribute(target, sum.parts.map((c) => amountAt(exact.rows[r], c))).forEach((units, i) => printed.set(at(r, sum.parts[i]), units));
    }
    const children = childrenOf(r);
    const childTotals = distribute(total, children.map((child) => amountAt(exact.rows[child], outerTotal)));
    children.forEach((child, i) => printRow(child, childTotals[i]));
  };
  printRow(totalRow, roundedUnits(amountAt(exact.rows[totalRow], outerTotal)));

  const rows = exact.rows.map((row, r) =>
    row.map((cell, c) => {
      if (typeof cell === 'string') return cell;
      const units = printed.get(at(r, c));
      if (units === undefined) return printCell(cell);
      // As cell by cell: a blank is no money; money that rounds to nothing still prints 0.00.
      return units.isZero() && cell.isZero() ? '' : units.dividedBy(100).toFixed(2);
    }),
  );
  return { id: exact.id, title: exact.title, rows };
};

/** The printed tables under the year's rounding setting. */
export const printTables = (exactTables: readonly ExactTable[], rounding: PrintRounding): DisclosureTable[] =>
  exactTables.map((exact) => (rounding === 'tail-difference' ? printWithTailDifference(exact) : { id: exact.id, title: exact.title, rows: exact.rows.map((row) => row.map(printCell)) }));
