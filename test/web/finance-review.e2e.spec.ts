import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { callService, demoToken, root } from '../support/built-service';
import { signInAsDemoUser, signOutOfConsole, statusBadgeIs, useConsoleInChromium } from '../support/console-in-chromium';

/**
 * Finance signs, the supervisor looks back (issue 16), in Debian's chromium against the built service: the
 * 馆陶县信访局 fixture is imported and submitted through the API; finance reviews the whole submitted budget, opens
 * the approval's confirmation (department, year, version, total in 元 and 万元), cancels — nothing changes —,
 * then confirms; publishes behind its own confirmation; downloads version 1 as PDF (the same bytes as the public
 * route). The service clock stands in January 2025, so 2024 is a past year: the supervisor's dashboard opens at
 * 12月底 with the checkpoint in the address, and the checkpoint follows into the department and back.
 * Screenshots go to docs/screenshots/.
 */
const fixture = path.join(root, 'test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const screenshots = path.join(root, 'docs', 'screenshots');
const B = '/v1/budgets/501/2024';
/** A day of the following year: 2024's budget is history. */
const CLOCK = '2025-01-15T09:00:00+08:00';

describe('web console: finance review with confirmation, PDF, a past year for the supervisor (chromium)', () => {
  const web = useConsoleInChromium('web-review', { env: { LOG_LEVEL: 'warn', CLOCK_START: CLOCK, DEMO_SIGN_IN: 'true' }, attempts: 120 });
  let page: Page;
  let base: string;
  let financeToken: string;

  const call = (method: string, url: string, token: string, body?: unknown) => callService(base, method, url, token, body);
  const signInAs = (label: string) => signInAsDemoUser(page, base, label);
  const signOut = () => signOutOfConsole(page);
  const statusIs = (expected: string) => statusBadgeIs(page, expected);

  beforeAll(async () => {
    ({ page, base } = web);
    mkdirSync(screenshots, { recursive: true });
    // The department's part through the API: import the fixture, submit it.
    const clerk = await demoToken(base, 'department', '501');
    const imported = await call('POST', `${B}/import`, clerk, JSON.parse(readFileSync(fixture, 'utf8')));
    expect(imported.status).toBe(200);
    expect((await call('POST', `${B}/submit`, clerk)).status).toBe(200);
    financeToken = await demoToken(base, 'finance');
  });

  it('finance sees the whole submitted budget, its findings once each, and a refusal in Chinese', async () => {
    await signInAs('县财政局预算股（财政）');
    await page.goto(`${base}/finance/2024/501`);
    await statusIs('已报送');
    const content = page.locator('section', { has: page.getByRole('heading', { name: '报送内容（全部）' }) });
    await content.getByRole('heading', { name: '公开表（九张）' }).waitFor();
    const text = await content.innerText();
    const facts = JSON.parse(readFileSync(fixture, 'utf8')) as { income: Array<{ source: string }>; projects: Array<{ name: string }>; basicExpenditureLines: unknown[] };
    for (const income of facts.income) expect(text).toContain(income.source);
    for (const project of facts.projects) expect(text).toContain(project.name);
    expect(text).toContain(`基本支出（${facts.basicExpenditureLines.length} 行）`);
    // A project opens to its plan and indicators.
    await content.locator('summary', { hasText: '律师陪访经费' }).click();
    const lawyer = content.locator('details', { hasText: '律师陪访经费' });
    expect(await lawyer.innerText()).toContain('6月底累计 50%');
    expect(await lawyer.innerText()).toContain('陪访律师人数');
    // All nine tables are one click away.
    expect(await content.locator('.table-picker button').count()).toBe(9);
    // The cost-indicator finding of 群众工作中心运维经费 is listed once (a 勾稽 finding, not also a warning).
    const checks = page.locator('section', { has: page.getByRole('heading', { name: '提示与勾稽检查' }) });
    expect(await checks.locator('li', { hasText: '群众工作中心运维经费' }).count()).toBe(1);
    expect(await checks.locator('li', { hasText: '勾稽提示' }).count()).toBe(2);
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(screenshots, 'finance-review.png'), fullPage: false });

    // A return without a reason: the banner speaks Chinese, no developer code.
    await page.getByRole('button', { name: '退回…', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const said = await alert.innerText();
    expect(said).toContain('理由');
    expect(said).not.toMatch(/[A-Z]{2,}_[A-Z_]+/);
  });

  it('approval asks first, naming what is signed: cancel changes nothing, confirm approves version 1', async () => {
    const before = await call('GET', `${B}/history`, financeToken);
    const eventsBefore = (before.body['events'] as unknown[]).length;
    await page.getByRole('button', { name: '批复…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '确认批复' });
    await dialog.waitFor();
    const named = await dialog.innerText();
    expect(named).toContain('501 馆陶县信访局');
    expect(named).toContain('2024年');
    expect(named).toContain('第 1 版');
    expect(named).toContain('6,542,400.00 元（654.24 万元）');
    await page.screenshot({ path: path.join(screenshots, 'finance-approve-confirmation.png'), fullPage: false });

    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await statusIs('已报送');
    const afterCancel = await call('GET', `${B}/history`, financeToken);
    expect((afterCancel.body['events'] as unknown[]).length).toBe(eventsBefore);
    expect((await call('GET', `${B}?version=draft`, financeToken)).body['status']).toBe('submitted');

    // The budget changes while the dialog is open (finance sets control numbers elsewhere): what was shown is no
    // longer what would be signed, so the approval is refused and the page shows the budget as it stands.
    await page.getByRole('button', { name: '批复…', exact: true }).click();
    await dialog.waitFor();
    expect((await call('PUT', `${B}/control-numbers`, financeToken, { total: '7000000.00' })).status).toBe(200);
    await dialog.getByRole('button', { name: '确认批复第 1 版' }).click();
    await page.getByRole('alert').filter({ hasText: '版本已变化' }).waitFor();
    await statusIs('已报送');
    expect((await call('GET', `${B}?version=draft`, financeToken)).body['status']).toBe('submitted');
    await page.getByText('总额 7,000,000.00 元').waitFor();

    await page.getByRole('button', { name: '批复…', exact: true }).click();
    await dialog.getByRole('button', { name: '确认批复第 1 版' }).click();
    await page.getByText('已批复，形成第 1 版').waitFor();
    await statusIs('已批复');
    const approved = await call('GET', `${B}?version=draft`, financeToken);
    expect(approved.body['status']).toBe('approved');
    expect((approved.body['versions'] as Array<{ version: number }>).map((v) => v.version)).toEqual([1]);
  });

  it('publishing names the version and its total; version 1 downloads as the PDF the public route serves', async () => {
    await page.getByRole('button', { name: '公开版本 1…' }).click();
    const dialog = page.getByRole('dialog', { name: '确认公开第 1 版' });
    await dialog.getByText('6,542,400.00 元（654.24 万元）').waitFor();
    await dialog.getByRole('button', { name: '确认公开' }).click();
    await page.getByText('第 1 版已公开').waitFor();
    await statusIs('已公开');

    // The service starts chromium to print the PDF: on a busy machine that takes longer than a click.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: '下载版本 1 PDF' }).click()]);
    expect(download.suggestedFilename()).toBe('budget-501-2024-v1.pdf');
    const saved = readFileSync((await download.path())!);
    expect(saved.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const published = Buffer.from(await (await fetch(`${base}${B}/versions/1/document.pdf`)).arrayBuffer());
    expect(saved.equals(published)).toBe(true);

    // The public page links the same PDF.
    const anonymous = await web.context.newPage();
    try {
      await anonymous.goto(`${base}/public/501/2024`);
      const link = anonymous.getByRole('link', { name: '下载 PDF' });
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`${B}/versions/1/document.pdf`);
    } finally {
      await anonymous.close();
    }
    await signOut();
  }, 120_000);

  it('the supervisor opens the past year at 12月底; the checkpoint stays in the address into the department and back', async () => {
    await signInAs('县人大预算工委（监督）');
    await page.waitForURL((url) => url.pathname === '/supervisor/2024' && url.searchParams.get('checkpoint') === '12月底');
    const execution = page.locator('section', { has: page.getByRole('heading', { name: '执行进度监控' }) });
    await execution.getByText('截至 2024-12-31').waitFor();
    expect(await execution.getByLabel('截至', { exact: true }).inputValue()).toBe('12月底');
    // Nothing was paid in 2024: the warning says so in plain words.
    const warning = await execution.locator('.warnings-list li', { hasText: '律师陪访经费' }).first().innerText();
    expect(warning).toContain('律师陪访经费累计执行 0.00%，低于计划进度 100.00%，落后 100.00 个百分点');
    await page.screenshot({ path: path.join(screenshots, 'supervisor-past-year.png'), fullPage: false });

    await execution.locator('table.monitoring').getByRole('link', { name: '馆陶县信访局' }).click();
    await page.waitForURL((url) => url.pathname === '/supervisor/2024/501' && url.searchParams.get('checkpoint') === '12月底');
    const department = page.locator('section', { has: page.getByRole('heading', { name: '执行与指标进度' }) });
    await department.getByText('截至 2024-12-31').waitFor();
    // The approved version's 勾稽 findings are listed for the supervisor as well, each once.
    const findings = page.locator('section', { has: page.getByRole('heading', { name: '预警与提示' }) });
    expect(await findings.locator('li', { hasText: '群众工作中心运维经费' }).count()).toBe(1);
    await department.getByLabel('截至', { exact: true }).selectOption('6月底');
    await page.waitForURL((url) => url.searchParams.get('checkpoint') === '6月底');
    await department.getByText('截至 2024-06-30').waitFor();

    await page.getByRole('link', { name: '← 返回全县' }).click();
    await page.waitForURL((url) => url.pathname === '/supervisor/2024' && url.searchParams.get('checkpoint') === '6月底');
    await execution.getByText('截至 2024-06-30').waitFor();
    // Today, chosen on purpose, stays today (no jump back to 12月底).
    await execution.getByLabel('截至', { exact: true }).selectOption('');
    await page.waitForURL((url) => url.searchParams.get('checkpoint') === 'today');
    await execution.getByText('截至 2025-01-15').waitFor();
  });
});
