import Decimal from 'decimal.js';
import type { ExactCell, ExactTable } from './disclosure-tables';
import { printTables, printWithTailDifference } from './print-rounding';

/** 万元 → exact 元. */
const wan = (text: string) => new Decimal(text).times(10000);
const zero = new Decimal(0);
const amounts = (...cells: string[]): ExactCell[] => cells.map((cell) => (cell === '' ? zero : wan(cell)));
const printedAmounts = (table: { rows: string[][] }, from: number) => table.rows.map((row) => row.slice(from));

describe('尾差调整 (printWithTailDifference)', () => {
  /** Three 项 of 0.334 万元 each: rounded on their own 0.33 × 3 = 0.99 against a 款 of 1.00. */
  const t3: ExactTable = {
    id: 'T3',
    title: '部门预算支出总表',
    rows: [
      ['1', '', '合计', ...amounts('1.002', '0.668', '0.334', '', '', '')],
      ['2', '201', '一般公共服务支出', ...amounts('1.002', '0.668', '0.334', '', '', '')],
      ['3', '20101', '人大事务', ...amounts('1.002', '0.668', '0.334', '', '', '')],
      ['4', '2010101', '行政运行', ...amounts('0.334', '0.334', '', '', '', '')],
      ['5', '2010102', '一般行政管理事务', ...amounts('0.334', '0.334', '', '', '', '')],
      ['6', '2010103', '机关服务', ...amounts('0.334', '', '0.334', '', '', '')],
    ],
  };

  /** 合计, 基本 and 项目 of each row of T3 printed with each cell on its own. */
  const t3EachCell = [
    ['1.00', '0.67', '0.33'],
    ['1.00', '0.67', '0.33'],
    ['1.00', '0.67', '0.33'],
    ['0.33', '0.33', ''],
    ['0.33', '0.33', ''],
    ['0.33', '', '0.33'],
  ];
  const firstThreeAmounts = (printed: Parameters<typeof printedAmounts>[0]) => printedAmounts(printed, 3).map((row) => row.slice(0, 3));

  it('each cell on its own (the default) leaves the 款 0.01 above its printed 项', () => {
    const [printed] = printTables([t3], 'each-cell');
    expect(firstThreeAmounts(printed)).toEqual(t3EachCell);
  });

  it('gives the remainder to the first of the largest 项, so the rows add up down the columns and across', () => {
    // Only 2010101 changes: 0.34 in 合计 and 基本, so that 0.34 + 0.33 + 0.33 = 1.00.
    expect(firstThreeAmounts(printWithTailDifference(t3))).toEqual([...t3EachCell.slice(0, 3), ['0.34', '0.34', ''], ...t3EachCell.slice(4)]);
  });

  it("splits T2's 合计 into 小计 + 上年结转 first, then 小计 into its income columns", () => {
    const row = amounts('13.012', '12.008', '10.004', '', '2.004', '', '', '', '', '1.004');
    const t2: ExactTable = {
      id: 'T2',
      title: '部门预算收入总表',
      rows: [
        ['1', '', '合计', ...row],
        ['2', '201', '一般公共服务支出', ...row],
        ['3', '20101', '人大事务', ...row],
        ['4', '2010101', '行政运行', ...row],
      ],
    };
    const eachCell = ['13.01', '12.01', '10.00', '', '2.00', '', '', '', '', '1.00'];
    const tail = ['13.01', '12.01', '10.01', '', '2.00', '', '', '', '', '1.00'];
    expect(printedAmounts(printTables([t2], 'each-cell')[0], 3)).toEqual([eachCell, eachCell, eachCell, eachCell]);
    expect(printedAmounts(printWithTailDifference(t2), 3)).toEqual([tail, tail, tail, tail]);
  });

  it('leaves the 收支总表 rounded cell by cell (money that rounds to nothing prints 0.00)', () => {
    const t1: ExactTable = { id: 'T1', title: '部门预算收支总表', rows: [['1', '一、一般公共预算拨款收入', wan('0.005'), '一、一般公共服务支出', wan('0.004')]] };
    expect(printWithTailDifference(t1).rows).toEqual([['1', '一、一般公共预算拨款收入', '0.01', '一、一般公共服务支出', '0.00']]);
  });
});
