import { createTestApp, getCaughtUp, type TestApp } from '../support/test-app';
import { GENERAL, budgetFacts } from '../support/budget-facts';
import { rowsOf, type ServedTable } from '../support/real-budget-workflow';

/**
 * Catalog entries valid for years and for units, over HTTP: an admin reserves a unit's own sub-number of a 302 款
 * for that unit and retires a code from a year; budgets are checked against it with stable codes; a renamed entry
 * renames the draft's rows while an approved version keeps the names in force when it was approved.
 */
const budget = (department: string, fiscalYear: number, lines: Array<{ economicCode: string; unit: string; amount: string }>) =>
  budgetFacts({ code: department, name: '测试县卫生健康局' }, {
    fiscalYear,
    units: [
      { code: `${department}001`, name: '测试县卫生健康局本级', unitKind: '行政', parent: department },
      { code: `${department}002`, name: '测试县疾病预防控制中心', unitKind: '事业', parent: `${department}001` },
    ],
    income: [{ source: '一般公共预算拨款收入', amount: lines.reduce((sum, line) => sum + Number(line.amount), 0).toFixed(2) }],
    basicExpenditureLines: lines.map((line) => ({ functionalCode: '2014001', fundSource: GENERAL, ...line })),
    projects: [],
  });

describe('catalog entries valid for years and units (golden)', () => {
  let t: TestApp;
  let admin: string;
  let finance: string;

  const tablesOf = async (url: string, token: string, after?: string): Promise<ServedTable[]> => {
    const response = await getCaughtUp(t, url, { token, after });
    expect(response.status).toBe(200);
    return response.body.tables;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.token('admin', undefined, 'admin-1');
    finance = await t.token('finance', undefined, 'finance-zhang');
    const loaded = await t.request('PUT', '/v1/catalogs/2024', {
      token: admin,
      body: { functional: [], economic: [{ code: '3020101', name: '办公费（疾控中心自编：检测耗材办公用品）', unit: '607002' }] },
    });
    expect(loaded.status).toBe(200);
    const retired = await t.request('PUT', '/v1/catalogs/2025', { token: admin, body: { functional: [], economic: [{ code: '30201', name: '办公费', retired: true }] } });
    expect(retired.status).toBe(200);
  });
  afterAll(() => t.close());

  it('the catalog lists the reserved entry with its unit, and no longer lists a retired one in that year', async () => {
    const catalog2024 = (await t.request('GET', '/v1/catalogs/2024', { token: admin })).body;
    expect(catalog2024.economic).toContainEqual({ code: '3020101', name: '办公费（疾控中心自编：检测耗材办公用品）', unit: '607002' });
    expect(catalog2024.economic.map((entry: { code: string }) => entry.code)).toContain('30201');
    const catalog2025 = (await t.request('GET', '/v1/catalogs/2025', { token: admin })).body;
    expect(catalog2025.economic.map((entry: { code: string }) => entry.code)).not.toContain('30201');
    // Retiring it again appends nothing; a 7-digit entry without its unit is refused.
    expect((await t.request('PUT', '/v1/catalogs/2025', { token: admin, body: { economic: [{ code: '30201', name: '办公费', retired: true }] } })).body.changed).toBe(false);
    const unowned = await t.request('PUT', '/v1/catalogs/2024', { token: admin, body: { economic: [{ code: '3020102', name: '自编' }] } });
    expect(unowned.status).toBe(400);
    expect(JSON.stringify(unowned.body)).toContain('economic[0].unit');
  });

  it("the unit's line under its own sub-number is accepted and printed under its 款 (T6: 30201 办公费)", async () => {
    const clerk = await t.token('department', '607', 'clerk-607');
    const document = budget('607', 2024, [
      { economicCode: '30101', unit: '607001', amount: '50.00' },
      { economicCode: '3020101', unit: '607002', amount: '3.25' },
    ]);
    const imported = await t.request('POST', '/v1/budgets/607/2024/import', { token: clerk, body: document });
    expect(imported.status).toBe(200);
    const read = await t.request('GET', '/v1/budgets/607/2024', { token: clerk });
    expect(read.body.basicExpenditureLines.map((line: { economicCode: string; unit: string }) => [line.economicCode, line.unit])).toEqual([
      ['30101', '607001'],
      ['3020101', '607002'],
    ]);
    expect(rowsOf(await tablesOf('/v1/budgets/607/2024/tables', clerk, imported.body.position), 'T6')).toEqual([
      ['1', '', '合计', '53.25', '50.00', '3.25'],
      ['2', '301', '工资福利支出', '50.00', '50.00', ''],
      ['3', '30101', '基本工资', '50.00', '50.00', ''],
      ['4', '302', '商品和服务支出', '3.25', '', '3.25'],
      ['5', '30201', '办公费', '3.25', '', '3.25'],
    ]);
  });

  it.each([
    { why: 'another unit using the reserved sub-number', department: '617', year: 2024, line: { economicCode: '3020101', unit: '617002' }, code: 'CODE_NOT_FOR_UNIT' },
    { why: 'a code retired from the year', department: '627', year: 2025, line: { economicCode: '30201', unit: '627001' }, code: 'CODE_RETIRED' },
  ])('$why is refused with $code and its path, importing nothing', async ({ department, year, line, code }) => {
    const clerk = await t.token('department', department, `clerk-${department}`);
    const url = `/v1/budgets/${department}/${year}`;
    const refused = await t.request('POST', `${url}/import`, { token: clerk, body: budget(department, year, [{ ...line, amount: '3.25' }]) });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe(code);
    expect(JSON.stringify(refused.body)).toContain('economicCode');
    expect((await t.request('GET', url, { token: clerk })).status).toBe(404);
  });

  it('a renamed entry renames the draft; the approved version keeps the name in force at its approval', async () => {
    const clerk = await t.token('department', '607', 'clerk-607');
    expect((await t.request('POST', '/v1/budgets/607/2024/submit', { token: clerk })).status).toBe(200);
    const approved = await t.request('POST', '/v1/budgets/607/2024/approve', { token: finance });
    expect(approved.status).toBe(200);
    await tablesOf('/v1/budgets/607/2024/tables?version=1', clerk, approved.body.position);
    const renamed = await t.request('PUT', '/v1/catalogs/2024', { token: admin, body: { economic: [{ code: '30201', name: '办公及印刷费' }] } });
    expect(renamed.status).toBe(200);
    const draft = await tablesOf('/v1/budgets/607/2024/tables', clerk, renamed.body.position);
    expect(rowsOf(draft, 'T6')[4].slice(1, 3)).toEqual(['30201', '办公及印刷费']);
    const version1 = await tablesOf('/v1/budgets/607/2024/tables?version=1', clerk);
    expect(rowsOf(version1, 'T6')[4].slice(1, 3)).toEqual(['30201', '办公费']);
  });
});
