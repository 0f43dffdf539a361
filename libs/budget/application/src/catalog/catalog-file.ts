import type ExcelJS from 'exceljs';
import type { CsvRow } from '@budgetflow/platform';
import type { CatalogEntries, CatalogEntry, CatalogScheme, YearCatalog } from './catalog-entries';

/**
 * The year's classification as a finance bureau holds it: a CSV or XLSX list of code and name (a title row above the
 * header is fine), read into catalog entries. Columns are found by their header (编码/代码/code, 名称/name, and
 * optionally 分类/kind and 单位/unit); the level follows from the code's length (功能分类 3 类 / 5 款 / 7 项, 经济分类
 * 3 类 / 5 款); the kind from `?kind=`, a kind column, or the code's first digit (2 功能分类, 3 经济分类).
 */

/** One row of the file with the line (CSV, see `csvRows`) or row (XLSX) number the file shows it under, 1-based. */
export type FileRow = CsvRow;

/** A problem of one row (or of the whole file: `line` 0), in Chinese, with the column it is about. */
export interface CatalogFileProblem {
  field: string;
  code: 'CATALOG_FILE_INVALID' | 'CATALOG_ENTRY_INVALID';
  message: string;
  line: number;
  column?: string;
}

export interface CatalogFileEntry extends CatalogEntry {
  scheme: CatalogScheme;
  line: number;
}

const CODE_HEADER = /^(科目)?(编码|代码|编号)$|^code$/i;
const NAME_HEADER = /^(科目)?名称$|^name$/i;
const KIND_HEADER = /^(分类|类别|科目类别|分类类型|kind|scheme)$/i;
const UNIT_HEADER = /^(单位|单位编码|unit)$/i;

const KIND_VALUES: Record<string, CatalogScheme> = {
  functional: 'functional',
  功能: 'functional',
  功能分类: 'functional',
  支出功能分类: 'functional',
  支出功能分类科目: 'functional',
  economic: 'economic',
  经济: 'economic',
  经济分类: 'economic',
  支出经济分类: 'economic',
  部门预算支出经济分类: 'economic',
  部门预算支出经济分类科目: 'economic',
};
export const KIND_NAMES: Record<CatalogScheme, string> = { functional: '支出功能分类', economic: '部门预算支出经济分类' };
const LEVELS: Record<CatalogScheme, Record<number, string>> = { functional: { 3: '类', 5: '款', 7: '项' }, economic: { 3: '类', 5: '款', 7: '款（单位自编）' } };
export const levelOf = (scheme: CatalogScheme, code: string): string => LEVELS[scheme][code.length] ?? '';

/** `?kind=` as given: functional / economic, or their Chinese names. */
export const catalogKindOf = (value: string | undefined): CatalogScheme | undefined | 'invalid' =>
  value === undefined || value === '' ? undefined : (KIND_VALUES[value.trim()] ?? 'invalid');

/** An XLSX file's rows (of its first sheet with a code and a name header), numbered as Excel shows them. */
export async function xlsxRows(bytes: Buffer): Promise<FileRow[]> {
  const Excel = (await import('exceljs')).default;
  const workbook = new Excel.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const text = (cell: ExcelJS.Cell): string => {
    const value = cell.value;
    if (value === null || value === undefined) return '';
    if (typeof value === 'object' && 'richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if (typeof value === 'object' && 'result' in value) return String((value as { result?: unknown }).result ?? '').trim();
    return String(value).trim();
  };
  const sheets = workbook.worksheets.filter((sheet) => sheet.state === 'visible');
  const rowsOf = (sheet: ExcelJS.Worksheet): FileRow[] => {
    const rows: FileRow[] = [];
    sheet.eachRow((row, line) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(text(row.getCell(c)));
      if (cells.some((cell) => cell !== '')) rows.push({ line, cells });
    });
    return rows;
  };
  const all = sheets.map(rowsOf);
  return all.find((rows) => headerOf(rows) !== undefined) ?? all[0] ?? [];
}

interface Header {
  index: number;
  code: number;
  name: number;
  kind?: number;
  unit?: number;
}

/** The header row among the first ten: the one naming a code and a name column. */
const headerOf = (rows: readonly FileRow[]): Header | undefined => {
  for (let index = 0; index < Math.min(rows.length, 10); index++) {
    const cells = rows[index].cells;
    const code = cells.findIndex((cell) => CODE_HEADER.test(cell));
    const name = cells.findIndex((cell) => NAME_HEADER.test(cell));
    if (code < 0 || name < 0) continue;
    const kind = cells.findIndex((cell) => KIND_HEADER.test(cell));
    const unit = cells.findIndex((cell) => UNIT_HEADER.test(cell));
    return { index, code, name, ...(kind >= 0 ? { kind } : {}), ...(unit >= 0 ? { unit } : {}) };
  }
  return undefined;
};

const columnName = (index: number): string => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
};

const CODE_PATTERN: Record<CatalogScheme, RegExp> = { functional: /^(\d{3}|\d{5}|\d{7})$/, economic: /^(\d{3}|\d{5})$/ };

/**
 * The entries of a catalog file, or every problem of every row (line numbers as the file shows them). `kind` from
 * the query applies to rows without a kind of their own.
 */
export function readCatalogRows(rows: readonly FileRow[], kind?: CatalogScheme): { entries: CatalogFileEntry[]; problems: CatalogFileProblem[] } {
  const problems: CatalogFileProblem[] = [];
  if (rows.length === 0) return { entries: [], problems: [{ field: 'file', code: 'CATALOG_FILE_INVALID', message: '文件是空的：应为带表头（编码、名称）的科目清单', line: 0 }] };
  const header = headerOf(rows);
  if (!header) {
    return {
      entries: [],
      problems: [{ field: 'header', code: 'CATALOG_FILE_INVALID', message: '找不到表头：前 10 行中应有一行含“编码”（或“代码”、code）和“名称”（或 name）两列', line: rows[0].line }],
    };
  }
  const entries: CatalogFileEntry[] = [];
  const seen = new Map<string, CatalogFileEntry>();
  for (const { line, cells } of rows.slice(header.index + 1)) {
    const at = (column: number, message: string) => problems.push({ field: `line[${line}].${columnName(column)}`, code: 'CATALOG_ENTRY_INVALID', message: `第 ${line} 行 ${columnName(column)} 列：${message}`, line, column: columnName(column) });
    const code = (cells[header.code] ?? '').replace(/\s/g, '');
    const name = (cells[header.name] ?? '').trim();
    if (code === '' && name === '') continue;
    let scheme: CatalogScheme | undefined = kind;
    if (header.kind !== undefined && (cells[header.kind] ?? '') !== '') {
      scheme = KIND_VALUES[cells[header.kind]];
      if (!scheme) {
        at(header.kind, `分类“${cells[header.kind]}”无法识别，应为 支出功能分类（functional）或 部门预算支出经济分类（economic）`);
        continue;
      }
    }
    scheme ??= code.startsWith('2') ? 'functional' : code.startsWith('3') ? 'economic' : undefined;
    if (!scheme) {
      at(header.code, `无法判断科目 ${code || '（空）'} 属于功能分类还是经济分类：请用 ?kind=functional|economic 或加“分类”列`);
      continue;
    }
    const unit = header.unit !== undefined ? (cells[header.unit] ?? '').trim() : '';
    const unitCoded = scheme === 'economic' && /^302\d{4}$/.test(code) && unit !== '';
    if (!CODE_PATTERN[scheme].test(code) && !unitCoded) {
      at(
        header.code,
        scheme === 'functional'
          ? `功能分类科目编码“${code}”应为 3 位（类）、5 位（款）或 7 位（项）数字`
          : `经济分类科目编码“${code}”应为 3 位（类）或 5 位（款）数字（单位自编的 302 款下 7 位编码须在“单位”列注明单位）`,
      );
      continue;
    }
    if (name === '' || name.length > 100) {
      at(header.name, '科目名称不能为空，且不超过 100 字');
      continue;
    }
    const key = `${scheme}:${code}`;
    const earlier = seen.get(key);
    if (earlier) {
      if (earlier.name !== name) at(header.code, `科目编码 ${code} 在第 ${earlier.line} 行已出现，名称不同（“${earlier.name}”）`);
      continue;
    }
    const entry: CatalogFileEntry = { scheme, code, name, line, ...(unitCoded ? { unit } : {}) };
    seen.set(key, entry);
    entries.push(entry);
  }
  if (entries.length === 0 && problems.length === 0) problems.push({ field: 'file', code: 'CATALOG_FILE_INVALID', message: '文件中没有任何科目', line: 0 });
  return { entries, problems };
}

export interface CatalogChangeItem {
  scheme: CatalogScheme;
  code: string;
  name: string;
  level: string;
  /** The name in force before a rename. */
  before?: string;
  line?: number;
}

export interface CatalogPreview {
  added: CatalogChangeItem[];
  renamed: CatalogChangeItem[];
  retired: CatalogChangeItem[];
  unchanged: CatalogChangeItem[];
  /** What applying appends: the entries that change the year's catalog (retired ones marked). */
  changes: CatalogEntries;
}

/**
 * What loading the file would do to the year's catalog: codes added, renamed, unchanged, and — for each kind the file
 * lists — codes of the year's catalog the file no longer has, retired (停用; a unit's own sub-numbering stays).
 */
export function previewCatalogFile(current: YearCatalog, entries: readonly CatalogFileEntry[]): CatalogPreview {
  const preview: CatalogPreview = { added: [], renamed: [], retired: [], unchanged: [], changes: { functional: [], economic: [] } };
  const existing = current.entries();
  const names: Record<CatalogScheme, Map<string, CatalogEntry>> = {
    functional: new Map(existing.functional.map((entry) => [entry.code, entry])),
    economic: new Map(existing.economic.map((entry) => [entry.code, entry])),
  };
  for (const entry of entries) {
    const item: CatalogChangeItem = { scheme: entry.scheme, code: entry.code, name: entry.name, level: levelOf(entry.scheme, entry.code), line: entry.line };
    const before = names[entry.scheme].get(entry.code);
    const loaded: CatalogEntry = { code: entry.code, name: entry.name, ...(entry.unit !== undefined ? { unit: entry.unit } : {}) };
    if (!before) preview.added.push(item);
    else if (before.name !== entry.name) preview.renamed.push({ ...item, before: before.name });
    else if (before.unit !== entry.unit && entry.scheme === 'economic') preview.renamed.push({ ...item, before: before.name });
    else {
      preview.unchanged.push(item);
      continue;
    }
    preview.changes[entry.scheme].push(loaded);
  }
  for (const scheme of ['functional', 'economic'] as const) {
    if (!entries.some((entry) => entry.scheme === scheme)) continue;
    const listed = new Set(entries.filter((entry) => entry.scheme === scheme).map((entry) => entry.code));
    for (const entry of existing[scheme]) {
      if (listed.has(entry.code) || entry.unit !== undefined) continue;
      preview.retired.push({ scheme, code: entry.code, name: entry.name, level: levelOf(scheme, entry.code) });
      preview.changes[scheme].push({ code: entry.code, name: entry.name, retired: true });
    }
  }
  return preview;
}
