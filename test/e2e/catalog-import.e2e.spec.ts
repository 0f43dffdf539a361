import ExcelJS from 'exceljs';
import { loadBudgetFacts } from '../support/guantao-fixture';
import { useTestApp, useTokens } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The year's catalog from the file finance holds: a CSV or XLSX list of code and name, previewed (added, renamed,
 * retired, unchanged, errors per row with the line the file shows) and loaded by an administrator, exported back.
 * A real code the starter catalog lacks (2010801 审计事务 行政运行) loads and is then accepted in a budget.
 */
describe('POST /v1/catalogs/{year}/import and GET /v1/catalogs/{year}.csv|.xlsx', () => {
  const t = useTestApp();
  const tokens = useTokens(t, { admin: ['admin', undefined, 'admin-1'], clerk: ['department', '501', 'clerk-501'] });

  const post = (url: string, file: string | Buffer, token = tokens.admin, contentType = typeof file === 'string' ? 'text/csv' : XLSX, headers: Record<string, string> = {}) =>
    t.request('POST', url, { token, payload: file, headers: { 'content-type': contentType, ...headers } });
  const functionalNow = async (): Promise<Array<{ code: string; name: string }>> => (await t.request('GET', '/v1/catalogs/2024', { token: tokens.admin })).body.functional;
  /** The year's functional list as finance would send it: a title row, then 科目编码 / 科目名称, then the codes. */
  const functionalFile = (entries: Array<{ code: string; name: string }>) => ['2024年政府收支分类科目（支出功能分类）', '科目编码,科目名称', ...entries.map((e) => `${e.code},${e.name}`)].join('\r\n') + '\r\n';
  const withAudit = async () => [...(await functionalNow()), { code: '20108', name: '审计事务' }, { code: '2010801', name: '行政运行' }];
  const budgetWithAuditLine = () => {
    const facts = loadBudgetFacts();
    facts.basicExpenditureLines.push({ functionalCode: '2010801', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '1.00' });
    return facts;
  };

  it('refuses 2010801 in a budget before the catalog has it, saying where to add it', async () => {
    const response = await t.request('POST', '/v1/budgets/501/2024/import', { token: tokens.clerk, body: budgetWithAuditLine() });
    expect(response.status).toBe(422);
    expect(response.body.errors[0]).toMatchObject({ field: 'basicExpenditureLines[19].functionalCode', code: 'CODE_NOT_IN_CATALOG' });
    expect(response.body.errors[0].message).toMatch(/2010801.*分类目录.*系统管理员/);
  });

  it('previews a file without loading it: added, renamed, retired, unchanged, errors with file line numbers', async () => {
    const current = await functionalNow();
    const renamed = current.find((e) => e.code === '2014001')!;
    const dropped = current.find((e) => e.code.length === 7 && e.code !== '2014001')!;
    const entries = [...current.filter((e) => e !== dropped && e !== renamed), { code: '2014001', name: '行政运行（信访）' }, { code: '2010801', name: '行政运行' }];
    // A name with a line break inside quotes spans two lines: the rows after it are numbered as the file shows them.
    const file = functionalFile(entries) + '"2010802","一般行政\r\n管理事务"\r\n20108X,坏编码\r\n2010803,\r\n';
    const before = await t.eventCount();
    const response = await post('/v1/catalogs/2024/import?preview=1&kind=functional', file);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ preview: true, fiscalYear: 2024, counts: { added: 2, renamed: 1, retired: 1, unchanged: current.length - 2, errors: 2 } });
    expect(response.body.added.map((e: { code: string }) => e.code)).toEqual(['2010801', '2010802']);
    expect(response.body.renamed).toEqual([expect.objectContaining({ code: '2014001', name: '行政运行（信访）', before: renamed.name, level: '项' })]);
    expect(response.body.retired).toEqual([expect.objectContaining({ code: dropped.code, scheme: 'functional' })]);
    const lines = file.split('\r\n');
    const badLine = lines.indexOf('20108X,坏编码') + 1;
    expect(response.body.errors).toEqual([
      expect.objectContaining({ line: badLine, column: 'A', field: `line[${badLine}].A`, code: 'CATALOG_ENTRY_INVALID' }),
      expect.objectContaining({ line: badLine + 1, column: 'B', code: 'CATALOG_ENTRY_INVALID' }),
    ]);
    expect(response.body.errors[0].message).toMatch(new RegExp(`^第 ${badLine} 行 A 列：`));
    expect(await t.eventCount()).toBe(before);

    const refused = await post('/v1/catalogs/2024/import?kind=functional', file);
    expect([refused.status, refused.body.code]).toEqual([400, 'CATALOG_ENTRY_INVALID']);
    expect(refused.body.errors).toHaveLength(2);
    expect(await t.eventCount()).toBe(before);
  });

  it('loads a real code and the budget then accepts it; loading the same file again changes nothing', async () => {
    const file = functionalFile(await withAudit());
    const version = (await post('/v1/catalogs/2024/import?preview=1', file)).body.version;
    const stale = await post('/v1/catalogs/2024/import', file, tokens.admin, 'text/csv', { 'if-match': `"${version + 1}"` });
    expect(stale.status).toBe(412);
    const loaded = await post('/v1/catalogs/2024/import', file, tokens.admin, 'text/csv', { 'if-match': `"${version}"` });
    expect(loaded.status).toBe(200);
    expect(loaded.body).toMatchObject({ preview: false, changed: true, counts: { added: 2, renamed: 0, retired: 0 } });
    expect(loaded.headers['etag']).toBe(`"${loaded.body.version}"`);
    const again = await post('/v1/catalogs/2024/import', file);
    expect(again.body).toMatchObject({ changed: false, counts: { added: 0, renamed: 0, retired: 0 } });

    const budget = await t.request('POST', '/v1/budgets/501/2024/import', { token: tokens.clerk, body: budgetWithAuditLine() });
    expect(budget.status).toBe(200);
    const draft = (await t.request('GET', '/v1/budgets/501/2024', { token: tokens.clerk })).body;
    expect(draft.content.basicExpenditureLines.some((l: { functionalCode: string }) => l.functionalCode === '2010801')).toBe(true);
  });

  it('exports the catalog as CSV with a BOM and as XLSX, and both import back unchanged', async () => {
    const csv = await t.request('GET', '/v1/catalogs/2024.csv', { token: tokens.clerk });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.startsWith('\uFEFF分类,编码,名称,级次,单位\r\n')).toBe(true);
    expect(csv.text).toContain('支出功能分类,2010801,行政运行,项,');
    const fromCsv = await post('/v1/catalogs/2024/import?preview=1', csv.text);
    expect(fromCsv.body.counts).toMatchObject({ added: 0, renamed: 0, retired: 0, errors: 0 });

    const xlsx = await t.request('GET', '/v1/catalogs/2024.xlsx', { token: tokens.clerk });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([undefined, '分类', '编码', '名称', '级次', '单位']);
    const fromXlsx = await post('/v1/catalogs/2024/import?preview=1', xlsx.bytes);
    expect(fromXlsx.body.counts).toMatchObject({ added: 0, renamed: 0, retired: 0, errors: 0 });
    expect(fromXlsx.body.counts.unchanged).toBe(fromCsv.body.counts.unchanged);
  });

  it('is described in the OpenAPI document', async () => {
    const paths = (await t.request('GET', '/docs/openapi.json')).body.paths;
    const load = paths['/v1/catalogs/{year}/import'].post;
    expect(load.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['year', 'preview', 'kind']));
    expect(Object.keys(load.requestBody.content)).toEqual(['text/csv', XLSX]);
    expect(paths['/v1/catalogs/{year}.csv'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['year']);
    expect(paths['/v1/catalogs/{year}.xlsx'].get).toBeDefined();
  });

  it('refuses other roles, files that are not a list, and an unknown kind; nothing appended', async () => {
    const before = await t.eventCount();
    const file = functionalFile([{ code: '2010801', name: '行政运行' }]);
    for (const token of [tokens.clerk, await t.token('finance', undefined, 'finance-1'), await t.token('supervisor', undefined, 'sup-1')]) {
      const response = await post('/v1/catalogs/2024/import', file, token);
      expect([response.status, response.body.code]).toEqual([403, 'FORBIDDEN']);
    }
    expect((await t.request('POST', '/v1/catalogs/2024/import', { payload: file, headers: { 'content-type': 'text/csv' } })).status).toBe(401);
    const noHeader = await post('/v1/catalogs/2024/import', '2010801,行政运行\r\n');
    expect([noHeader.status, noHeader.body.code]).toEqual([400, 'CATALOG_FILE_INVALID']);
    const empty = await post('/v1/catalogs/2024/import', '');
    expect(empty.status).toBe(400);
    const junk = await post('/v1/catalogs/2024/import', Buffer.from('not a workbook'));
    expect([junk.status, junk.body.code]).toEqual([400, 'CATALOG_FILE_INVALID']);
    const json = await t.request('POST', '/v1/catalogs/2024/import', { token: tokens.admin, body: { functional: [] } });
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const kind = await post('/v1/catalogs/2024/import?kind=both', file);
    expect([kind.status, kind.body.errors[0].code]).toEqual([400, 'CATALOG_KIND_UNKNOWN']);
    expect(await t.eventCount()).toBe(before);
  });
});
