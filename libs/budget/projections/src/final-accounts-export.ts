import type ExcelJS from 'exceljs';
import { csvDocument, csvDownload } from './csv';
import { escapeHtml } from './disclosure-html';
import type { FinalAccounts, Figures } from './final-accounts';

/** One printed section of the final accounts: a title, a header row and rows of cells as printed (元). */
interface Section {
  title: string;
  header: string[];
  rows: string[][];
  /** Columns (0-based) holding amounts or percents: numbers in the workbook. */
  numeric: number[];
}

const FIGURE_HEADER = ['年初预算数', '调整后预算数', '决算数', '差额（预算−决算）', '执行率（%）'];
const figureCells = (f: Figures) => [f.initialBudget, f.finalBudget, f.actual, f.variance, f.executionRate];

const STATUS = { closed: '已结账', provisional: '未结账（临时数）' } as const;

/** The final accounts as printed sections, in the order of the printed 决算. */
export const finalAccountsSections = (fa: FinalAccounts): Section[] => [
  {
    title: '收支决算总表',
    header: ['项目', ...FIGURE_HEADER],
    rows: [
      ['支出合计', ...figureCells(fa.totals)],
      ['基本支出', ...figureCells(fa.basic)],
      ['项目支出', ...figureCells(fa.project)],
      ['年终结转', '', '', fa.totals.carriedOver, '', ''],
      ['年终结余（收回）', '', '', fa.totals.returned, '', ''],
    ],
    numeric: [1, 2, 3, 4, 5],
  },
  {
    title: '支出决算表（按支出功能分类科目）',
    header: ['科目编码', '科目名称', ...FIGURE_HEADER],
    rows: fa.byFunctionalClass.map((r) => [r.code, r.name, ...figureCells(r)]),
    numeric: [2, 3, 4, 5, 6],
  },
  {
    title: '支出决算表（按部门预算支出经济分类科目）',
    header: ['科目编码', '科目名称', ...FIGURE_HEADER],
    rows: fa.byEconomicClass.map((r) => [r.code, r.name, ...figureCells(r)]),
    numeric: [2, 3, 4, 5, 6],
  },
  {
    title: '项目支出决算表',
    header: ['项目编码', '项目名称', ...FIGURE_HEADER, '结转下年'],
    rows: fa.byProject.map((r) => [r.projectCode, r.name, ...figureCells(r), r.carriedOver]),
    numeric: [2, 3, 4, 5, 6, 7],
  },
  {
    title: '“三公”经费及机关运行经费决算表',
    header: ['项目', ...FIGURE_HEADER],
    rows: [
      ['“三公”经费合计', ...figureCells(fa.sanGong.total)],
      ...fa.sanGong.items.map((i) => [i.name, ...figureCells(i)]),
      ['机关运行经费', ...(fa.operatingExpenses.applies ? figureCells(fa.operatingExpenses) : ['', '', '', '', ''])],
    ],
    numeric: [1, 2, 3, 4, 5],
  },
  {
    title: `项目支出绩效自评表（权重：预算执行率 ${fa.selfEvaluationSummary.weights.budgetExecution} 分，产出指标 ${fa.selfEvaluationSummary.weights['产出指标']} 分，效益指标 ${fa.selfEvaluationSummary.weights['效益指标']} 分，满意度指标 ${fa.selfEvaluationSummary.weights['满意度指标']} 分）`,
    header: ['项目编码', '项目名称', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因', '分值', '得分'],
    rows: fa.selfEvaluation.flatMap((p) => [
      [p.projectCode, p.name, '预算执行率', '', '', '100%', `${p.executionRate}%`, '', String(fa.selfEvaluationSummary.weights.budgetExecution), p.budgetExecutionScore],
      ...p.indicators.map((i) => [p.projectCode, p.name, i.level1, i.level2, i.name, i.target, i.actual ?? '未报告', [i.deviationCause, i.deviationNote].filter(Boolean).join('：'), i.weight, i.score]),
      [p.projectCode, p.name, '总分', '', '', '', '', `等级：${p.grade}`, '100', p.score],
    ]),
    numeric: [8, 9],
  },
];

const heading = (fa: FinalAccounts) => `${fa.department} ${fa.departmentName} ${fa.fiscalYear} 年度部门决算（${STATUS[fa.status]}，单位：元）`;

/** All sections as one CSV (UTF-8 with BOM): each section's title row, header and rows, a blank row between sections. */
export const finalAccountsCsv = (fa: FinalAccounts): string =>
  csvDownload(csvDocument([[heading(fa)], ...finalAccountsSections(fa).flatMap((s) => [[], [s.title], s.header, ...s.rows])]));

/** One sheet per section, amounts as numbers with two decimals. */
export const finalAccountsXlsx = async (fa: FinalAccounts): Promise<Buffer> => {
  const Excel: typeof ExcelJS = (await import('exceljs')).default;
  const workbook = new Excel.Workbook();
  workbook.creator = 'budgetflow';
  finalAccountsSections(fa).forEach((section, index) => {
    const sheet = workbook.addWorksheet(`${index + 1} ${section.title}`.replace(/[\\/?*[\]:]/g, '').slice(0, 31));
    sheet.columns = section.header.map((_, c) => ({ width: section.numeric.includes(c) ? 16 : 24 }));
    const title = sheet.addRow([section.title]);
    title.font = { bold: true, size: 13 };
    sheet.addRow([heading(fa)]);
    const header = sheet.addRow(section.header);
    header.font = { bold: true };
    for (const cells of section.rows) {
      const row = sheet.addRow(cells.map((cell, c) => (section.numeric.includes(c) && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell === '' ? null : cell)));
      section.numeric.forEach((c) => (row.getCell(c + 1).numFmt = '0.00'));
    }
  });
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
};

/** A printable page: every section as a bordered table. */
export const finalAccountsHtml = (fa: FinalAccounts): string => {
  const table = (s: Section) =>
    `<h2>${escapeHtml(s.title)}</h2>\n<table>\n<thead><tr>${s.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n${s.rows
      .map((r) => `<tr>${r.map((c, i) => `<td${s.numeric.includes(i) ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
      .join('\n')}\n</tbody>\n</table>`;
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(heading(fa))}</title>
<style>body{font-family:"SimSun","Songti SC",serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em;width:100%}th,td{border:1px solid #000;padding:2px 6px;font-size:12px}td.n{text-align:right}h1{text-align:center;font-size:20px}h2{font-size:15px}@media print{h2{page-break-before:auto}}</style>
</head><body>
<h1>${escapeHtml(heading(fa))}</h1>
${finalAccountsSections(fa).map(table).join('\n')}
</body></html>
`;
};
