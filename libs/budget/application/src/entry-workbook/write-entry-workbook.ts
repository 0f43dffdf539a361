import type ExcelJS from 'exceljs';
import { FUND_SOURCES, INCOME_SOURCES, INDICATOR_LEVELS, UNIT_KINDS, type BudgetContent, type BudgetUnit, type DepartmentProfile, type Money } from '@budgetflow/budget-domain';
import type { CatalogEntries } from '../catalog/catalog-entries';
import {
  ABOUT_FIELDS,
  ABOUT_FIRST_ROW,
  ABOUT_SHEET,
  BASIC_SHEET,
  CARRY_OVER_INCOME,
  DATA_SHEETS,
  INCOME_SHEET,
  INDICATOR_SHEET,
  LISTS_SHEET,
  type ListName,
  NO,
  PLAN_SHEET,
  PROCUREMENT_SHEET,
  PROJECT_LINES_SHEET,
  PROJECT_SHEET,
  type SheetSpec,
  YES,
  columnLetter,
} from './entry-workbook-sheets';

/** exceljs is large: loaded on the first workbook, not at start-up. */
const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

export interface EntryWorkbookInput {
  fiscalYear: number;
  department: DepartmentProfile;
  /** 所属单位 of the budget (the drop-down of 所属单位 offers them and the department itself). */
  units: readonly BudgetUnit[];
  /** The draft; absent: a blank workbook for a new year. */
  content?: BudgetContent;
  /** The year's catalog: the drop-downs of the classification columns. */
  catalog: CatalogEntries;
}

/** Rows left open under the data of each sheet, with the same drop-downs. */
const OPEN_ROWS = 300;

type Row = Record<string, string | number | undefined>;

const amount = (money: Money | undefined): number | undefined => (money === undefined ? undefined : Number(money.toFixed(2)));
const yesNo = (flag: boolean | undefined): string => (flag ? YES : NO);

/**
 * The draft (or a blank budget) as the entry workbook: 说明 with the department's profile and how to fill in,
 * one sheet per part of the budget with Chinese headers and drop-downs from the year's catalog (a hidden 代码表).
 */
export async function writeEntryWorkbook(input: EntryWorkbookInput): Promise<Buffer> {
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  workbook.creator = 'budgetflow';
  const { content, department, catalog } = input;

  const functionalName = new Map(catalog.functional.map((entry) => [entry.code, entry.name]));
  const economicName = new Map(catalog.economic.map((entry) => [entry.code, entry.name]));
  const withName = (code: string, names: Map<string, string>) => (names.has(code) ? `${code} ${names.get(code)}` : code);
  const unitName = new Map<string, string>([[department.code, department.unitName ?? department.name], ...input.units.map((unit): [string, string] => [unit.code, unit.name])]);
  const unitCell = (code: string | undefined) => (code === undefined ? undefined : unitName.has(code) ? `${code} ${unitName.get(code)}` : code);

  const lists: Record<ListName, string[]> = {
    functional: catalog.functional.filter((entry) => entry.code.length === 7).map((entry) => `${entry.code} ${entry.name}`),
    economic: catalog.economic
      .filter((entry) => entry.code.length === 5 || (entry.unit !== undefined && unitName.has(entry.unit)))
      .map((entry) => `${entry.code} ${entry.name}`),
    income: [...INCOME_SOURCES],
    fund: [...FUND_SOURCES],
    units: [...unitName.entries()].map(([code, name]) => `${code} ${name}`),
    yesNo: [YES, NO],
    level1: Object.keys(INDICATOR_LEVELS),
    level2: Object.values(INDICATOR_LEVELS).flat(),
    checkpoint: Array.from({ length: 12 }, (_, i) => `${i + 1}月底`),
    unitKind: [...UNIT_KINDS],
  };
  const listNames = Object.keys(lists) as ListName[];
  const listRange = (list: ListName): string => {
    const column = columnLetter(listNames.indexOf(list) + 1);
    return `'${LISTS_SHEET}'!$${column}$2:$${column}$${Math.max(2, lists[list].length + 1)}`;
  };

  writeAbout(workbook, input, listRange);

  const rows: Record<string, Row[]> = {
    [INCOME_SHEET.name]: content
      ? [
          ...content.income.map((line) => ({ source: line.source, amount: amount(line.amount) })),
          ...(content.carryOver.fromLastYear.isZero() || content.income.some((line) => line.source === CARRY_OVER_INCOME)
            ? []
            : [{ source: CARRY_OVER_INCOME, amount: amount(content.carryOver.fromLastYear) }]),
        ]
      : [],
    [BASIC_SHEET.name]: (content?.basicExpenditureLines ?? []).map((line) => ({
      functionalCode: withName(line.functionalCode, functionalName),
      economicCode: withName(line.economicCode, economicName),
      fundSource: line.fundSource,
      amount: amount(line.amount),
      fromCarryOver: yesNo(line.fromCarryOver),
      unit: unitCell(line.unit),
    })),
    [PROJECT_SHEET.name]: (content?.projects ?? []).map((project) => ({
      code: project.code,
      name: project.name,
      functionalCode: withName(project.functionalCode, functionalName),
      fundSource: project.fundSource,
      amount: amount(project.amount),
      fiscalFunds: amount(project.fiscalFunds),
      otherFunds: project.otherFunds.isZero() ? undefined : amount(project.otherFunds),
      fromCarryOver: yesNo(project.fromCarryOver),
      unit: unitCell(project.unit),
      purpose: project.purpose,
      goal: project.goal,
    })),
    [PROJECT_LINES_SHEET.name]: (content?.projects ?? []).flatMap((project) =>
      project.lines.map((line) => ({
        project: project.code,
        functionalCode: withName(line.functionalCode, functionalName),
        economicCode: withName(line.economicCode, economicName),
        fundSource: line.fundSource,
        amount: amount(line.amount),
        fromCarryOver: yesNo(line.fromCarryOver),
      })),
    ),
    [INDICATOR_SHEET.name]: (content?.projects ?? []).flatMap((project) =>
      project.indicators.map((indicator) => ({
        project: project.code,
        level1: indicator.level1,
        level2: indicator.level2,
        name: indicator.name,
        description: indicator.description,
        target: indicator.target.printed,
        basis: indicator.basis,
      })),
    ),
    [PLAN_SHEET.name]: (content?.projects ?? []).flatMap((project) =>
      project.spendingPlan.map((checkpoint) => ({ project: project.code, checkpoint: checkpoint.checkpoint, cumulativePercent: checkpoint.cumulativePercent })),
    ),
    [PROCUREMENT_SHEET.name]: (content?.procurement ?? []).map((item) => ({
      item: item.item,
      category: item.category,
      amount: amount(item.amount),
      fundSource: item.fundSource,
      fromCarryOver: yesNo(item.fromCarryOver),
      project: item.project,
    })),
  };
  for (const spec of DATA_SHEETS) writeDataSheet(workbook, spec, rows[spec.name] ?? [], listRange);

  const listSheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  listNames.forEach((list, i) => {
    listSheet.getCell(1, i + 1).value = list;
    lists[list].forEach((value, j) => (listSheet.getCell(j + 2, i + 1).value = value));
    listSheet.getColumn(i + 1).width = 30;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

function writeDataSheet(workbook: ExcelJS.Workbook, spec: SheetSpec, rows: readonly Row[], listRange: (list: ListName) => string): void {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((column) => ({ key: column.key, width: column.width }));
  const header = sheet.getRow(1);
  spec.columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  });
  for (const row of rows) {
    sheet.addRow(Object.fromEntries(spec.columns.map((column) => [column.key, row[column.key] ?? null])));
  }
  const last = rows.length + 1 + OPEN_ROWS;
  spec.columns.forEach((column, i) => {
    const letter = columnLetter(i + 1);
    if (column.kind === 'amount') sheet.getColumn(i + 1).numFmt = '#,##0.00';
    if (column.list) {
      // A warning, not a refusal: a code typed by hand (2010801) is still taken, and checked on upload.
      // exceljs keeps a sheet's validations by address, a range included (its typings leave the model out).
      (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [listRange(column.list)],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '不在下拉列表中',
        error: `请从下拉列表中选择${column.header}`,
      });
    }
  });
}

function writeAbout(workbook: ExcelJS.Workbook, input: EntryWorkbookInput, listRange: (list: ListName) => string): void {
  const sheet = workbook.addWorksheet(ABOUT_SHEET);
  sheet.getColumn(1).width = 22;
  sheet.getColumn(2).width = 60;
  sheet.getCell('A1').value = `${input.department.name || input.department.code} ${input.fiscalYear} 年部门预算录入工作簿`;
  sheet.getCell('A1').font = { bold: true, size: 14 };
  const values: Record<(typeof ABOUT_FIELDS)[number]['key'], string | number | undefined> = {
    code: input.department.code,
    fiscalYear: input.fiscalYear,
    name: input.department.name,
    unitKind: input.department.unitKind,
    unitName: input.department.unitName,
    unitRank: input.department.unitRank,
    fundingForm: input.department.fundingForm,
    toNextYear: input.content ? amount(input.content.carryOver.toNextYear) : 0,
  };
  ABOUT_FIELDS.forEach((field, i) => {
    const row = ABOUT_FIRST_ROW + i;
    sheet.getCell(row, 1).value = field.label;
    sheet.getCell(row, 1).font = { bold: true };
    sheet.getCell(row, 2).value = values[field.key] ?? null;
    if (field.kind === 'amount') sheet.getCell(row, 2).numFmt = '#,##0.00';
    if ('list' in field) sheet.getCell(row, 2).dataValidation = { type: 'list', allowBlank: false, formulae: [listRange(field.list)] };
  });
  const notes = [
    '填写说明',
    '1. 金额单位为元，最多两位小数。部门编码和预算年度须与上传地址一致，请勿修改。',
    '2. 科目列可从下拉列表选择（“编码 名称”），也可只填编码；科目须在本年度分类目录中。缺少的科目请由系统管理员载入本年度分类目录。',
    '3. “收入”表中的“上年结转结余”一行即上年结转资金；“上年结转”列填“是”表示该支出由上年结转资金安排。',
    '4. 项目的绩效指标、用款计划和支出明细按项目编码填在各自的表中。',
    '5. 上传后整本校验：任何一处有误，全部不导入，并逐格列出错误（表名、行号、列）。所属单位、部门职责等其他内容保持不变。',
  ];
  notes.forEach((note, i) => (sheet.getCell(ABOUT_FIRST_ROW + ABOUT_FIELDS.length + 1 + i, 1).value = note));
  sheet.getCell(ABOUT_FIRST_ROW + ABOUT_FIELDS.length + 1, 1).font = { bold: true };
}
