import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { Decimal } from '@budgetflow/budget-domain';
import { TABLE_LAYOUTS, xlsxBodyStartRow, type DisclosureTable } from '@budgetflow/budget-projections';
import { useTestApp, useTokens } from '../support/test-app';
import { BUDGET_URL as B, TABLE_IDS, importFixtureDraftTables, loadBudgetFacts } from '../support/guantao-fixture';

/**
 * The disclosure served from its projection: exports (XLSX, CSV, Fiscal Data Package, printable HTML) hold the
 * same numbers as the JSON tables; drafts stay private, published versions are public; the county view sums the
 * departments by functional 类; a draft whose tables contradict each other cannot be submitted.
 */

/** A small budget in 元 for another department, built from the fixture's document (its catalog codes are loaded). */
const smallBudget = (department: string, name: string, lines: Array<{ functionalCode: string; economicCode: string; amount: string }>) => {
  const facts = loadBudgetFacts();
  const total = lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
  return {
    ...facts,
    department: { ...facts.department, code: department, name, unitName: `${name}本级` },
    unit: '元',
    income: [{ source: '一般公共预算拨款收入', amount: total.toFixed(2) }],
    carryOver: { fromLastYear: '0', toNextYear: '0' },
    basicExpenditureLines: lines.map((line) => ({ ...line, fundSource: '一般公共预算拨款' })),
    projects: [],
    priorYear: undefined,
    fixedAssets: undefined,
    procurement: [],
  };
};

describe('disclosure exports, visibility, county view and the submit gate (projection-backed)', () => {
  const t = useTestApp();
  const tokens = useTokens(t, { dept: ['department', '501', 'clerk-501'], finance: ['finance', undefined, 'finance-zhang'], admin: ['admin', undefined, 'admin-1'] });
  let tables: DisclosureTable[];

  beforeAll(async () => {
    tables = await importFixtureDraftTables(t, tokens.dept);
  });

  it('the XLSX opens with exceljs: one sheet per table, 单位：万元, the same numbers as the JSON, as numbers', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${B}/tables.xlsx`, headers: { authorization: `Bearer ${tokens.dept}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toContain('budget-501-2024-draft.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name.slice(0, 2))).toEqual([...TABLE_IDS, '情况']);
    let numbersCompared = 0;
    tables.forEach((table, index) => {
      const sheet = workbook.worksheets[index];
      expect(sheet.getCell(1, 1).value).toBe(table.title);
      expect(sheet.getCell(2, TABLE_LAYOUTS[table.id].columnCount).value).toBe('单位：万元');
      const start = xlsxBodyStartRow(table);
      table.rows.forEach((cells, r) =>
        cells.forEach((expected, c) => {
          const value = sheet.getCell(start + r, c + 1).value;
          if (TABLE_LAYOUTS[table.id].amountColumns.includes(c) && expected !== '') {
            expect(typeof value).toBe('number');
            expect((value as number).toFixed(2)).toBe(expected);
            numbersCompared++;
          } else {
            expect(value === null ? '' : String(value)).toBe(expected);
          }
        }),
      );
    });
    expect(numbersCompared).toBeGreaterThan(100);
    // Merged header cells, as printed.
    expect(Object.keys((workbook.worksheets[0] as unknown as { _merges: object })._merges).length).toBeGreaterThan(1);
  });

  it('each table as CSV: header down to 栏次, then exactly the JSON body rows', async () => {
    for (const table of tables) {
      const response = await t.request('GET', `${B}/tables/${table.id}.csv`, { token: tokens.dept });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      // The UTF-8 BOM first, for Excel on Chinese Windows.
      expect(response.text.startsWith('\uFEFF')).toBe(true);
      const rows: string[][] = parse(response.text, { relax_column_count: true, bom: true });
      const header = TABLE_LAYOUTS[table.id].header;
      expect(rows.slice(0, header.length)).toEqual(header);
      expect(rows[header.length - 1][0]).toBe('栏次');
      expect(rows.slice(header.length)).toEqual(table.rows);
    }
    const unknown = await t.request('GET', `${B}/tables/T10.csv`, { token: tokens.dept });
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
  });

  it('the Fiscal Data Package is a zip with a valid descriptor whose CSV adds up to the tables', async () => {
    const response = await t.app.inject({ method: 'GET', url: `${B}/datapackage`, headers: { authorization: `Bearer ${tokens.dept}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const descriptor = JSON.parse(await zip.file('datapackage.json')!.async('string'));
    expect(descriptor.profile).toBe('fiscal-data-package');
    expect(descriptor.name).toBe('budget-501-2024');
    expect(descriptor.resources.map((resource: { path: string }) => resource.path)).toEqual(['budget-lines-proposed.csv']);
    for (const resource of descriptor.resources) {
      const csv = await zip.file(resource.path)!.async('string');
      expect(csv.startsWith('\uFEFF')).toBe(true);
      const [header, ...rows]: string[][] = parse(csv, { bom: true });
      expect(header).toEqual(resource.schema.fields.map((field: { name: string }) => field.name));
      const column = (name: string) => header.indexOf(name);
      expect(new Set(rows.map((row) => row[column('phase')]))).toEqual(new Set(['proposed']));
      const total = rows.reduce((sum, row) => sum.plus(row[column('amount')]), new Decimal(0));
      const t3Total = tables.find((table) => table.id === 'T3')!.rows[0][3];
      expect(total.dividedBy(10000).toFixed(2)).toBe(t3Total);
    }
    expect(descriptor.model.measures.amount.source).toBe('amount');
  });

  it('the printable HTML holds every table, the narrative, goal tables, procurement and fixed assets, all text escaped', async () => {
    const hostile = loadBudgetFacts();
    hostile.department = { ...hostile.department, code: '504', name: '测试局<script>alert("x")</script>&' };
    hostile.projects[0].name = '<img src=x onerror=alert(1)>项目';
    const clerk504 = await t.token('department', '504', 'clerk-504');
    const imported = await t.request('POST', '/v1/budgets/504/2024/import', { token: clerk504, body: hostile });
    expect(imported.status).toBe(200);
    const page = await t.request('GET', `/v1/budgets/504/2024/disclosure.html?after=${imported.body.position}`, { token: clerk504 });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).not.toContain('<script>');
    expect(page.text).not.toContain('<img');
    expect(page.text).toContain('测试局&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;项目绩效目标表');

    const fixturePage = await t.request('GET', `${B}/disclosure.html`, { token: tokens.dept });
    for (const table of tables) expect(fixturePage.text).toContain(`id="${table.id}"`);
    for (const text of ['2024年预算收入654.24万元', '机关运行经费共计安排15.90万元', '群众工作中心运维经费绩效目标表', '部门政府采购预算', '注：无政府采购预算，空表列示。', '部门固定资产占用情况表', '截止时间：2023-12-31', '111.10']) {
      expect(fixturePage.text).toContain(text);
    }
    // The T1 total row as the HTML prints it carries the JSON's figure.
    expect(fixturePage.text).toContain(`<td class="amount">${tables[0].rows.find((row) => row[1] === '收入总计')![2]}</td>`);
  });

  it('/disclosure carries 机关运行经费, procurement and fixed assets from the same numbers', async () => {
    const response = await t.request('GET', `${B}/disclosure`, { token: tokens.dept });
    expect(response.status).toBe(200);
    const facts = loadBudgetFacts();
    expect(response.body.runningCosts).toMatchObject({ applies: true, amount: '15.90' });
    // 机关运行经费 = T6 公用经费 合计.
    expect(response.body.runningCosts.amount).toBe(tables.find((table) => table.id === 'T6')!.rows[0][5]);
    expect(response.body.fixedAssets.rows[0]).toEqual(['资产总额', '', facts.fixedAssets.total]);
    expect(response.body.fixedAssets.rows[3]).toEqual(['2、车辆（台、辆）', String(facts.fixedAssets.vehicles.count), facts.fixedAssets.vehicles.value]);
    expect(response.body.procurement.notes).toContain('注：无政府采购预算，空表列示。');
    expect(response.body.performanceGoals).toHaveLength(facts.projects.length);
  });

  it('drafts are private in every format; a published version is public in every format', async () => {
    const before = await t.eventCount();
    for (const path of ['tables.xlsx', 'tables/T1.csv', 'disclosure.html', 'datapackage', 'tables', 'consistency']) {
      const anonymous = await t.request('GET', `${B}/${path}`);
      expect([path, anonymous.status]).toEqual([path, 404]);
      expect(anonymous.body.code).toBe('NOT_FOUND');
      const otherDepartment = await t.request('GET', `${B}/${path}?version=draft`, { token: await t.token('department', '502', 'clerk-502') });
      expect([path, otherDepartment.status]).toEqual([path, 404]);
    }
    expect(await t.eventCount()).toBe(before);

    expect((await t.request('POST', `${B}/submit`, { token: tokens.dept })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: tokens.finance })).status).toBe(200);
    const published = await t.request('POST', `${B}/versions/1/publish`, { token: tokens.finance });
    expect(published.status).toBe(200);

    const xlsx = await t.app.inject({ method: 'GET', url: `${B}/tables.xlsx?after=${published.body.position}` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('budget-501-2024-v1.xlsx');
    const csv = await t.request('GET', `${B}/tables/T3.csv`);
    expect(csv.status).toBe(200);
    expect(parse(csv.text, { relax_column_count: true, bom: true }).slice(TABLE_LAYOUTS.T3.header.length)).toEqual(tables.find((table) => table.id === 'T3')!.rows);
    const html = await t.request('GET', `${B}/disclosure.html`);
    expect(html.status).toBe(200);
    expect(html.text).toContain('第1版（已公开）');
    const pkg = await t.app.inject({ method: 'GET', url: `${B}/datapackage` });
    expect(pkg.statusCode).toBe(200);
    const descriptor = JSON.parse(await (await JSZip.loadAsync(pkg.rawPayload)).file('datapackage.json')!.async('string'));
    expect(descriptor.resources.map((resource: { path: string }) => resource.path)).toEqual(['budget-lines-approved.csv']);
  });

  it('bad query values are 400 problem+json with field errors, and nothing is appended', async () => {
    const before = await t.eventCount();
    for (const [url, field] of [
      [`${B}/tables?version=latest`, 'version'],
      [`${B}/tables?after=abc`, 'after'],
      [`${B}/tables.xlsx?version=-1`, 'version'],
      ['/v1/county/20x4/functional-classes', 'year'],
      ['/v1/county/2024/functional-classes?version=draft', 'version'],
    ] as const) {
      const response = await t.request('GET', url, { token: tokens.finance });
      expect([url, response.status]).toEqual([url, 400]);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(await t.eventCount()).toBe(before);
  });

  it('the county view sums every department by functional 类 (finance, supervisor, admin only)', async () => {
    const clerk503 = await t.token('department', '503', 'clerk-503');
    const small = smallBudget('503', '测试规划局', [
      { functionalCode: '2120101', economicCode: '30201', amount: '12345.67' },
      { functionalCode: '2014001', economicCode: '30101', amount: '1000.00' },
    ]);
    const imported = await t.request('POST', '/v1/budgets/503/2024/import', { token: clerk503, body: small });
    expect(imported.status).toBe(200);

    const response = await t.request('GET', `/v1/county/2024/functional-classes?after=${imported.body.position}`, { token: await t.token('supervisor', undefined, 'npc-1') });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ fiscalYear: 2024, version: 'current', unit: '元' });

    // Expected totals computed from the documents the departments imported (501 in 万元, 503 and 504 in 元).
    const expected = new Map<string, Decimal>();
    const add = (code: string, amount: Decimal) => expected.set(code.slice(0, 3), (expected.get(code.slice(0, 3)) ?? new Decimal(0)).plus(amount));
    for (const facts of [loadBudgetFacts(), loadBudgetFacts()]) {
      for (const line of facts.basicExpenditureLines) add(line.functionalCode, new Decimal(line.amount).times(10000));
      for (const project of facts.projects) {
        for (const part of project.lines?.length ? project.lines : [project]) add(part.functionalCode, new Decimal(part.amount).times(10000));
      }
    }
    for (const line of small.basicExpenditureLines) add(line.functionalCode, new Decimal(line.amount));
    expect(response.body.functionalClasses.map((row: { code: string; total: string }) => [row.code, row.total])).toEqual(
      [...expected.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, total]) => [code, total.toFixed(2)]),
    );
    const grand = [...expected.values()].reduce((sum, amount) => sum.plus(amount), new Decimal(0));
    expect(response.body.total.total).toBe(grand.toFixed(2));
    const class212 = response.body.functionalClasses.find((row: { code: string }) => row.code === '212');
    expect(class212).toMatchObject({ name: '城乡社区支出', departments: 1, basic: '12345.67', project: '0.00' });
    expect(response.body.departments.map((row: { department: string; total: string }) => [row.department, row.total])).toEqual([
      ['501', new Decimal('654.24').times(10000).toFixed(2)],
      ['503', '13345.67'],
      ['504', new Decimal('654.24').times(10000).toFixed(2)],
    ]);

    // Only published versions: 501 alone.
    const publishedOnly = await t.request('GET', '/v1/county/2024/functional-classes?version=published', { token: tokens.finance });
    expect(publishedOnly.body.departments.map((row: { department: string; version: number }) => [row.department, row.version])).toEqual([['501', 1]]);

    const forbidden = await t.request('GET', '/v1/county/2024/functional-classes', { token: tokens.dept });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    expect((await t.request('GET', '/v1/county/2024/functional-classes')).status).toBe(401);
    expect((await t.request('GET', '/v1/county/2024/functional-classes', { token: tokens.admin })).status).toBe(200);
  });

  it('submit is not refused when printed cells differ only by rounding: exact amounts tie, the difference is an info note', async () => {
    // 50 元 + 50 元 print as 0.01 + 0.01 万元 while their total of 100 元 prints as 0.01: T6 合计 ≠ 人员经费 + 公用经费 in
    // print, yet the exact amounts tie to the fen. The gate compares exact amounts (a real publication prints exactly this).
    const clerk505 = await t.token('department', '505', 'clerk-505');
    const imported = await t.request('POST', '/v1/budgets/505/2024/import', {
      token: clerk505,
      body: smallBudget('505', '测试局', [
        { functionalCode: '2014001', economicCode: '30101', amount: '50.00' },
        { functionalCode: '2014001', economicCode: '30201', amount: '50.00' },
      ]),
    });
    expect(imported.status).toBe(200);
    const findings = await t.request('GET', `/v1/budgets/505/2024/consistency?after=${imported.body.position}`, { token: clerk505 });
    expect(findings.body.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(findings.body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'PRINTED_ROUNDING_DIFFERENCE', severity: 'info', ref: 'T6[0]' })]),
    );

    // Finance or another department learn nothing of the draft's checks: they get the decider's refusal.
    const before = await t.eventCount();
    const byOther = await t.request('POST', '/v1/budgets/505/2024/submit', { token: await t.token('department', '506', 'clerk-506') });
    expect(byOther.status).toBe(403);
    expect(byOther.body.findings).toBeUndefined();
    expect(await t.eventCount()).toBe(before);

    const submitted = await t.request('POST', '/v1/budgets/505/2024/submit', { token: clerk505 });
    expect(submitted.status).toBe(200);
    expect((await t.request('GET', '/v1/budgets/505/2024', { token: clerk505 })).body.status).toBe('submitted');
  });

  it('warnings never block: the fixture, with its two cost-indicator warnings, was submitted', async () => {
    const consistency = await t.request('GET', `${B}/consistency?version=1`, { token: tokens.dept });
    expect(consistency.body.findings.map((f: { severity: string }) => f.severity)).toEqual(['warning', 'warning']);
    const budget = await t.request('GET', B, { token: tokens.dept });
    expect(budget.body.status).toBe('published');
    // One finding, shown once: the cost indicators are 勾稽 findings, not draft warnings besides.
    expect(consistency.body.findings.map((f: { code: string }) => f.code)).toEqual(['COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT']);
    const draft = await t.request('GET', `${B}?version=draft`, { token: tokens.dept });
    expect(draft.body.warnings.filter((w: { message: string }) => w.message.includes('成本指标'))).toEqual([]);
  });

  it('a catalog change renames the draft tables; an approved version keeps the names it was approved with', async () => {
    const loaded = await t.request('PUT', '/v1/catalogs/2024', { token: tokens.admin, body: { functional: [{ code: '20140', name: '信访事务（新名称）' }], economic: [] } });
    expect(loaded.status).toBe(200);
    const draft = await t.request('GET', `${B}/tables/T3?version=draft`, { token: tokens.dept });
    expect(draft.status).toBe(200);
    expect(draft.body.table.rows.find((row: string[]) => row[1] === '20140')[2]).toBe('信访事务（新名称）');
    const approved = await t.request('GET', `${B}/tables/T3?version=1`);
    expect(approved.body.table.rows.find((row: string[]) => row[1] === '20140')[2]).toBe('信访事务');
  });
});
