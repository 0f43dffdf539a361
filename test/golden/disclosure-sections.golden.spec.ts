import { readFileSync } from 'fs';
import { join } from 'path';
import { renderDisclosureDocument, renderDisclosureTables } from '@budgetflow/budget-projections';
import { catalogNamesFromEntries, parseBudgetFacts } from '@budgetflow/budget-domain';

/**
 * Golden test of the sections after the nine tables (馆陶县信访局 2024): 机关运行经费, 政府采购预算 (empty, with its
 * note) and 部门固定资产占用情况表, compared with the published document (published-tables.json entries 11, 17, 18).
 */
const fixtureDir = join(__dirname, '../fixtures/guantao-xinfang-2024');
const published: Array<{ title: string; rows?: string[][]; text?: string[] }> = JSON.parse(readFileSync(join(fixtureDir, 'published-tables.json'), 'utf8'));
const parsed = parseBudgetFacts(JSON.parse(readFileSync(join(fixtureDir, 'budget-facts.json'), 'utf8')));
if (!parsed.ok) throw new Error('fixture does not parse');
const { content, catalogUsed } = parsed.document;
const catalog = catalogNamesFromEntries(catalogUsed);
const document = renderDisclosureDocument(content, catalog, 'approved');
const plain = (rows: string[][]) => rows.map((row) => row.map((cell) => cell.replace(/\s+/g, '')));

describe('馆陶县信访局 2024: sections after the tables (golden)', () => {
  it('机关运行经费 is the published 15.90 and the T6 公用经费 total', () => {
    expect(published[11].text?.[0]).toContain(`机关运行经费共计安排${document.runningCosts.amount}万元`);
    expect(document.runningCosts).toMatchObject({ applies: true, amount: '15.90' });
    expect(document.tables.find((table) => table.id === 'T6')!.rows[0][5]).toBe(document.runningCosts.amount);
  });

  it('部门固定资产占用情况表 matches the published rows cell for cell', () => {
    const rows = published[18].rows!;
    expect(plain([document.fixedAssets!.caption])).toEqual(plain([rows[0]]));
    expect(plain(document.fixedAssets!.header)).toEqual(plain([rows[1]]));
    expect(plain(document.fixedAssets!.rows)).toEqual(plain(rows.slice(2)));
  });

  it('政府采购预算 is printed empty with its notes, under the published header', () => {
    const rows = published[17].rows!;
    expect(plain([document.procurement.caption])).toEqual(plain([rows[0]]));
    expect(document.procurement.rows).toEqual([Array.from({ length: 15 }, () => '')]);
    expect(plain(document.procurement.header)[0].filter(Boolean)).toEqual(plain([rows[1]])[0]);
    expect(plain(document.procurement.header)[1].filter(Boolean)).toEqual(plain([rows[2]])[0].filter(Boolean));
    expect(document.procurement.notes).toEqual(published[17].text!.slice(1));
  });

  it('the document is a pure function of the content: rendering twice gives the same JSON text', () => {
    expect(JSON.stringify(renderDisclosureDocument(content, catalog, 'approved'))).toBe(JSON.stringify(document));
    expect(document.tables).toEqual(renderDisclosureTables(content, catalog));
    expect(document.findings.map((finding) => finding.severity)).toEqual(['warning', 'warning']);
  });
});
