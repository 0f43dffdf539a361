import type { SectionTable } from './department-sections';
import type { DisclosureDocument } from './disclosure-document';
import type { DisclosureChapter } from './document-chapters';
import type { DisclosureTable } from './disclosure-tables';
import { TABLE_LAYOUTS, type HeaderMerge } from './table-layouts';

/** Every text that reaches the page goes through here: the content is typed by departments. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

const cell = (tag: 'td' | 'th', text: string, attributes = ''): string => `<${tag}${attributes}>${escapeHtml(text)}</${tag}>`;

/** Header rows with their merged cells as rowspan/colspan; cells covered by a merge are left out. */
const headerHtml = (header: readonly string[][], merges: readonly HeaderMerge[]): string => {
  const covered = new Set<string>();
  const spanAt = new Map<string, HeaderMerge>();
  for (const m of merges) {
    spanAt.set(`${m.top},${m.left}`, m);
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }
  return header
    .map((row, r) => {
      const cells = row.map((text, c) => {
        if (covered.has(`${r},${c}`)) return '';
        const m = spanAt.get(`${r},${c}`);
        const rowspan = m && m.bottom > m.top ? ` rowspan="${m.bottom - m.top + 1}"` : '';
        const colspan = m && m.right > m.left ? ` colspan="${m.right - m.left + 1}"` : '';
        return cell('th', text, rowspan + colspan);
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
};

const bodyHtml = (rows: readonly string[][], amountColumns: readonly number[] = []): string =>
  rows.map((row) => `<tr>${row.map((text, c) => cell('td', text, amountColumns.includes(c) ? ' class="amount"' : '')).join('')}</tr>`).join('\n');

const disclosureTableHtml = (table: DisclosureTable, caption: string): string => {
  const layout = TABLE_LAYOUTS[table.id];
  const blank = table.rows.every((row) => row.every((text) => text === ''));
  return [
    `<section class="table" id="${table.id}">`,
    `<h3>${escapeHtml(table.title)}</h3>`,
    `<p class="caption"><span>${escapeHtml(caption)}</span><span>单位：万元</span></p>`,
    '<table>',
    `<thead>\n${headerHtml(layout.header, layout.merges)}\n</thead>`,
    `<tbody>\n${bodyHtml(table.rows, layout.amountColumns)}\n</tbody>`,
    '</table>',
    layout.emptyNote && blank ? `<p class="note">${escapeHtml(layout.emptyNote)}</p>` : '',
    '</section>',
  ].join('\n');
};

const sectionTableHtml = (section: SectionTable): string =>
  [
    `<h3>${escapeHtml(section.title)}</h3>`,
    `<p class="caption">${section.caption.map((text) => `<span>${escapeHtml(text)}</span>`).join('')}</p>`,
    '<table>',
    section.header.length === 0 ? '' : `<thead>\n${section.header.map((row) => `<tr>${row.map((text) => cell('th', text)).join('')}</tr>`).join('\n')}\n</thead>`,
    `<tbody>\n${bodyHtml(section.rows)}\n</tbody>`,
    '</table>',
    ...section.notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
  ]
    .filter((part) => part !== '')
    .join('\n');

/** One chapter of the 情况说明: its heading, its paragraphs, its tables (each kept on one page where it fits). */
const chapterHtml = (chapter: DisclosureChapter): string =>
  [
    `<section class="chapter">`,
    `<h2>${escapeHtml(chapter.heading)}</h2>`,
    ...chapter.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...chapter.tables.map((table) => `<section class="goal">\n${sectionTableHtml(table)}\n</section>`),
    '</section>',
  ].join('\n');

const STYLE = `
body { font-family: "SimSun", "Songti SC", serif; margin: 2em auto; max-width: 60em; color: #000; }
h1 { text-align: center; font-size: 1.6em; } h2 { font-size: 1.3em; margin-top: 2em; } h3 { text-align: center; font-size: 1.1em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 0.5em; font-size: 0.9em; }
th, td { border: 1px solid #000; padding: 0.2em 0.4em; } th { font-weight: bold; text-align: center; }
td.amount { text-align: right; white-space: nowrap; }
p.caption { display: flex; justify-content: space-between; margin: 0.2em 0; } p.note { font-size: 0.9em; }
section.table, section.goal { page-break-inside: avoid; } section.chapter p { text-indent: 2em; }
@media print { section.table { page-break-after: always; } body { margin: 0; } }`;

/**
 * The whole disclosure of one version as one printable Chinese HTML page: the nine tables with their merged
 * headers, then the 情况说明 chapter by chapter (职责及机构, 总体情况, 机关运行经费, “三公”, 整体绩效目标表, 专项资金,
 * 项目绩效目标表, 政府采购, 国有资产, 名词解释, 其他事项).
 */
export const disclosureHtml = (document: DisclosureDocument, versionLabel: string): string => {
  const { department, fiscalYear } = document;
  const title = `${department.name}${fiscalYear}年部门预算公开`;
  const caption = `${department.code}${department.name}`;
  const parts = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    `<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>`,
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="caption"><span>${escapeHtml(caption)}</span><span>${escapeHtml(versionLabel)}</span></p>`,
    '<h2>第一部分　部门预算公开表</h2>',
    ...document.tables.map((table) => disclosureTableHtml(table, caption)),
    `<h2>第二部分　${escapeHtml(department.name)}${fiscalYear}年部门预算信息公开情况说明</h2>`,
    ...(document.chapters ? document.chapters.map(chapterHtml) : legacyExplanation(document)),
    '</body>',
    '</html>',
  ];
  return parts.filter((part) => part !== '').join('\n') + '\n';
};

/** The explanation of a document stored before chapters existed: the parts it has, in the published order. */
const legacyExplanation = (document: DisclosureDocument): string[] => {
  const running = document.runningCosts;
  return [
    ...document.narrative.sections.map(
      (section) => `<h3>${escapeHtml(section.heading)}</h3>\n${section.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}`,
    ),
    running.applies ? '' : `<h3>${escapeHtml(running.heading)}</h3>\n<p>本单位为事业单位，不涉及机关运行经费。</p>`,
    '<h2>七、部门项目预算安排情况及绩效目标</h2>',
    ...document.performanceGoals.map((goal) =>
      [
        `<section class="goal" id="goal-${escapeHtml(goal.projectCode)}">`,
        `<h3>${escapeHtml(goal.title)}</h3>`,
        '<p class="caption"><span></span><span>单位：万元</span></p>',
        `<table><tbody>\n${bodyHtml(goal.rows)}\n</tbody></table>`,
        '</section>',
      ].join('\n'),
    ),
    document.performanceGoals.length === 0 ? '<p>无</p>' : '',
    `<h2>${escapeHtml(document.procurement.heading)}</h2>`,
    sectionTableHtml(document.procurement),
    ...(document.fixedAssets ? [`<h2>${escapeHtml(document.fixedAssets.heading)}</h2>`, sectionTableHtml(document.fixedAssets)] : []),
  ];
};
