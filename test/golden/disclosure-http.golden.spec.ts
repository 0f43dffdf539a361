import { useTestApp } from '../support/test-app';
import {
  BUDGET_URL as B,
  TABLE_IDS,
  bodyAfterColumnNumbers,
  firstDifference,
  loadBudgetFacts,
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
  let dept: string;
  let finance: string;
  let draftTables: Table[];

  beforeAll(async () => {
    dept = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
    const imported = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
    if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${imported.text}`);
    const tables = await t.request('GET', `${B}/tables?version=draft`, { token: dept });
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
    const single = await t.request('GET', `${B}/tables/T6?version=draft`, { token: dept });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 'draft', unit: '万元' });
    expect(single.body.table).toEqual(tableById('T6'));
    // Without a version the department reads its draft too.
    expect((await t.request('GET', `${B}/tables/T6`, { token: dept })).body.table).toEqual(tableById('T6'));
  });

  it('consistency reports exactly the two cost-indicator mismatches and nothing else', async () => {
    const response = await t.request('GET', `${B}/consistency`, { token: dept });
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
    const response = await t.request('GET', `${B}/disclosure`, { token: dept });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ department: '501', fiscalYear: 2024, version: 'draft' });
    const { narrative } = response.body;
    expect(Array.isArray(narrative.sections)).toBe(true);
    expect(Array.isArray(narrative.figures)).toBe(true);
    expect(Array.isArray(response.body.performanceGoals)).toBe(true);

    const figures: Array<{ key: string; printed: string; amount: string }> = narrative.figures;
    const printed = (key: string) => {
      const found = figures.find((figure) => figure.key === key);
      if (!found) throw new Error(`no narrative figure ${key}; keys: ${figures.map((f) => f.key).join(', ')}`);
      return found.printed;
    };
    const signed = (key: string) => {
      const found = figures.find((figure) => figure.key === key)!;
      return (String(found.amount).startsWith('-') ? '-' : '+') + printed(key);
    };
    expect(printed('income.total')).toBe('654.24');
    expect(printed('expenditure.total')).toBe('654.24');
    expect(printed('expenditure.basic')).toBe('199.84');
    expect(printed('expenditure.personnel')).toBe('183.94');
    expect(printed('expenditure.publicUse')).toBe('15.90');
    expect(printed('expenditure.project')).toBe('454.40');
    expect(signed('change.total')).toBe('+210.08');
    expect(signed('change.basic')).toBe('-121.52');
    expect(signed('change.project')).toBe('+331.60');
    expect(printed('runningCosts')).toBe('15.90');
    expect(printed('threePublic.total')).toBe('1.80');
    expect(signed('threePublic.change')).toBe('-0.10');

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
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: finance })).status).toBe(200);
    expect((await t.request('POST', `${B}/versions/1/publish`, { token: finance })).status).toBe(200);

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
