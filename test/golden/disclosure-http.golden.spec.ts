import { useTestApp, useTokens } from '../support/test-app';
import {
  BUDGET_URL as B,
  TABLE_IDS,
  bodyAfterColumnNumbers,
  firstDifference,
  importFixture,
  loadPublishedTables,
  normaliseCell,
} from '../support/guantao-fixture';

/**
 * Golden test through HTTP: the fixture imported over the API, its nine disclosure tables, consistency
 * findings and narrative figures read back over the API and compared with the published 2024 budget of
 * 馆陶县信访局 (department 501), transcribed cell by cell in published-tables.json (entries 0..8 are T1..T9).
 */
const published = loadPublishedTables();

interface Table {
  id: string;
  title: string;
  rows: string[][];
}

describe('馆陶县信访局 2024: disclosure tables over HTTP (golden)', () => {
  const t = useTestApp();
  const tokens = useTokens(t, { dept: ['department', '501', 'clerk-501'], finance: ['finance', undefined, 'finance-zhang'] });
  let draftTables: Table[];

  beforeAll(async () => {
    await importFixture(t, tokens.dept);
    const tables = await t.request('GET', `${B}/tables?version=draft`, { token: tokens.dept });
    if (tables.status !== 200) throw new Error(`tables failed: ${tables.status} ${tables.text}`);
    expect(tables.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 'draft', unit: '万元' });
    draftTables = tables.body.tables;
  });

  const tableById = (id: string): Table => {
    const table = draftTables.find((candidate) => candidate.id === id);
    if (!table) throw new Error(`table ${id} not served`);
    return table;
  };

  it('serves exactly T1..T9 in order', () => {
    expect(draftTables.map((table) => table.id)).toEqual([...TABLE_IDS]);
  });

  it.each(TABLE_IDS.map((id, index) => [id, index] as const))('%s matches the published table cell for cell', (id, index) => {
    const expected = bodyAfterColumnNumbers(published[index].rows ?? []);
    expect(firstDifference(`${id} body`, expected, tableById(id).rows)).toBeNull();
  });

  it('the comparison names the first differing row', () => {
    const t6 = tableById('T6').rows.map((row) => [...row]);
    t6[4][3] = '13.30';
    const message = firstDifference('T6 body', bodyAfterColumnNumbers(published[5].rows ?? []), t6);
    expect(message).toContain('T6 body row 4 differs');
    expect(message).toContain('expected:');
    expect(message).toContain('actual:');
  });

  it('GET /tables/T6 is the T6 of the list', async () => {
    const single = await t.request('GET', `${B}/tables/T6?version=draft`, { token: tokens.dept });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 'draft', unit: '万元' });
    expect(single.body.table).toEqual(tableById('T6'));
    // Without a version the department reads its draft too.
    expect((await t.request('GET', `${B}/tables/T6`, { token: tokens.dept })).body.table).toEqual(tableById('T6'));
  });

  it('consistency reports exactly the two cost-indicator mismatches and nothing else', async () => {
    const response = await t.request('GET', `${B}/consistency`, { token: tokens.dept });
    expect(response.status).toBe(200);
    const findings: Array<{ code: string; severity: string; ref: string; message: string }> = response.body.findings;
    expect(findings).toHaveLength(2);
    expect(findings.map(({ code, severity, ref }) => ({ code, severity, ref }))).toEqual([
      { code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', severity: 'warning', ref: 'projects[0].indicators[3]' },
      { code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', severity: 'warning', ref: 'projects[1].indicators[3]' },
    ]);
    const byProject = (name: string) => {
      const found = findings.find((finding) => finding.message.includes(name));
      if (!found) throw new Error(`no finding for ${name}: ${JSON.stringify(findings)}`);
      return normaliseCell(found.message);
    };
    expect(byProject('信访维稳工作经费')).toContain('72.4万元');
    expect(byProject('信访维稳工作经费')).toContain('40.00');
    expect(byProject('群众工作中心运维经费')).toContain('5万元');
    expect(byProject('群众工作中心运维经费')).toContain('4.00');
  });

  it('the disclosure narrative carries the published figures', async () => {
    const response = await t.request('GET', `${B}/disclosure`, { token: tokens.dept });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 'draft' });
    const { narrative } = response.body;
    expect(Array.isArray(narrative.sections)).toBe(true);
    expect(Array.isArray(narrative.figures)).toBe(true);
    expect(Array.isArray(response.body.performanceGoals)).toBe(true);

    const figures: Array<{ key: string; printed: string; amount: string }> = narrative.figures;
    // Each figure as printed; a change (expected with its sign) carries the sign of its exact amount.
    const expectedFigures: Record<string, string> = {
      'income.total': '654.24', 'expenditure.total': '654.24', 'expenditure.basic': '199.84', 'expenditure.personnel': '183.94',
      'expenditure.publicUse': '15.90', 'expenditure.project': '454.40', runningCosts: '15.90', 'threePublic.total': '1.80',
      'change.total': '+210.08', 'change.basic': '-121.52', 'change.project': '+331.60', 'threePublic.change': '-0.10',
    };
    const shown = Object.entries(expectedFigures).map(([key, expected]) => {
      const found = figures.find((figure) => figure.key === key);
      if (!found) throw new Error(`no narrative figure ${key}; keys: ${figures.map((f) => f.key).join(', ')}`);
      const sign = /^[+-]/.test(expected) ? (String(found.amount).startsWith('-') ? '-' : '+') : '';
      return [key, sign + found.printed];
    });
    expect(Object.fromEntries(shown)).toEqual(expectedFigures);

    const allPrinted = figures.map((figure) => figure.printed);
    for (const figure of ['654.24', '199.84', '183.94', '15.90', '454.40', '210.08', '121.52', '331.60', '1.80', '0.10']) {
      expect(allPrinted).toContain(figure);
    }
    // The sentences say the same numbers the figures carry.
    const text = narrative.sections.flatMap((section: { paragraphs: string[] }) => section.paragraphs).map(normaliseCell).join('\n');
    for (const phrase of ['2024年预算收入654.24万元', '基本支出199.84万元', '人员经费183.94万元', '日常公用经费15.90万元', '项目支出454.40万元', '增加210.08万元', '减少121.52万元', '增加331.60万元', '机关运行经费共计安排15.90万元', '“三公”经费预算安排1.80万元', '减少0.10万元']) {
      expect(text).toContain(phrase);
    }
  });

  it('after approval and publication the published tables equal the draft tables', async () => {
    expect((await t.request('POST', `${B}/submit`, { token: tokens.dept })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: tokens.finance })).status).toBe(200);
    expect((await t.request('POST', `${B}/versions/1/publish`, { token: tokens.finance })).status).toBe(200);

    const publicTables = await t.request('GET', `${B}/tables?version=published`);
    expect(publicTables.status).toBe(200);
    expect(publicTables.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 1, unit: '万元' });
    expect(publicTables.body.tables).toEqual(draftTables);
    TABLE_IDS.forEach((id, index) => {
      const served = publicTables.body.tables.find((table: Table) => table.id === id);
      expect(firstDifference(`${id} published body`, bodyAfterColumnNumbers(published[index].rows ?? []), served.rows)).toBeNull();
    });
  });
});
