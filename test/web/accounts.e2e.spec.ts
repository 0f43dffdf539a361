import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { root } from '../support/built-service';
import { useConsoleInChromium } from '../support/console-in-chromium';

/**
 * A county without an identity provider, in Debian's chromium against the built service (`npm start`, no DEMO):
 * the administrator signs in with the one-time password the first start printed, chooses a password, creates a
 * clerk of department 501 and reads the clerk's one-time password off the page; the clerk signs in with it,
 * chooses a password, imports the 501 budget (a write: the console sends the CSRF token), signs out, and is
 * locked out after five wrong passwords — the right one is refused while the lock lasts.
 */
const fixture = path.join(root, 'test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const ONE_TIME = /一次性密码 ([A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3})/;

describe('web console: local accounts (chromium)', () => {
  const web = useConsoleInChromium(
    'accounts-web',
    {
      env: { LOG_LEVEL: 'info', LOGIN_FAILURE_DELAY_MS: '50' },
      unset: ['DEMO_SIGN_IN', 'LOG_FILE', 'CLOCK_START'],
      // What the first start prints (the administrator's one-time password) is read off its output.
      stdout: true,
      ready: (output) => output.includes('listening on'),
      attempts: 120,
    },
    { timeoutMs: 300_000 },
  );
  let page: Page;
  let base: string;
  let clerkOneTime = '';

  beforeAll(() => {
    ({ page, base } = web);
  });

  const signIn = async (login: string, password: string) => {
    await page.goto(`${base}/login`);
    await page.getByLabel('登录名').fill(login);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  };
  const choosePassword = async (current: string, chosen: string) => {
    await page.getByRole('heading', { name: '设置新密码' }).waitFor();
    await page.getByLabel('当前密码（或一次性密码）').fill(current);
    await page.getByLabel('新密码', { exact: true }).fill(chosen);
    await page.getByLabel('再次输入新密码').fill(chosen);
    await page.getByRole('button', { name: '保存新密码' }).click();
  };
  const signOut = async () => {
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
  };

  it('the sign-in page offers login and password, and no demo users', async () => {
    await page.goto(`${base}/login`);
    await page.getByRole('heading', { name: '账户与密码' }).waitFor();
    expect(await page.getByRole('heading', { name: '选择演示用户' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /部门经办人/ }).count()).toBe(0);
  });

  it('the first-start administrator signs in with the printed one-time password, chooses a password and creates a clerk', async () => {
    const printed = ONE_TIME.exec(web.service.output());
    expect(printed).not.toBeNull();
    await signIn('admin', (printed as RegExpExecArray)[1]);
    await choosePassword((printed as RegExpExecArray)[1], 'county-keeper-pass-1');
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    // The session lives in an HttpOnly cookie the page's scripts cannot read.
    expect(await page.evaluate('document.cookie')).not.toContain('budgetflow_session');
    const cookies = await web.context.cookies(base);
    expect(cookies.find((c) => c.name === 'budgetflow_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    await page.getByLabel('登录名').fill('li.ming');
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('角色').selectOption('department');
    await page.getByLabel('部门编码').fill('501');
    await page.getByRole('button', { name: '创建用户' }).click();
    clerkOneTime = (await page.locator('code.one-time-password').textContent()) ?? '';
    expect(clerkOneTime).toMatch(/^[A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3}$/);
    await page.getByRole('row', { name: /li\.ming/ }).getByText('待设置密码').waitFor();
    await signOut();
  });

  it('the clerk signs in with a password in the console, chooses their own and imports their department’s budget', async () => {
    await signIn('li.ming', clerkOneTime);
    await choosePassword(clerkOneTime, 'weihe-river-2024');
    await page.getByText('本年度尚未建立预算草案').waitFor();
    expect(new URL(page.url()).pathname).toBe('/department/501/2024');
    await page.getByLabel('预算数据文件（JSON）').setInputFiles(fixture);
    await page.getByText('已导入 budget-facts.json').waitFor();
    await page.locator('.page-head .badge', { hasText: '编制中' }).waitFor();
    await signOut();
  });

  it('locks the clerk out after five wrong passwords; the right one is refused while the lock lasts', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      await signIn('li.ming', `wrong-guess-${attempt}`);
      await page.getByRole('alert').filter({ hasText: '登录名或密码错误' }).waitFor();
    }
    await signIn('li.ming', 'wrong-guess-5');
    await page.getByRole('alert').filter({ hasText: '登录失败次数过多' }).waitFor();
    await signIn('li.ming', 'weihe-river-2024');
    await page.getByRole('alert').filter({ hasText: '登录失败次数过多' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
