import type ExcelJS from 'exceljs';
import type { BudgetUnit } from '@budgetflow/budget-domain';
import type { FieldProblem } from '@budgetflow/contracts';
import {
  ABOUT_FIELDS,
  ABOUT_SHEET,
  BASIC_SHEET,
  CARRY_OVER_INCOME,
  type CellKind,
  DATA_SHEETS,
  INCOME_SHEET,
  INDICATOR_SHEET,
  LISTS_SHEET,
  NO,
  PLAN_SHEET,
  PROCUREMENT_SHEET,
  PROJECT_LINES_SHEET,
  PROJECT_SHEET,
  type SheetSpec,
  YES,
  columnLetter,
} from './entry-workbook-sheets';

const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;

/** Where a value sits as the clerk sees it: sheet, 1-based row as Excel numbers it, column letter and its header. */
export interface CellLocation {
  sheet: string;
  row: number;
  column: string;
  header: string;
}

/** A problem of the workbook, named by its cell: `field` is `基本支出!C5`, the message says it in Chinese. */
export interface CellProblem extends FieldProblem, CellLocation {}

export const cellProblem = (at: CellLocation, code: string, message: string): CellProblem => ({
  field: `${at.sheet}!${at.column}${at.row}`,
  code,
  message: `${at.sheet} 第 ${at.row} 行 ${at.column} 列${at.header ? `（${at.header}）` : ''}：${message}`,
  sheet: at.sheet,
  row: at.row,
  column: at.column,
  header: at.header,
});

export type ReadEntryWorkbook =
  | {
      ok: true;
      /** The workbook as a budget-facts/1 document (amounts in 元), for the JSON import's parser. */
      document: Record<string, unknown>;
      /** The cell of a document path (`projects[2].indicators[0].target`), or of its nearest enclosing part. */
      locate(field: string): CellLocation;
    }
  | { ok: false; problems: CellProblem[] };

type Json = Record<string, unknown>;
type Cells = Record<string, string | number | boolean | undefined>;

/** What a cell holds, as the clerk typed it (rich text joined, a formula's cached result). */
const rawValue = (cell: ExcelJS.Cell): string | number | undefined => {
  const value = cell.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'boolean') return value ? YES : NO;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return rawValue({ value: value.richText.map((part) => part.text).join('') } as ExcelJS.Cell);
    if ('result' in value) return rawValue({ value: (value as { result?: unknown }).result ?? null } as ExcelJS.Cell);
    if ('text' in value) return rawValue({ value: String((value as { text: unknown }).text) } as ExcelJS.Cell);
  }
  return String(value);
};

const asText = (value: string | number): string => (typeof value === 'number' ? String(value) : value);

/** Reads a typed cell: `{ value }`, or the problem's message. */
const convert = (kind: CellKind, raw: string | number): { value: string | number | boolean } | { problem: string } => {
  switch (kind) {
    case 'amount':
      return { value: typeof raw === 'number' ? String(raw) : raw.replace(/[,，\s]/g, '') };
    case 'code': {
      const match = /^(\d+)(\s|$)/.exec(asText(raw));
      return { value: match ? match[1] : asText(raw) };
    }
    case 'unit':
      return { value: asText(raw).split(/\s+/)[0] };
    case 'yesNo': {
      const text = asText(raw);
      if (text === YES) return { value: true };
      if (text === NO) return { value: false };
      return { problem: `应填“${YES}”或“${NO}”，而不是“${text}”` };
    }
    case 'number': {
      if (typeof raw === 'number') return { value: raw };
      const number = Number(raw.replace(/[%％]$/, ''));
      return { value: Number.isFinite(number) && raw.trim() !== '' ? number : raw };
    }
    default:
      return { value: asText(raw) };
  }
};

interface SheetRow {
  row: number;
  cells: Cells;
}

/**
 * Reads an entry workbook (see `writeEntryWorkbook`) into a budget-facts/1 document: the department's profile from
 * 说明, income, basic lines, projects with their lines, indicators and spending plans, procurement. `units` are the
 * draft's (the workbook does not edit them). Every problem of the file's shape (not a workbook, a sheet missing or
 * renamed, a header changed, a cell of the wrong kind) comes back at once, each named by its cell.
 */
export async function readEntryWorkbook(bytes: Buffer, units: readonly BudgetUnit[] = []): Promise<ReadEntryWorkbook> {
  const Excel = await loadExcelJs();
  const workbook = new Excel.Workbook();
  const whole = (code: string, message: string): ReadEntryWorkbook => ({ ok: false, problems: [{ ...cellProblem({ sheet: '', row: 0, column: '', header: '' }, code, message), field: '', message }] });
  if (bytes.length === 0) return whole('WORKBOOK_EMPTY', '上传的文件是空的，请上传填好的录入工作簿（.xlsx）');
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return whole('WORKBOOK_INVALID', '文件不是有效的 Excel 工作簿（.xlsx）；请上传从本系统下载的录入工作簿（WPS 或 Excel 另存为 .xlsx 亦可）');
  }

  const problems: CellProblem[] = [];
  const locations = new Map<string, CellLocation>();
  const expected = new Set([ABOUT_SHEET, LISTS_SHEET, ...DATA_SHEETS.map((spec) => spec.name)]);
  for (const sheet of workbook.worksheets) {
    if (!expected.has(sheet.name)) {
      problems.push(cellProblem({ sheet: sheet.name, row: 1, column: 'A', header: '' }, 'WORKBOOK_SHEET_UNKNOWN', `工作表“${sheet.name}”不是录入工作簿的表；表名应为 ${[ABOUT_SHEET, ...DATA_SHEETS.map((spec) => spec.name)].join('、')}，请勿改名`));
    }
  }
  for (const name of [ABOUT_SHEET, ...DATA_SHEETS.map((spec) => spec.name)]) {
    if (!workbook.getWorksheet(name)) problems.push(cellProblem({ sheet: name, row: 1, column: 'A', header: '' }, 'WORKBOOK_SHEET_MISSING', `缺少工作表“${name}”（工作表名称不能修改）`));
  }
  if (problems.length > 0) return { ok: false, problems };

  /** The data rows of a sheet (empty rows skipped), each cell read by its header. */
  const readSheet = (spec: SheetSpec): SheetRow[] => {
    const sheet = workbook.getWorksheet(spec.name)!;
    const header = sheet.getRow(1);
    const columnOf = new Map<string, number>();
    for (let c = 1; c <= Math.max(header.cellCount, spec.columns.length); c++) {
      const text = rawValue(header.getCell(c));
      if (text === undefined) continue;
      const known = spec.columns.find((column) => column.header === asText(text));
      if (!known) problems.push(cellProblem({ sheet: spec.name, row: 1, column: columnLetter(c), header: asText(text) }, 'WORKBOOK_HEADER_UNKNOWN', `列名“${asText(text)}”不是本表的列；本表的列为 ${spec.columns.map((column) => column.header).join('、')}`));
      else columnOf.set(known.key, c);
    }
    spec.columns.forEach((column, i) => {
      if (!columnOf.has(column.key)) problems.push(cellProblem({ sheet: spec.name, row: 1, column: columnLetter(i + 1), header: column.header }, 'WORKBOOK_HEADER_MISSING', `缺少列“${column.header}”（第 1 行为列名，请勿修改）`));
    });
    const rows: SheetRow[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: Cells = {};
      let filled = false;
      for (const column of spec.columns) {
        const c = columnOf.get(column.key);
        if (c === undefined) continue;
        const at = { sheet: spec.name, row: r, column: columnLetter(c), header: column.header };
        const raw = rawValue(row.getCell(c));
        if (raw === undefined) continue;
        filled = true;
        const read = convert(column.kind, raw);
        if ('problem' in read) problems.push(cellProblem(at, 'WORKBOOK_CELL_INVALID', read.problem));
        else cells[column.key] = read.value;
      }
      if (filled) rows.push({ row: r, cells });
    }
    return rows;
  };

  const sheets = Object.fromEntries(DATA_SHEETS.map((spec) => [spec.name, readSheet(spec)]));
  const about = readAbout(workbook.getWorksheet(ABOUT_SHEET)!, problems);
  if (problems.length > 0) return { ok: false, problems };

  /** Puts the row's cells under `path` in the document, noting where each came from. */
  const place = (spec: SheetSpec, { row, cells }: SheetRow, path: string, keys: readonly string[] = spec.columns.map((column) => column.key)): Json => {
    const target: Json = {};
    spec.columns.forEach((column, i) => {
      if (!keys.includes(column.key)) return;
      locations.set(`${path}.${column.key}`, { sheet: spec.name, row, column: columnLetter(i + 1), header: column.header });
      const value = cells[column.key];
      if (value === undefined || value === false) return; // absent, or 否: the document leaves it out
      target[column.key] = value;
    });
    const first = spec.columns[0];
    if (!locations.has(path)) locations.set(path, { sheet: spec.name, row, column: 'A', header: first.header });
    return target;
  };
  const at = (spec: SheetSpec, row: number, key: string): CellLocation => {
    const index = spec.columns.findIndex((column) => column.key === key);
    return { sheet: spec.name, row, column: columnLetter(index + 1), header: spec.columns[index].header };
  };
  // A part not named by any row (a sheet left empty): its header row.
  for (const [path, spec] of [['income', INCOME_SHEET], ['basicExpenditureLines', BASIC_SHEET], ['projects', PROJECT_SHEET], ['procurement', PROCUREMENT_SHEET]] as const) {
    locations.set(path, { sheet: spec.name, row: 1, column: 'A', header: spec.columns[0].header });
  }

  const income: Json[] = [];
  let fromLastYear: unknown;
  for (const row of sheets[INCOME_SHEET.name]) {
    if (row.cells['source'] === CARRY_OVER_INCOME) {
      if (fromLastYear !== undefined) problems.push(cellProblem(at(INCOME_SHEET, row.row, 'source'), 'WORKBOOK_DUPLICATE_ROW', `“${CARRY_OVER_INCOME}”只能填一行`));
      fromLastYear = row.cells['amount'] ?? '0';
      locations.set('carryOver.fromLastYear', at(INCOME_SHEET, row.row, 'amount'));
      locations.set('carryOver', at(INCOME_SHEET, row.row, 'amount'));
      continue;
    }
    income.push(place(INCOME_SHEET, row, `income[${income.length}]`));
  }

  const basicExpenditureLines = sheets[BASIC_SHEET.name].map((row, i) => place(BASIC_SHEET, row, `basicExpenditureLines[${i}]`));

  const projects: Json[] = [];
  const projectIndex = new Map<string, number>();
  for (const row of sheets[PROJECT_SHEET.name]) {
    const path = `projects[${projects.length}]`;
    const project = place(PROJECT_SHEET, row, path);
    locations.set(path, at(PROJECT_SHEET, row.row, 'code'));
    project['spendingPlan'] = [];
    project['indicators'] = [];
    project['lines'] = [];
    const code = row.cells['code'];
    if (typeof code === 'string') {
      if (projectIndex.has(code)) problems.push(cellProblem(at(PROJECT_SHEET, row.row, 'code'), 'DUPLICATE_PROJECT_CODE', `项目编码 ${code} 重复`));
      else projectIndex.set(code, projects.length);
    }
    projects.push(project);
  }
  /** Rows of a sheet that belong to a project (by 项目编码) go into that project's `list`. */
  const underProjects = (spec: SheetSpec, list: 'spendingPlan' | 'indicators' | 'lines', keys: readonly string[]) => {
    for (const row of sheets[spec.name]) {
      const code = row.cells['project'];
      const index = typeof code === 'string' ? projectIndex.get(code) : undefined;
      if (index === undefined) {
        problems.push(cellProblem(at(spec, row.row, 'project'), 'WORKBOOK_PROJECT_UNKNOWN', code === undefined ? '必须填写项目编码' : `项目编码 ${String(code)} 不在“${PROJECT_SHEET.name}”表中`));
        continue;
      }
      const entries = projects[index][list] as Json[];
      const path = `projects[${index}].${list}`;
      if (entries.length === 0) locations.set(path, at(spec, row.row, keys[0]));
      entries.push(place(spec, row, `${path}[${entries.length}]`, keys));
    }
  };
  underProjects(PLAN_SHEET, 'spendingPlan', ['checkpoint', 'cumulativePercent']);
  underProjects(INDICATOR_SHEET, 'indicators', ['level1', 'level2', 'name', 'description', 'target', 'basis']);
  underProjects(PROJECT_LINES_SHEET, 'lines', ['functionalCode', 'economicCode', 'fundSource', 'amount', 'fromCarryOver']);

  const procurement = sheets[PROCUREMENT_SHEET.name].map((row, i) => place(PROCUREMENT_SHEET, row, `procurement[${i}]`));
  if (problems.length > 0) return { ok: false, problems };

  const department: Json = {};
  for (const field of ABOUT_FIELDS) {
    const path = field.key === 'fiscalYear' ? 'fiscalYear' : field.key === 'toNextYear' ? 'carryOver.toNextYear' : `department.${field.key}`;
    locations.set(path, { sheet: ABOUT_SHEET, row: about[field.key].row, column: 'B', header: field.label });
    if (field.key !== 'fiscalYear' && field.key !== 'toNextYear' && about[field.key].value !== undefined) department[field.key] = asText(about[field.key].value!);
  }
  locations.set('department', locations.get('department.code')!);
  locations.set('units', { sheet: ABOUT_SHEET, row: 1, column: 'A', header: '' });
  if (!locations.has('carryOver')) locations.set('carryOver', locations.get('carryOver.toNextYear')!);
  const year = about['fiscalYear'].value;

  const document: Json = {
    format: 'budget-facts/1',
    unit: '元',
    department,
    fiscalYear: typeof year === 'number' ? year : year === undefined ? undefined : Number.isInteger(Number(year)) ? Number(year) : year,
    ...(units.length > 0 ? { units: units.map((unit) => ({ code: unit.code, name: unit.name, unitKind: unit.unitKind, ...(unit.parent !== undefined ? { parent: unit.parent } : {}) })) } : {}),
    income,
    carryOver: { fromLastYear: fromLastYear ?? '0', toNextYear: about['toNextYear'].value === undefined ? '0' : asText(about['toNextYear'].value) },
    basicExpenditureLines,
    projects,
    procurement,
  };
  const fallback: CellLocation = { sheet: ABOUT_SHEET, row: 1, column: 'A', header: '' };
  const locate = (field: string): CellLocation => {
    for (let path = field; path !== ''; path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
      const found = locations.get(path);
      if (found) return found;
      if (!/(\.[^.[\]]+|\[\d+\])$/.test(path)) break;
    }
    return fallback;
  };
  return { ok: true, document, locate };
}

/** The 说明 sheet's profile: each field's value (column B) found by its label (column A). */
function readAbout(sheet: ExcelJS.Worksheet, problems: CellProblem[]): Record<(typeof ABOUT_FIELDS)[number]['key'], { row: number; value?: string | number }> {
  const rowOf = new Map<string, number>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    const label = rawValue(sheet.getRow(r).getCell(1));
    if (typeof label === 'string' && !rowOf.has(label)) rowOf.set(label, r);
  }
  const result = {} as Record<(typeof ABOUT_FIELDS)[number]['key'], { row: number; value?: string | number }>;
  for (const field of ABOUT_FIELDS) {
    const row = rowOf.get(field.label);
    if (row === undefined) {
      problems.push(cellProblem({ sheet: ABOUT_SHEET, row: 1, column: 'A', header: field.label }, 'WORKBOOK_HEADER_MISSING', `缺少“${field.label}”一行（A 列为项目名称，B 列为内容）`));
      result[field.key] = { row: 1 };
      continue;
    }
    const raw = rawValue(sheet.getRow(row).getCell(2));
    const value = raw === undefined ? undefined : field.kind === 'amount' ? (convert('amount', raw) as { value: string }).value : raw;
    result[field.key] = { row, ...(value !== undefined ? { value } : {}) };
  }
  return result;
}
