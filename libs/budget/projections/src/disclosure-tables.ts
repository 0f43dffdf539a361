import {
  economicPath,
  FISCAL_FUND_SOURCES,
  FISCAL_SPECIAL_ACCOUNT,
  functionalCategoryRows,
  functionalPath,
  GENERAL_BUDGET,
  GOVERNMENT_FUND,
  isFiscalFund,
  isPersonnelEconomicCode,
  STATE_CAPITAL,
  UNIT_INCOME_SOURCES,
} from './classification';
import { carryOverFromLastYear, currentYearIncome, incomeFrom, threePublicExpenses } from './budget-figures';
import { Decimal, formatWanCell, type BudgetContent, type CatalogNames, type FundSource, type Money } from './domain';
import { expenditureItems, type ExpenditureItem } from './expenditure-items';
import { TABLE_LAYOUTS, type DisclosureTableId } from './table-layouts';

/** One published table: `rows` are the body rows after the 栏次 row, cells as printed (blank = ""). */
export interface DisclosureTable {
  id: DisclosureTableId;
  title: string;
  rows: string[][];
}

/** A cell before printing: a label (or "" for blank), or an exact amount in 元. */
export type ExactCell = string | Money;

/**
 * A table before printing: the same rows and columns as the printed one, amounts kept exact (元, to the fen).
 * The 勾稽 checks compare these; printing rounds each amount on its own (`printTable`).
 */
export interface ExactTable {
  id: DisclosureTableId;
  title: string;
  rows: ExactCell[][];
}

/** 万元 with two decimals, each cell rounded half-up on its own; zero is a blank cell. */
export const printCell = (cell: ExactCell): string => (typeof cell === 'string' ? cell : formatWanCell(cell));

export const printTable = (exact: ExactTable): DisclosureTable => ({
  id: exact.id,
  title: exact.title,
  rows: exact.rows.map((row) => row.map(printCell)),
});

type Amounts = Money[];

// Decimals are immutable: one zero serves every empty cell, and adding it is skipped (most cells of a wide table
// are zero; a 2,000-line budget would otherwise spend most of its rendering adding zeros).
const ZERO = new Decimal(0);
const zeros = (count: number): Amounts => Array.from({ length: count }, () => ZERO);
const addInto = (target: Amounts, amounts: Amounts): void => {
  amounts.forEach((amount, i) => {
    if (!amount.isZero()) target[i] = target[i].plus(amount);
  });
};
const cells = (amounts: Amounts): ExactCell[] => amounts;
const allZero = (amounts: Amounts): boolean => amounts.every((amount) => amount.isZero());

/**
 * Sums items into every level of their classification path (类/款/项 or 类/款). Sorting the codes as strings
 * puts each 类 right before its 款 and each 款 before its 项, the order the tables print.
 */
const rollUp = <T>(
  items: readonly T[],
  pathOf: (item: T) => string[],
  amountsOf: (item: T) => Amounts,
  columnCount: number,
): { total: Amounts; rows: Array<[string, Amounts]> } => {
  // Items first summed per full path (a budget's thousands of lines share a few dozen codes), then each path's sum
  // added to its levels: a quarter of the Decimal additions of adding every item at every level.
  const byPath = new Map<string, { path: string[]; amounts: Amounts }>();
  for (const item of items) {
    const path = pathOf(item);
    const key = path.join('/');
    let sum = byPath.get(key);
    if (!sum) byPath.set(key, (sum = { path, amounts: zeros(columnCount) }));
    addInto(sum.amounts, amountsOf(item));
  }
  const total = zeros(columnCount);
  const byCode = new Map<string, Amounts>();
  for (const { path, amounts } of byPath.values()) {
    addInto(total, amounts);
    for (const code of path) {
      if (!byCode.has(code)) byCode.set(code, zeros(columnCount));
      addInto(byCode.get(code)!, amounts);
    }
  }
  const rows = [...byCode.entries()]
    .filter(([, amounts]) => !allZero(amounts))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { total, rows };
};

/**
 * 合计 first, then one row per classification code: 序号, code, name, amounts. A table with nothing to show
 * prints a single blank row (and its layout's note), as the published form does.
 */
const classifiedRows = (
  rolled: { total: Amounts; rows: Array<[string, Amounts]> },
  nameOf: (code: string) => string | undefined,
  columnCount: number,
): ExactCell[][] => {
  if (rolled.rows.length === 0) return [Array.from({ length: columnCount }, () => '')];
  return [
    ['1', '', '合计', ...cells(rolled.total)],
    ...rolled.rows.map(([code, amounts], i) => [String(i + 2), code, nameOf(code) ?? '', ...cells(amounts)]),
  ];
};

const byFunctionalCategory = (items: readonly ExpenditureItem[], amountsOf: (item: ExpenditureItem) => Amounts, columnCount: number) => {
  const byCategory = new Map<string, Amounts>();
  for (const item of items) {
    const category = item.functionalCode.slice(0, 3);
    if (!byCategory.has(category)) byCategory.set(category, zeros(columnCount));
    addInto(byCategory.get(category)!, amountsOf(item));
  }
  return (code: string | null): Amounts => (code && byCategory.get(code)) || zeros(columnCount);
};

const table = (id: DisclosureTableId, rows: ExactCell[][]): ExactTable => ({ id, title: TABLE_LAYOUTS[id].title, rows });

/** Table 1 部门预算收支总表. */
/** The 类 that have spending. */
const spentClasses = (items: readonly ExpenditureItem[]): Set<string> => new Set(items.map((item) => item.functionalCode.slice(0, 3)));

/**
 * The body of a 收支总表 (Tables 1 and 4): row n is the n-th income line (if any) beside the n-th functional 类 and
 * its spending cells.
 */
const summaryBody = (
  categories: ReadonlyArray<{ code: string | null; label: string }>,
  incomeRows: ReadonlyArray<[string, Money]>,
  spendingCells: (code: string | null) => ExactCell[],
): ExactCell[][] =>
  categories.map((category, i) => {
    const income = incomeRows[i];
    return [String(i + 1), income ? income[0] : '', income ? income[1] : '', category.label, ...spendingCells(category.code)];
  });

const incomeAndExpenditureSummary = (content: BudgetContent, items: readonly ExpenditureItem[], catalog: CatalogNames): ExactTable => {
  const incomeRows: Array<[string, Money]> = [
    ['一、一般公共预算拨款收入', incomeFrom(content, '一般公共预算拨款收入')],
    ['二、政府性基金预算拨款收入', incomeFrom(content, '政府性基金预算拨款收入')],
    ['三、国有资本经营预算拨款收入', incomeFrom(content, '国有资本经营预算拨款收入')],
    ['四、财政专户管理资金收入', incomeFrom(content, '财政专户管理资金收入')],
    ['五、单位资金', UNIT_INCOME_SOURCES.reduce((total, source) => total.plus(incomeFrom(content, source)), new Decimal(0))],
  ];
  const spendingOf = byFunctionalCategory(items, (item) => [item.amount], 1);
  const body = summaryBody(functionalCategoryRows(catalog, spentClasses(items)), incomeRows, (code) => [spendingOf(code)[0]]);
  const currentIncome = currentYearIncome(content);
  const carryIn = carryOverFromLastYear(content);
  const spending = items.reduce((total, item) => total.plus(item.amount), new Decimal(0));
  const carryOut = content.carryOver.toNextYear;
  const closing: Array<[string, Money, string, Money]> = [
    ['本年收入合计', currentIncome, '本年支出合计', spending],
    ['上年结转结余', carryIn, '年终结转结余', carryOut],
    ['收入总计', currentIncome.plus(carryIn), '支出总计', spending.plus(carryOut)],
  ];
  closing.forEach(([incomeLabel, income, spendingLabel, amount]) =>
    body.push([String(body.length + 1), incomeLabel, income, spendingLabel, amount]),
  );
  return table('T1', body);
};

/**
 * Which Table 2 column a 单位资金 line is shown under: lines carry only the fund source 单位资金, so when the
 * department has exactly one kind of unit income the lines are shown there, otherwise under 其他收入.
 */
const unitFundsColumn = (content: BudgetContent): number => {
  const present = UNIT_INCOME_SOURCES.filter((source) => !incomeFrom(content, source).isZero());
  return present.length === 1 ? UNIT_INCOME_SOURCES.indexOf(present[0]) : UNIT_INCOME_SOURCES.indexOf('其他收入');
};

/** Table 2 部门预算收入总表: spending by functional code × the income that funds it. */
const incomeByFunction = (content: BudgetContent, items: readonly ExpenditureItem[], catalog: CatalogNames): ExactTable => {
  // Columns: 合计, 小计, 财政拨款收入, 财政专户收入, the five unit-income columns, 上年结转.
  const columnCount = 10;
  const unitColumn = 4 + unitFundsColumn(content);
  const amountsOf = (item: ExpenditureItem): Amounts => {
    const amounts = zeros(columnCount);
    amounts[0] = item.amount;
    if (item.fromCarryOver) {
      // 上年结转: spending paid from last year's carry-over is no income of this year.
      amounts[9] = item.amount;
      return amounts;
    }
    const column = isFiscalFund(item.fundSource) ? 2 : item.fundSource === FISCAL_SPECIAL_ACCOUNT ? 3 : unitColumn;
    amounts[column] = item.amount;
    amounts[1] = item.amount;
    return amounts;
  };
  const rolled = rollUp(items, (item) => functionalPath(item.functionalCode), amountsOf, columnCount);
  return table('T2', classifiedRows(rolled, (code) => catalog.functionalName(code), TABLE_LAYOUTS.T2.columnCount));
};

const functionalTable = (
  id: DisclosureTableId,
  items: readonly ExpenditureItem[],
  catalog: CatalogNames,
  amountsOf: (item: ExpenditureItem) => Amounts,
  columnCount: number,
): ExactTable =>
  table(
    id,
    classifiedRows(
      rollUp(items, (item) => functionalPath(item.functionalCode), amountsOf, columnCount),
      (code) => catalog.functionalName(code),
      TABLE_LAYOUTS[id].columnCount,
    ),
  );

/** 合计 / 基本支出 / 项目支出 of one item. */
const basicAndProject = (item: ExpenditureItem): Amounts =>
  item.kind === 'basic' ? [item.amount, item.amount, new Decimal(0)] : [item.amount, new Decimal(0), item.amount];

/**
 * 上年结转 as Table 4 shows it: the department's carry-over less the part that funds non-fiscal spending, and the
 * spending paid from it by fiscal fund type (一般公共预算, 政府性基金, 国有资本经营).
 */
export const fiscalCarryOver = (content: BudgetContent, items: readonly ExpenditureItem[]): { fiscal: Money; byFund: Money[] } => {
  const carried = items.filter((item) => item.fromCarryOver);
  const nonFiscal = carried.filter((item) => !isFiscalFund(item.fundSource)).reduce((total, item) => total.plus(item.amount), ZERO);
  return {
    fiscal: carryOverFromLastYear(content).minus(nonFiscal),
    byFund: FISCAL_FUND_SOURCES.map((source) =>
      carried.filter((item) => item.fundSource === source).reduce((total, item) => total.plus(item.amount), ZERO),
    ),
  };
};

/** Table 4 部门预算财政拨款收支总表: fiscal appropriations only, by 类 × fund type. */
const fiscalIncomeAndExpenditureSummary = (content: BudgetContent, items: readonly ExpenditureItem[], catalog: CatalogNames): ExactTable => {
  const fiscalItems = items.filter((item) => isFiscalFund(item.fundSource));
  const byFund = (item: ExpenditureItem): Amounts => [
    item.amount,
    ...FISCAL_FUND_SOURCES.map((source) => (item.fundSource === source ? item.amount : new Decimal(0))),
  ];
  const spendingOf = byFunctionalCategory(fiscalItems, byFund, 4);
  const incomeRows: Array<[string, Money]> = [
    ['一、一般公共预算拨款', incomeFrom(content, '一般公共预算拨款收入')],
    ['二、政府性基金预算拨款', incomeFrom(content, '政府性基金预算拨款收入')],
    ['三、国有资本经营预算拨款', incomeFrom(content, '国有资本经营预算拨款收入')],
  ];
  const body = summaryBody(functionalCategoryRows(catalog, spentClasses(fiscalItems)), incomeRows, (code) => cells(spendingOf(code)));
  const spending = zeros(4);
  fiscalItems.forEach((item) => addInto(spending, byFund(item)));
  const fiscalIncome = incomeRows.reduce((total, [, amount]) => total.plus(amount), new Decimal(0));
  // 年初财政拨款结转和结余: the carry-over less what of it funds non-fiscal spending (单位资金, 财政专户), which this
  // table leaves out; the rows under it show, by fund type, the spending paid from it.
  const { fiscal: fiscalCarryIn, byFund: carryInByFund } = fiscalCarryOver(content, items);
  const carryOut = content.carryOver.toNextYear;
  const push = (cellsOfRow: ExactCell[]) => body.push([String(body.length + 1), ...cellsOfRow]);
  push(['本年收入合计', fiscalIncome, '本年支出合计', ...cells(spending)]);
  push(['年初财政拨款结转和结余', fiscalCarryIn, '年末财政拨款结转和结余', carryOut, '', '', '']);
  incomeRows.forEach(([label], i) => push([label, carryInByFund[i], '', '', '', '', '']));
  push(['收入总计', fiscalIncome.plus(fiscalCarryIn), '支出总计', spending[0].plus(carryOut), ...cells(spending.slice(1))]);
  return table('T4', body);
};

/** Table 6 一般公共预算财政拨款基本支出表: economic 类/款 × 人员经费 / 公用经费. */
const generalBudgetBasicByEconomicCode = (content: BudgetContent, catalog: CatalogNames): ExactTable => {
  const lines = content.basicExpenditureLines.filter((line) => line.fundSource === GENERAL_BUDGET);
  const rolled = rollUp(
    lines,
    (line) => economicPath(line.economicCode),
    (line) =>
      isPersonnelEconomicCode(line.economicCode)
        ? [line.amount, line.amount, new Decimal(0)]
        : [line.amount, new Decimal(0), line.amount],
    3,
  );
  return table('T6', classifiedRows(rolled, (code) => catalog.economicName(code), TABLE_LAYOUTS.T6.columnCount));
};

/** Table 9 财政拨款“三公”经费支出表, one column per fiscal fund type. */
const threePublicExpensesTable = (content: BudgetContent): ExactTable => {
  const columns = [FISCAL_FUND_SOURCES, ...FISCAL_FUND_SOURCES.map((source) => [source])].map((sources) =>
    threePublicExpenses(content, sources),
  );
  const row = (label: string, pick: (expenses: ReturnType<typeof threePublicExpenses>) => Money): ExactCell[] => [
    label,
    ...columns.map((expenses) => pick(expenses)),
  ];
  const rows = [
    row('合计', (e) => e.total),
    row('“三公”经费小计', (e) => e.total),
    row('一、因公出国（境）费', (e) => e.travelAbroad),
    // No economic code separates teaching and research staff: all travel abroad is shown as 其他.
    row('其中：教学科研人员因公出国（境）费', () => new Decimal(0)),
    row('其他因公出国（境）费', (e) => e.travelAbroad),
    row('二、公务用车购置及运维费', (e) => e.vehiclePurchase.plus(e.vehicleOperation)),
    row('其中：公务用车购置费', (e) => e.vehiclePurchase),
    row('公务用车运行维护费', (e) => e.vehicleOperation),
    row('三、公务接待费', (e) => e.reception),
  ];
  return table('T9', rows.map((cellsOfRow, i) => [String(i + 1), ...cellsOfRow]));
};

const onlyFund = (items: readonly ExpenditureItem[], fundSource: FundSource) =>
  items.filter((item) => item.fundSource === fundSource);

/** The nine tables (T1..T9) of a department budget before printing: every figure derived from `content`, exact in 元. */
export const renderExactTables = (content: BudgetContent, catalog: CatalogNames): ExactTable[] => {
  const items = expenditureItems(content);
  return [
    incomeAndExpenditureSummary(content, items, catalog),
    incomeByFunction(content, items, catalog),
    functionalTable(
      'T3',
      items,
      catalog,
      (item) => [...basicAndProject(item), new Decimal(0), new Decimal(0), new Decimal(0)],
      6,
    ),
    fiscalIncomeAndExpenditureSummary(content, items, catalog),
    functionalTable('T5', onlyFund(items, GENERAL_BUDGET), catalog, basicAndProject, 3),
    generalBudgetBasicByEconomicCode(content, catalog),
    functionalTable('T7', onlyFund(items, GOVERNMENT_FUND), catalog, basicAndProject, 3),
    functionalTable('T8', onlyFund(items, STATE_CAPITAL), catalog, basicAndProject, 3),
    threePublicExpensesTable(content),
  ];
};

/**
 * The nine published tables (T1..T9) of a department budget, every figure derived from `content`.
 * Amounts are printed in 万元 with two decimals, each cell rounded half-up on its own; zero is an empty cell.
 */
export const renderDisclosureTables = (content: BudgetContent, catalog: CatalogNames): DisclosureTable[] =>
  renderExactTables(content, catalog).map(printTable);
