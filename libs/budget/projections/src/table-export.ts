import type ExcelJS from 'exceljs';

/** exceljs is large and only exports need it: loaded on the first export, not at start-up (api memory). */
const loadExcelJs = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default;
import type { DisclosureTable } from './disclosure-tables';
import type { DisclosureChapter } from './document-chapters';
import { TABLE_LAYOUTS, type DisclosureTableLayout } from './table-layouts';
import { csvDocument } from './csv';

/** What the printed form shows above each table's header. */
export interface TableSheetMeta {
  department: { code: string; name: string };
  fiscalYear: number;
}

/** Excel forbids these in sheet names and allows at most 31 characters. */
const sheetName = (table: DisclosureTable): string => `${table.id} ${table.title}`.replace(/[\\/?*[\]:]/g, '').slice(0, 31);

const isBlankTable = (table: DisclosureTable) => table.rows.every((row) => row.every((cell) => cell === ''));

const writeSheet = (workbook: ExcelJS.Workbook, table: DisclosureTable, meta: TableSheetMeta): void => {
  const layout: DisclosureTableLayout = TABLE_LAYOUTS[table.id];
  const sheet = workbook.addWorksheet(sheetName(table));
  const width = layout.columnCount;
  sheet.columns = Array.from({ length: width }, (_, c) => ({ width: c === 0 ? 6 : layout.amountColumns.includes(c) ? 14 : 24 }));
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };

  const title = sheet.addRow([table.title]);
  sheet.mergeCells(1, 1, 1, width);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };

  const metaRow = Array.from({ length: width }, () => '');
  metaRow[0] = `${meta.department.code}${meta.department.name}`;
  metaRow[Math.floor(width / 2)] = `预算年度：${meta.fiscalYear}`;
  metaRow[width - 1] = '单位：万元';
  sheet.addRow(metaRow);

  const headerTop = sheet.rowCount + 1;
  for (const header of layout.header) {
    const row = sheet.addRow(header);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
  for (const m of layout.merges) sheet.mergeCells(headerTop + m.top, m.left + 1, headerTop + m.bottom, m.right + 1);

  for (const cells of table.rows) {
    const row = sheet.addRow(
      cells.map((cell, c) => (layout.amountColumns.includes(c) && cell !== '' ? Number(cell) : cell === '' ? null : cell)),
    );
    layout.amountColumns.forEach((c) => (row.getCell(c + 1).numFmt = '0.00'));
  }
  for (let r = headerTop; r <= sheet.rowCount; r++) {
    for (let c = 1; c <= width; c++) sheet.getCell(r, c).border = border;
  }
  if (layout.emptyNote && isBlankTable(table)) sheet.addRow([layout.emptyNote]);
};

/** The name of the sheet after the nine tables that holds the 情况说明. */
export const EXPLANATION_SHEET = '情况说明';

/**
 * The 情况说明 on one sheet, top to bottom as printed: each chapter's heading (bold), its paragraphs (one row each,
 * merged across and wrapped), then its tables with title, caption, header and bordered body, cells as printed.
 */
const writeExplanationSheet = (workbook: ExcelJS.Workbook, chapters: readonly DisclosureChapter[]): void => {
  const width = Math.max(7, ...chapters.flatMap((chapter) => chapter.tables.flatMap((table) => [...table.header, ...table.rows].map((row) => row.length))));
  const sheet = workbook.addWorksheet(EXPLANATION_SHEET);
  sheet.columns = Array.from({ length: width }, () => ({ width: 16 }));
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };
  const wide = (text: string, font?: Partial<ExcelJS.Font>) => {
    const row = sheet.addRow([text]);
    sheet.mergeCells(row.number, 1, row.number, width);
    row.alignment = { wrapText: true, vertical: 'top' };
    if (font) row.font = font;
  };
  for (const chapter of chapters) {
    wide(chapter.heading, { bold: true, size: 12 });
    for (const paragraph of chapter.paragraphs) wide(paragraph);
    for (const table of chapter.tables) {
      wide(table.title, { bold: true });
      if (table.caption.length > 0) sheet.addRow(table.caption);
      for (const cells of [...table.header, ...table.rows]) {
        const row = sheet.addRow(cells.map((text) => (text === '' ? null : text)));
        row.alignment = { wrapText: true, vertical: 'middle' };
        for (let c = 1; c <= cells.length; c++) row.getCell(c).border = border;
      }
      for (const note of table.notes) wide(note);
    }
    sheet.addRow([]);
  }
};

/**
 * The tables as a workbook, one sheet per table laid out like the published form: merged title and header rows,
 * 单位：万元, amounts as numbers with a two-decimal format (blank cells stay empty). With the document's chapters,
 * a last sheet 情况说明 holds the rest of the published document.
 */
export const tablesToXlsx = async (
  tables: readonly DisclosureTable[],
  meta: TableSheetMeta,
  chapters?: readonly DisclosureChapter[],
): Promise<Buffer> => {
  const workbook = new (await loadExcelJs()).Workbook();
  workbook.creator = 'budgetflow';
  for (const table of tables) writeSheet(workbook, table, meta);
  if (chapters && chapters.length > 0) writeExplanationSheet(workbook, chapters);
  const written = await workbook.xlsx.writeBuffer();
  return Buffer.from(written as ArrayBuffer);
};

/** The sheet row (1-based) where a table's body starts in `tablesToXlsx` output. */
export const xlsxBodyStartRow = (table: DisclosureTable): number => 3 + TABLE_LAYOUTS[table.id].header.length;

export { csvCell } from './csv';

/** One table as RFC 4180 CSV (CRLF), its header rows down to 栏次 first unless `includeHeader` is false. */
export const tablesToCsv = (table: DisclosureTable, options: { includeHeader?: boolean } = {}): string => {
  const rows = [...(options.includeHeader === false ? [] : TABLE_LAYOUTS[table.id].header), ...table.rows];
  return csvDocument(rows);
};
