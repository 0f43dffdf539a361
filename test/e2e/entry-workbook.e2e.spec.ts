import ExcelJS from 'exceljs';
import { BUDGET_URL, loadBudgetFacts } from '../support/guantao-fixture';
import { createTestApp, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The entry workbook over HTTP: the fixture budget (馆陶县信访局 2024) downloaded as XLSX and uploaded back through the
 * JSON import's validation and atomic apply. Unchanged → nothing appended; one cell changed → that change; wrong
 * cells → every one named by sheet, row, column and header, nothing appended.
 */
describe('entry workbook: GET …/entry-workbook.xlsx and POST …/entry-workbook', () => {
  let t: TestApp;
  let clerk: string;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.token('department', '501', 'clerk-501');
    const imported = await t.request('POST', `${BUDGET_URL}/import`, { token: clerk, body: loadBudgetFacts() });
    expect(imported.status).toBe(200);
  });
  afterAll(() => t.close());

  const download = async (url = `${BUDGET_URL}/entry-workbook.xlsx`, token = clerk): Promise<Buffer> => {
    const response = await t.request('GET', url, { token });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(XLSX);
    return response.bytes;
  };
  const edit = async (bytes: Buffer, change: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    change(workbook);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  };
  /** The draft's workbook with these cells (`sheet!cell` → value) changed. */
  const downloadWithCells = async (cells: Record<string, ExcelJS.CellValue>): Promise<Buffer> =>
    edit(await download(), (workbook) => {
      for (const [at, value] of Object.entries(cells)) {
        const [sheet, cell] = at.split('!');
        workbook.getWorksheet(sheet)!.getCell(cell).value = value;
      }
    });
  const upload = (bytes: Buffer | string, token = clerk, url = `${BUDGET_URL}/entry-workbook`, contentType = XLSX) =>
    t.request('POST', url, { token, payload: bytes, headers: { 'content-type': contentType } });
  const budget = async () => (await t.request('GET', BUDGET_URL, { token: clerk })).body;

  it('uploads the downloaded workbook unchanged: nothing appended', async () => {
    const before = await t.eventCount();
    const response = await upload(await download());
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ imported: false, events: [] });
    expect(await t.eventCount()).toBe(before);
  });

  it('applies one changed cell as that change, and only it', async () => {
    const before = await budget();
    const line = before.content.basicExpenditureLines[0];
    const bytes = await edit(await download(), (workbook) => {
      const sheet = workbook.getWorksheet('基本支出')!;
      expect(String(sheet.getCell('A2').value)).toContain(line.functionalCode);
      sheet.getCell('D2').value = 780000.5;
    });
    const response = await upload(bytes);
    expect(response.status).toBe(200);
    expect(response.body.events).toEqual(['BasicLineRevised']);
    const after = await budget();
    expect(after.content.basicExpenditureLines.find((l: { lineId: string }) => l.lineId === line.lineId).amount).toBe('780000.50');
    // Put it back (the budget balances again for the tests after).
    const back = await upload(await downloadWithCells({ '基本支出!D2': Number(line.amount) }));
    expect(back.body.events).toEqual(['BasicLineRevised']);
  });

  it('refuses two wrong codes with 422 naming both cells, and appends nothing', async () => {
    const before = await t.eventCount();
    const response = await upload(await downloadWithCells({ '基本支出!B3': '30988', '项目!C2': '2019999' }));
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.code).toBe('CODE_NOT_IN_CATALOG');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '基本支出!B3', sheet: '基本支出', row: 3, column: 'B', header: '部门预算支出经济分类科目', code: 'CODE_NOT_IN_CATALOG' }),
        expect.objectContaining({ field: '项目!C2', sheet: '项目', row: 2, column: 'C', header: '支出功能分类科目', code: 'CODE_NOT_IN_CATALOG' }),
      ]),
    );
    expect(response.body.errors).toHaveLength(2);
    expect(response.body.errors[0].message).toMatch(/^基本支出 第 3 行 B 列（部门预算支出经济分类科目）：.*30988.*系统管理员/);
    expect(await t.eventCount()).toBe(before);
  });

  it('names cells the document parser refuses (a fund source, a percent), with the allowed values', async () => {
    const before = await t.eventCount();
    const response = await upload(await downloadWithCells({ '基本支出!C4': '自筹', '用款计划!C3': '一半' }));
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['基本支出!C4', 'FUND_SOURCE_UNKNOWN'],
      ['用款计划!C3', 'PERCENT_INVALID'],
    ]);
    expect(response.body.errors[0].message).toContain('一般公共预算拨款');
    expect(await t.eventCount()).toBe(before);
  });

  it('refuses what is not the entry workbook: not xlsx, empty, renamed sheets, JSON', async () => {
    const before = await t.eventCount();
    const junk = await upload(Buffer.from('this is not a workbook'));
    expect([junk.status, junk.body.code]).toEqual([400, 'WORKBOOK_INVALID']);
    const empty = await upload(Buffer.alloc(0));
    expect([empty.status, empty.body.code]).toEqual([400, 'WORKBOOK_EMPTY']);
    const renamed = await upload(await edit(await download(), (workbook) => (workbook.getWorksheet('收入')!.name = '收入表')));
    expect(renamed.status).toBe(400);
    expect(renamed.body.errors.map((e: { code: string; sheet: string }) => [e.code, e.sheet])).toEqual([
      ['WORKBOOK_SHEET_UNKNOWN', '收入表'],
      ['WORKBOOK_SHEET_MISSING', '收入'],
    ]);
    const json = await t.request('POST', `${BUDGET_URL}/entry-workbook`, { token: clerk, body: loadBudgetFacts() });
    expect([json.status, json.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const pdf = await upload(Buffer.from('%PDF-1.4'), clerk, `${BUDGET_URL}/entry-workbook`, 'application/pdf');
    expect(pdf.status).toBe(415);
    expect(await t.eventCount()).toBe(before);
  });

  it('lets only the department itself (or an admin) upload, and only insiders download', async () => {
    const bytes = await download();
    const before = await t.eventCount();
    const other = await upload(bytes, await t.token('department', '502', 'clerk-502'));
    expect([other.status, other.body.code]).toEqual([403, 'OTHER_DEPARTMENT']);
    const finance = await upload(bytes, await t.token('finance', undefined, 'finance-1'));
    expect([finance.status, finance.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
    const anonymous = await t.request('POST', `${BUDGET_URL}/entry-workbook`, { payload: bytes, headers: { 'content-type': XLSX } });
    expect(anonymous.status).toBe(401);
    expect(await t.eventCount()).toBe(before);

    const otherDownload = await t.request('GET', `${BUDGET_URL}/entry-workbook.xlsx`, { token: await t.token('department', '502', 'clerk-502') });
    expect([otherDownload.status, otherDownload.body.code]).toEqual([404, 'NOT_FOUND']);
    await download(undefined, await t.token('finance', undefined, 'finance-1'));
  });

  it('gives a blank workbook for a new year with last year\'s profile, and opens the draft from it', async () => {
    const bytes = await download('/v1/budgets/501/2025/entry-workbook.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const about = workbook.getWorksheet('说明')!;
    const values = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(about.getCell(i + 1, 1).value), about.getCell(i + 1, 2).value]));
    expect(values).toMatchObject({ 部门编码: '501', 预算年度: 2025, 部门名称: '馆陶县信访局', 单位类型: '行政' });
    expect(workbook.getWorksheet('基本支出')!.rowCount).toBe(1);
    const filled = await edit(bytes, (book) => {
      book.getWorksheet('收入')!.addRow(['一般公共预算拨款收入', 1000]);
      book.getWorksheet('基本支出')!.addRow(['2014001 行政运行', '30101', '一般公共预算拨款', 1000, '否']);
    });
    const response = await upload(filled, clerk, '/v1/budgets/501/2025/entry-workbook');
    expect(response.status).toBe(200);
    expect(response.body.events).toEqual(expect.arrayContaining(['DraftOpened', 'IncomeDeclared', 'BasicLineProposed']));
    const draft = (await t.request('GET', '/v1/budgets/501/2025', { token: clerk })).body;
    expect(draft.content.basicExpenditureLines).toEqual([expect.objectContaining({ functionalCode: '2014001', economicCode: '30101', amount: '1000.00' })]);
  });

  it('is described in the OpenAPI document: path parameters, the XLSX body and answer', async () => {
    const paths = (await t.request('GET', '/docs/openapi.json')).body.paths;
    const upload = paths['/v1/budgets/{department}/{year}/entry-workbook'].post;
    expect(upload.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['department', 'year']));
    expect(Object.keys(upload.requestBody.content)).toEqual([XLSX]);
    const downloadOperation = paths['/v1/budgets/{department}/{year}/entry-workbook.xlsx'].get;
    expect(downloadOperation.summary).toMatch(/录入工作簿/);
  });

  it('refuses a workbook of another department or year uploaded to this address', async () => {
    const response = await upload(await download(), clerk, '/v1/budgets/501/2025/entry-workbook');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: '说明!B4', code: 'IMPORT_ADDRESS_MISMATCH', header: '预算年度' })]);
  });
});
