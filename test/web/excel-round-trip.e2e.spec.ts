import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { callService, demoToken, root } from '../support/built-service';
import { useConsoleInChromium } from '../support/console-in-chromium';

/**
 * Excel both ways in the console (issue 16), in Debian's chromium against the built service: the 馆陶县信访局 clerk
 * downloads the fixture draft's entry workbook from the overview, changes one amount with exceljs and uploads it —
 * the page says what changed and the draft has the new amount; a workbook with a wrong code in two cells is refused
 * with both cells named (sheet, row, column, header) and the budget's history unchanged. The administrator previews a
 * catalog CSV (新增 / 更名 / 停用 / 未变), applies it, and exports the catalog. Screenshots go to docs/screenshots/.
 */
const fixture = path.join(root, 'test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const screenshots = path.join(root, 'docs', 'screenshots');
const B = '/v1/budgets/501/2024';
const CLOCK = '2024-06-26T09:00:00+08:00';

describe('web console: entry workbook round trip and catalog import (chromium)', () => {
  const web = useConsoleInChromium('web-excel', { env: { LOG_LEVEL: 'warn', CLOCK_START: CLOCK, DEMO_SIGN_IN: 'true' } });
  const files = mkdtempSync(path.join(tmpdir(), 'budgetflow-excel-files-'));
  let page: Page;
  let base: string;
  let clerkToken: string;

  const call = (method: string, url: string, token: string, body?: unknown) => callService(base, method, url, token, body);
  const historyLength = async () => ((await call('GET', `${B}/history`, clerkToken)).body['events'] as unknown[]).length;
  const draftLines = async () => ((await call('GET', `${B}?version=draft`, clerkToken)).body['content'] as { basicExpenditureLines: Array<{ lineId: string; functionalCode: string; amount: string }> }).basicExpenditureLines;

  /** Clicks a download button of the page and answers the saved file's path. */
  const downloadBy = async (button: string, name: string): Promise<string> => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
    const saved = path.join(files, name);
    await download.saveAs(saved);
    return saved;
  };
  const editWorkbook = async (file: string, change: (workbook: ExcelJS.Workbook) => void, name: string): Promise<string> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    change(workbook);
    const edited = path.join(files, name);
    await workbook.xlsx.writeFile(edited);
    return edited;
  };
  const uploadWorkbook = async (file: string) => {
    await page.getByLabel('填报表文件（.xlsx）').setInputFiles(file);
    await page.getByRole('button', { name: '上传填报表' }).click();
  };

  beforeAll(async () => {
    ({ page, base } = web);
    mkdirSync(screenshots, { recursive: true });
    clerkToken = await demoToken(base, 'department', '501');
    const imported = await call('POST', `${B}/import`, clerkToken, JSON.parse(readFileSync(fixture, 'utf8')));
    expect(imported.status).toBe(200);
  });

  afterAll(() => rmSync(files, { recursive: true, force: true }));

  it('the clerk downloads the draft as a workbook, changes one amount, uploads it and sees it applied', async () => {
    await page.goto(`${base}/login`);
    await page.getByRole('button', { name: '馆陶县信访局（部门经办人）' }).click();
    await page.getByRole('heading', { name: '填报表（Excel）' }).waitFor();
    const line = (await draftLines())[0];
    const downloaded = await downloadBy('下载填报表（Excel）', 'draft.xlsx');
    const edited = await editWorkbook(
      downloaded,
      (workbook) => {
        const sheet = workbook.getWorksheet('基本支出')!;
        expect(String(sheet.getCell('A2').value)).toContain(line.functionalCode);
        sheet.getCell('D2').value = 780000.5;
      },
      'one-amount.xlsx',
    );
    const before = await historyLength();
    await uploadWorkbook(edited);
    const done = page.getByRole('status').filter({ hasText: '已导入 one-amount.xlsx' });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/基本支出修改 1 处。草案版本 \d+。/);
    expect((await draftLines()).find((l) => l.lineId === line.lineId)?.amount).toBe('780000.50');
    expect(await historyLength()).toBe(before + 1);
  });

  it('a workbook with two wrong codes is refused, both cells named, nothing applied', async () => {
    const downloaded = await downloadBy('下载填报表（Excel）', 'draft-2.xlsx');
    const edited = await editWorkbook(
      downloaded,
      (workbook) => {
        workbook.getWorksheet('基本支出')!.getCell('B3').value = '30988';
        workbook.getWorksheet('项目')!.getCell('C2').value = '2019999';
      },
      'two-wrong-codes.xlsx',
    );
    const before = await historyLength();
    const linesBefore = await draftLines();
    await uploadWorkbook(edited);
    const table = page.getByRole('table', { name: /填报表中的错误/ });
    await table.waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows).toHaveLength(2);
    expect(rows.map((cells) => cells.slice(0, 4))).toEqual(
      expect.arrayContaining([
        ['基本支出', '3', 'B', '部门预算支出经济分类科目'],
        ['项目', '2', 'C', '支出功能分类科目'],
      ]),
    );
    expect(rows.find((cells) => cells[0] === '基本支出')?.[4]).toContain('30988');
    const alert = page.getByRole('alert').filter({ has: table });
    expect(await alert.innerText()).toContain('未导入任何内容');
    expect(await alert.innerText()).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
    expect(await historyLength()).toBe(before);
    expect(await draftLines()).toEqual(linesBefore);
    await page.getByRole('heading', { name: '填报表（Excel）' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshots, 'entry-workbook-errors.png'), fullPage: false });
  });

  it('a year without a draft offers the blank workbook, with the department filled in', async () => {
    await page.goto(`${base}/department/501/2025`);
    await page.getByText('本年度尚未建立预算草案').waitFor();
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.readFile(await downloadBy('下载空白填报表', 'blank-2025.xlsx'));
    expect(blank.worksheets.map((sheet) => sheet.name)).toEqual(expect.arrayContaining(['说明', '收入', '基本支出', '项目']));
    expect(blank.getWorksheet('基本支出')!.getCell('A2').value ?? null).toBeNull();
    const text = blank.worksheets.flatMap((sheet) => sheet.getSheetValues().flat().map((value) => String(value ?? ''))).join(' ');
    expect(text).toContain('馆陶县信访局');
    expect(await page.getByRole('button', { name: '上传填报表' }).count()).toBe(1);
  });

  it('the administrator previews a catalog CSV, applies it, and exports the catalog', async () => {
    // No demo administrator: a token minted for the service's DATA_DIR (`npm run token -- --role admin`), signed in
    // as the console's token sign-in keeps it.
    const adminToken = execFileSync(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/token.cli.js', '--role', 'admin', '--user', 'admin-1'], { cwd: root, env: web.service.env }).toString().trim();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    const session = JSON.stringify({ token: adminToken, role: 'admin', userId: 'admin-1', label: 'admin-1' });
    await page.evaluate(`sessionStorage.setItem('budgetflow.session', ${JSON.stringify(session)})`);
    await page.goto(`${base}/admin/users`);
    await page.getByRole('link', { name: '分类目录导入' }).click();
    await page.getByRole('heading', { name: '分类目录导入', level: 1 }).waitFor();

    const functional = (await call('GET', '/v1/catalogs/2024', adminToken)).body['functional'] as Array<{ code: string; name: string }>;
    const renamed = functional.find((e) => e.code === '2014001')!;
    const entries = [...functional.filter((e) => e !== renamed), { code: '2014001', name: '行政运行（信访）' }, { code: '20108', name: '审计事务' }, { code: '2010801', name: '行政运行' }];
    const csv = path.join(files, 'functional-2024.csv');
    writeFileSync(csv, ['2024年政府收支分类科目（支出功能分类）', '科目编码,科目名称', ...entries.map((e) => `${e.code},${e.name}`)].join('\r\n') + '\r\n');

    const versionBefore = await fetch(`${base}/v1/catalogs/2024/import?preview=1`, { method: 'POST', headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' }, body: readFileSync(csv, 'utf8') }).then(async (r) => ((await r.json()) as { version: number }).version);
    await page.getByLabel('科目清单文件（CSV 或 XLSX）').setInputFiles(csv);
    await page.getByRole('button', { name: '预览' }).click();
    const preview = page.locator('section', { has: page.getByRole('heading', { name: /预览：2024 年分类科目/ }) });
    await preview.waitFor();
    const figures = await preview.locator('.figures div').evaluateAll((divs) => divs.map((d) => [d.querySelector('dt')?.textContent, d.querySelector('dd')?.textContent]));
    expect(figures).toEqual([
      ['新增', '2'],
      ['更名', '1'],
      ['停用', '0'],
      ['未变', String(functional.length - 1)],
      ['有误的行', '0'],
    ]);
    const added = preview.getByRole('region', { name: '新增' });
    expect(await added.innerText()).toContain('2010801');
    expect(await preview.getByRole('region', { name: '更名' }).innerText()).toContain(renamed.name);
    // The preview applied nothing.
    expect(((await call('GET', '/v1/catalogs/2024', adminToken)).body['functional'] as Array<{ code: string }>).some((e) => e.code === '2010801')).toBe(false);
    await page.screenshot({ path: path.join(screenshots, 'catalog-import-preview.png'), fullPage: false });

    await preview.getByRole('button', { name: '确认载入' }).click();
    const done = page.getByRole('status').filter({ hasText: '已载入 2024 年分类科目' });
    await done.waitFor();
    expect(await done.innerText()).toContain('新增 2，更名 1，停用 0');
    const after = (await call('GET', '/v1/catalogs/2024', adminToken)).body['functional'] as Array<{ code: string; name: string }>;
    expect(after.find((e) => e.code === '2010801')?.name).toBe('行政运行');
    expect(after.find((e) => e.code === '2014001')?.name).toBe('行政运行（信访）');
    expect(await done.innerText()).toMatch(new RegExp(`目录版本 ${versionBefore + 1}`));

    const exported = readFileSync(await downloadBy('导出 CSV', 'catalog.csv'), 'utf8');
    expect(exported.startsWith('\uFEFF分类,编码,名称,级次,单位\r\n')).toBe(true);
    expect(exported).toContain('支出功能分类,2010801,行政运行,项,');
  });
});
