import Decimal from 'decimal.js';
import type { BudgetContent, CatalogNames } from './domain';
import {
  blockingFindings,
  disclosureHtml,
  escapeHtml,
  fiscalDataPackageOfPhases,
  functionalClassTotals,
  renderDisclosureDocument,
  renderProcurement,
} from './index';

const wan = (text: string) => new Decimal(text).times(10000);
const names: Record<string, string> = { '201': '一般公共服务支出', '20101': '人大事务', '2010101': '行政运行', '212': '城乡社区支出', '30101': '基本工资', '30201': '办公费' };
const catalog: CatalogNames = { functionalName: (c) => names[c], economicName: (c) => names[c] };

const content = (basic: Array<[string, string, string]>, unitKind: '行政' | '事业' = '行政'): BudgetContent => ({
  department: { code: '901', name: '测试局', unitKind },
  fiscalYear: 2024,
  income: [{ source: '一般公共预算拨款收入', amount: basic.reduce((sum, [, , amount]) => sum.plus(amount), new Decimal(0)) }],
  carryOver: { fromLastYear: new Decimal(0), toNextYear: new Decimal(0) },
  basicExpenditureLines: basic.map(([functionalCode, economicCode, amount], i) => ({
    lineId: `b${i}`, functionalCode, economicCode, fundSource: '一般公共预算拨款', amount: new Decimal(amount),
  })),
  projects: [],
  procurement: [],
});

describe('renderDisclosureDocument', () => {
  it('does not block when only rounding separates printed cells whose exact amounts tie (50 元 + 50 元 print 0.01 + 0.01, their total 0.01)', () => {
    const document = renderDisclosureDocument(content([['2010101', '30101', '50'], ['2010101', '30201', '50']]), catalog, 'proposed');
    expect(blockingFindings(document.findings)).toEqual([]);
    const t6 = document.tables.find((table) => table.id === 'T6')!;
    expect(t6.rows[0].slice(3)).toEqual(['0.01', '0.01', '0.01']);
    const notes = document.findings.filter((finding) => finding.code === 'PRINTED_ROUNDING_DIFFERENCE');
    expect(notes.map((finding) => [finding.severity, finding.ref])).toEqual(expect.arrayContaining([['info', 'T6[0]']]));
    expect(notes.every((finding) => finding.message.includes('四舍五入'))).toBe(true);
  });

  it('passes when the amounts print exactly', () => {
    const document = renderDisclosureDocument(content([['2010101', '30101', '10000'], ['2010101', '30201', '10000']]), catalog, 'proposed');
    expect(document.findings).toEqual([]);
    expect(document.runningCosts).toMatchObject({ applies: true, amount: '1.00' });
    expect(document.fiscalData.phase).toBe('proposed');
    expect(document.narrative.figures.find((figure) => figure.key === 'income.total')?.amount).toBe('20000.00');
  });

  it('事业 units report no 机关运行经费', () => {
    const document = renderDisclosureDocument(content([['2010101', '30201', '10000']], '事业'), catalog, 'approved');
    expect(document.runningCosts).toMatchObject({ applies: false, amount: '0.00' });
  });
});

describe('renderProcurement', () => {
  it('prints a 合计 row then one row per item, amounts in 万元 under 合计', () => {
    const budget = { ...content([]), procurement: [{ item: '复印机', category: 'A02021101', amount: wan('1.5') }, { item: '电脑', amount: wan('0.6') }] };
    const table = renderProcurement(budget);
    expect(table.rows.map((row) => [row[0], row[2], row[3], row[7]])).toEqual([
      ['合计', '', '', '2.10'],
      ['', '复印机', 'A02021101', '1.50'],
      ['', '电脑', '', '0.60'],
    ]);
    expect(table.notes).not.toContain('注：无政府采购预算，空表列示。');
  });
});

describe('functionalClassTotals', () => {
  it('sums basic and project spending per 类 in 元, in code order', () => {
    const budget = content([['2120101', '30201', '300'], ['2010101', '30101', '100.50'], ['2010101', '30201', '0.25']]);
    budget.projects = [{
      code: 'P1', name: 'p', functionalCode: '2010101', fundSource: '一般公共预算拨款', amount: new Decimal(1000), fiscalFunds: new Decimal(1000),
      otherFunds: new Decimal(0), purpose: '', goal: '', spendingPlan: [], indicators: [], lines: [],
    }];
    expect(functionalClassTotals(budget, catalog).map((row) => [row.code, row.name, row.basic.toFixed(2), row.project.toFixed(2), row.total.toFixed(2)])).toEqual([
      ['201', '一般公共服务支出', '100.75', '1000.00', '1100.75'],
      ['212', '城乡社区支出', '300.00', '0.00', '300.00'],
    ]);
  });
});

describe('exports', () => {
  it('escapes every character that could open markup', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('prints merged headers as rowspan/colspan and every body cell', () => {
    const document = renderDisclosureDocument(content([['2010101', '30101', '10000']]), catalog, 'approved');
    const html = disclosureHtml(document, '第1版');
    expect(html).toMatch(/<th (rowspan|colspan)="\d+"/);
    for (const table of document.tables) for (const row of table.rows) for (const cell of row) expect(html).toContain(`>${escapeHtml(cell)}</td>`);
  });

  it('packs several phases side by side with one resource per phase', () => {
    const pkg = fiscalDataPackageOfPhases({ departmentCode: '901', departmentName: '测试局', fiscalYear: 2024 }, [
      { phase: 'approved', csv: 'a\r\n' },
      { phase: 'adjusted', csv: 'b\r\n' },
    ]);
    const descriptor = pkg['datapackage.json'] as { resources: Array<{ path: string }>; model: { measures: { amount: Record<string, unknown> } } };
    expect(descriptor.resources.map((resource) => resource.path)).toEqual(pkg.files.map((file) => file.name));
    expect(pkg.files.map((file) => file.name)).toEqual(['budget-lines-approved.csv', 'budget-lines-adjusted.csv']);
    expect(descriptor.model.measures.amount.phase).toBeUndefined();
  });
});
