/**
 * The entry workbook (预算录入工作簿) a department fills in Excel: which sheets, which columns, which drop-down list
 * each column offers. One description read by both the writer and the reader, so a column cannot be written under
 * one header and read under another.
 */

/** The drop-down lists of the hidden 代码表 sheet, one column each. */
export type ListName = 'functional' | 'economic' | 'income' | 'fund' | 'units' | 'yesNo' | 'level1' | 'level2' | 'checkpoint' | 'unitKind';

/** How a cell is read: text as typed, an amount in 元, a classification code (the leading digits of `2014001 行政运行`), 是/否, a number. */
export type CellKind = 'text' | 'amount' | 'code' | 'unit' | 'yesNo' | 'number';

export interface ColumnSpec {
  key: string;
  header: string;
  width: number;
  kind: CellKind;
  list?: ListName;
}

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
}

const col = (key: string, header: string, width: number, kind: CellKind = 'text', list?: ListName): ColumnSpec => ({ key, header, width, kind, ...(list ? { list } : {}) });

/** Columns several sheets share, under the same header and list wherever they stand. */
const FUNCTIONAL_CODE = col('functionalCode', '支出功能分类科目', 34, 'code', 'functional');
const ECONOMIC_CODE = col('economicCode', '部门预算支出经济分类科目', 34, 'code', 'economic');
const FUND_SOURCE = col('fundSource', '资金来源', 22, 'text', 'fund');
const AMOUNT = col('amount', '金额（元）', 18, 'amount');
const FROM_CARRY_OVER = col('fromCarryOver', '上年结转', 10, 'yesNo', 'yesNo');
const UNIT = col('unit', '所属单位', 24, 'unit', 'units');

/** A sheet of rows that belong to a project of the 项目 sheet: its code comes first. */
const projectRowsSheet = (name: string, columns: readonly ColumnSpec[]): SheetSpec => ({ name, columns: [col('project', '项目编码', 26), ...columns] });

export const INCOME_SHEET: SheetSpec = {
  name: '收入',
  columns: [col('source', '收入来源', 28, 'text', 'income'), AMOUNT],
};

export const BASIC_SHEET: SheetSpec = {
  name: '基本支出',
  columns: [FUNCTIONAL_CODE, ECONOMIC_CODE, FUND_SOURCE, AMOUNT, FROM_CARRY_OVER, UNIT],
};

export const PROJECT_SHEET: SheetSpec = {
  name: '项目',
  columns: [
    col('code', '项目编码', 26),
    col('name', '项目名称', 28),
    FUNCTIONAL_CODE,
    FUND_SOURCE,
    col('amount', '项目金额（元）', 18, 'amount'),
    col('fiscalFunds', '财政资金（元）', 18, 'amount'),
    col('otherFunds', '其他资金（元）', 18, 'amount'),
    FROM_CARRY_OVER,
    UNIT,
    col('purpose', '项目概述', 40),
    col('goal', '绩效目标', 40),
  ],
};

export const PROJECT_LINES_SHEET = projectRowsSheet('项目支出明细', [FUNCTIONAL_CODE, ECONOMIC_CODE, FUND_SOURCE, AMOUNT, FROM_CARRY_OVER]);

export const INDICATOR_SHEET = projectRowsSheet('绩效指标', [
  col('level1', '一级指标', 14, 'text', 'level1'),
  col('level2', '二级指标', 18, 'text', 'level2'),
  col('name', '三级指标', 28),
  col('description', '指标解释', 36),
  col('target', '指标值', 16),
  col('basis', '指标值确定依据', 28),
]);

export const PLAN_SHEET = projectRowsSheet('用款计划', [col('checkpoint', '时间节点', 12, 'text', 'checkpoint'), col('cumulativePercent', '累计支出比例（%）', 18, 'number')]);

export const PROCUREMENT_SHEET: SheetSpec = {
  name: '政府采购',
  columns: [col('item', '采购项目', 30), col('category', '政府采购品目', 20), AMOUNT, FUND_SOURCE, FROM_CARRY_OVER, col('project', '所属项目编码', 26)],
};

/** The data sheets, in workbook order (after 说明). */
export const DATA_SHEETS: readonly SheetSpec[] = [INCOME_SHEET, BASIC_SHEET, PROJECT_SHEET, PROJECT_LINES_SHEET, INDICATOR_SHEET, PLAN_SHEET, PROCUREMENT_SHEET];

export const ABOUT_SHEET = '说明';
export const LISTS_SHEET = '代码表';

/** The 说明 sheet's fields: label in column A, value in column B, from row 3 on (rows 1–2 are the title). */
export const ABOUT_FIELDS = [
  { key: 'code', label: '部门编码', kind: 'text' },
  { key: 'fiscalYear', label: '预算年度', kind: 'number' },
  { key: 'name', label: '部门名称', kind: 'text' },
  { key: 'unitKind', label: '单位类型', kind: 'text', list: 'unitKind' },
  { key: 'unitName', label: '单位名称', kind: 'text' },
  { key: 'unitRank', label: '单位级次', kind: 'text' },
  { key: 'fundingForm', label: '经费形式', kind: 'text' },
  { key: 'toNextYear', label: '年终结转结余（元）', kind: 'amount' },
] as const satisfies ReadonlyArray<{ key: string; label: string; kind: CellKind; list?: ListName }>;
export const ABOUT_FIRST_ROW = 3;

/** The 收入 row that is not income but last year's carry-over (上年结转结余 → `carryOver.fromLastYear`). */
export const CARRY_OVER_INCOME = '上年结转结余';
export const YES = '是';
export const NO = '否';

/** Excel's column letter of a 1-based column number (1 → A, 27 → AA). */
export const columnLetter = (column: number): string => {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
