import type ExcelJS from 'exceljs';
import { csvDocument, csvDownload } from './csv';
import { ROUND_TOTAL_LABELS, roundTotals, type RoundFigures } from './domain';

/** Who the round belongs to, for the heading. */
export interface RoundExportMeta {
  department: string;
  fiscalYear: number;
}

/** One printed section of a round's figures: title, header, rows (元), the amount columns (0-based). */
interface Section {
  title: string;
  header: string[];
  rows: string[][];
  numeric: number[];
}

/** 一下 keeps only the control numbers: what the export says about it. */
export const TOTALS_ONLY_NOTE = '本轮次（一下）只保存财政下达的控制数（合计数），没有明细';

const heading = (meta: RoundExportMeta, figures: RoundFigures) =>
  `${meta.department} 部门 ${meta.fiscalYear} 年预算 ${figures.round} 数字（单位：元；${figures.by} 于 ${figures.at}${figures.documentNumber ? `；批复文号 ${figures.documentNumber}` : ''}${figures.documentDate ? `，${figures.documentDate}` : ''}）`;

/** A round's figures as sections: its totals, then (when the round keeps its content) income, basic lines and projects. */
export const roundSections = (figures: RoundFigures): Section[] => {
  const totals = roundTotals(figures);
  const totalsSection: Section = {
    title: figures.content ? '支出合计' : '控制数',
    header: ['项目', '金额'],
    rows: (Object.keys(ROUND_TOTAL_LABELS) as (keyof typeof ROUND_TOTAL_LABELS)[]).flatMap((key) => (totals[key] ? [[ROUND_TOTAL_LABELS[key], totals[key].toFixed(2)]] : [])),
    numeric: [1],
  };
  const content = figures.content;
  if (!content) return [{ ...totalsSection, rows: [...totalsSection.rows, [TOTALS_ONLY_NOTE, '']] }];
  return [
    totalsSection,
    { title: '收入', header: ['收入来源', '金额'], rows: content.income.map((i) => [i.source, i.amount.toFixed(2)]), numeric: [1] },
    {
      title: '基本支出',
      header: ['明细编号', '功能分类科目', '经济分类科目', '资金来源', '单位', '上年结转', '金额'],
      rows: content.basicExpenditureLines.map((l) => [l.lineId, l.functionalCode, l.economicCode, l.fundSource, l.unit ?? '', l.fromCarryOver ? '是' : '', l.amount.toFixed(2)]),
      numeric: [6],
    },
    {
      title: '项目支出',
      header: ['项目编码', '项目名称', '功能分类科目', '资金来源', '起始年度', '结束年度', '金额'],
      rows: content.projects.map((p) => [p.code, p.name, p.functionalCode, p.fundSource, p.startYear ? String(p.startYear) : '', p.endYear ? String(p.endYear) : '', p.amount.toFixed(2)]),
      numeric: [6],
    },
  ];
};

/** The round as one CSV (UTF-8 with BOM): the heading, then each section's title, header and rows, a blank row between. */
export const roundCsv = (meta: RoundExportMeta, figures: RoundFigures): string =>
  csvDownload(csvDocument([[heading(meta, figures)], ...roundSections(figures).flatMap((s) => [[], [s.title], s.header, ...s.rows])]));

/** The round as a workbook: one sheet, the sections one under another, amounts as numbers with two decimals. */
export const roundXlsx = async (meta: RoundExportMeta, figures: RoundFigures): Promise<Buffer> => {
  const Excel: typeof ExcelJS = (await import('exceljs')).default;
  const workbook = new Excel.Workbook();
  workbook.creator = 'budgetflow';
  const sheet = workbook.addWorksheet(`${meta.fiscalYear}年${figures.round}`);
  sheet.columns = Array.from({ length: 7 }, (_, c) => ({ width: c === 1 ? 28 : 16 }));
  sheet.addRow([heading(meta, figures)]).font = { bold: true, size: 13 };
  for (const section of roundSections(figures)) {
    sheet.addRow([]);
    sheet.addRow([section.title]).font = { bold: true };
    sheet.addRow(section.header).font = { bold: true };
    for (const cells of section.rows) {
      const row = sheet.addRow(cells.map((cell, c) => (section.numeric.includes(c) && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell)));
      section.numeric.forEach((c) => (row.getCell(c + 1).numFmt = '0.00'));
    }
  }
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
};
