import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from '../support/browser';
import { routeTable } from '../../apps/api/src/http/route-table';
import { AUTHORIZATION_MATRIX, OIDC_CONSOLE_MATRIX, matrixGaps } from '../security/authorization-matrix';
import { createTestApp } from '../support/test-app';
import { buildService, freePort } from '../support/built-service';

/**
 * The console signing in through a real OpenID provider (the `oidc-provider` package, started here on loopback):
 * authorization code + PKCE with discovery, state and nonce, role and department from the province's own claim names
 * (`bf_role`, `bf_dept`). In chromium: a clerk signs in at the provider and imports the 501 budget through the
 * console (a write with the session's CSRF token); an account without a role is turned away. Through the API: the
 * start redirect carries state, nonce and an S256 challenge; a callback with another browser's state, or replayed,
 * starts no session.
 */
const root = path.resolve(__dirname, '..', '..');
const fixture = path.join(root, 'test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json');
const CLIENT_ID = 'budgetflow-console';

/** A child process, its output, and a wait for a line of it. */
function launch(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function until(what: string, ready: () => Promise<boolean>, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 180; attempt++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}: ${output()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} not ready: ${output()}`);
}

const stop = (child: ChildProcess | undefined) =>
  new Promise<void>((resolve) => {
    if (!child || child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('console sign-in through an OpenID provider (authorization code + PKCE)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-oidc-'));
  const profileDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-chromium-'));
  let provider: ReturnType<typeof launch>;
  let api: ReturnType<typeof launch>;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let issuer: string;

  beforeAll(async () => {
    buildService({ console: true });
    const [providerPort, apiPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    base = `http://127.0.0.1:${apiPort}`;
    provider = launch([path.join('test', 'oidc', 'support', 'oidc-provider.mjs'), String(providerPort), CLIENT_ID, `${base}/v1/auth/oidc/callback`], { ...process.env });
    await until('provider', async () => provider.output().includes('ready'), provider.child, provider.output);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_ISSUER: issuer,
      AUTH_JWKS_URL: `${issuer}/jwks`,
      AUTH_CLIENT_ID: CLIENT_ID,
      AUTH_SCOPES: 'openid profile budget',
      AUTH_ROLE_CLAIM: 'bf_role',
      AUTH_DEPARTMENT_CLAIM: 'bf_dept',
    };
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'DEMO', 'DEMO_SIGN_IN', 'LOG_FILE', 'CLOCK_START']) delete env[name];
    api = launch(['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], env);
    await until('service', async () => (await fetch(`${base}/health`)).status === 200, api.child, api.output);

    ({ context, page } = await openChromium(profileDir));
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await stop(api?.child);
    await stop(provider?.child);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  /** The provider's own (development) login and consent pages. */
  const signInAtProvider = async (account: string) => {
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '通过统一身份认证登录' }).click();
    await page.waitForURL((url) => url.origin === issuer);
    await page.locator('input[name="login"]').fill(account);
    const password = page.locator('input[name="password"]');
    if (await password.count()) await password.fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    const consent = page.getByRole('button', { name: 'Continue' });
    await Promise.race([consent.waitFor().then(() => consent.click()), page.waitForURL((url) => url.origin === base)]);
  };

  it('serves no route the authorization matrix lacks (its OIDC-only routes included)', async () => {
    const t = await createTestApp({ AUTH_ISSUER: issuer, AUTH_JWKS_URL: `${issuer}/jwks`, AUTH_CLIENT_ID: CLIENT_ID });
    try {
      const routes = routeTable(t.app.getHttpAdapter().getInstance());
      expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(Object.keys(OIDC_CONSOLE_MATRIX)));
      expect(matrixGaps(routes, { ...AUTHORIZATION_MATRIX, ...OIDC_CONSOLE_MATRIX }).missing).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the sign-in page offers the identity provider and neither passwords nor demo users', async () => {
    expect(await (await fetch(`${base}/v1/auth/methods`)).json()).toEqual({ password: false, demo: false, oidc: true });
    expect((await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"login":"admin","password":"x"}' })).status).toBe(404);
    expect((await fetch(`${base}/v1/dev/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"finance"}' })).status).toBe(404);
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '通过统一身份认证登录' }).waitFor();
    expect(await page.getByLabel('密码').count()).toBe(0);
  });

  it('a clerk signs in at the provider and lands on their department, role and department from the configured claims; writes carry the CSRF token', async () => {
    await signInAtProvider('clerk-501');
    await page.getByText('本年度尚未建立预算草案').waitFor();
    expect(new URL(page.url()).pathname).toBe('/department/501/2024');
    const cookie = (await context.cookies(base)).find((c) => c.name === 'budgetflow_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    await page.getByLabel('预算数据文件（JSON）').setInputFiles(fixture);
    await page.getByText('已导入 budget-facts.json').waitFor();
    // The same cookie without the CSRF token writes nothing.
    const refused = await fetch(`${base}/v1/budgets/501/2024/submit`, { method: 'POST', headers: { cookie: `budgetflow_session=${cookie?.value}` } });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('CSRF_TOKEN_INVALID');
    const me = (await (await fetch(`${base}/v1/auth/me`, { headers: { cookie: `budgetflow_session=${cookie?.value}` } })).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ via: 'session', user: { login: 'clerk-501', role: 'department', department: '501', displayName: '王清（信访局）' } });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
    expect((await fetch(`${base}/v1/auth/me`, { headers: { cookie: `budgetflow_session=${cookie?.value}` } })).status).toBe(401);
  });

  it('signing in again while the provider still knows the browser takes no password (re-login after a session ends)', async () => {
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: '通过统一身份认证登录' }).click();
    await page.waitForURL((url) => url.origin === base && url.pathname === '/department/501/2024');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await page.locator('.page-head .badge', { hasText: '编制中' }).waitFor(); // the draft imported in the test before
  });

  it('an account whose ID token names no role is turned away with a reason', async () => {
    await context.clearCookies(); // another person at the provider
    await signInAtProvider('stranger-9');
    await page.getByRole('alert').filter({ hasText: '未配置本系统的角色' }).waitFor();
    expect((await context.cookies(base)).find((c) => c.name === 'budgetflow_session')).toBeUndefined();
  });

  it('the start redirect carries state, nonce and an S256 PKCE challenge; a callback with another browser’s state or replayed starts no session', async () => {
    const start = await fetch(`${base}/v1/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(`${issuer}/auth`);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, code_challenge_method: 'S256', scope: 'openid profile budget' });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(location.searchParams.get(name)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stateCookie = start.headers.getSetCookie().find((c) => c.startsWith('budgetflow_oidc_state='));
    expect(stateCookie).toMatch(/HttpOnly/);

    // Another browser's state (no cookie, or a cookie of another sign-in): refused, no session cookie.
    const foreign = await fetch(`${base}/v1/auth/oidc/callback?code=abc&state=${location.searchParams.get('state')}`, { redirect: 'manual' });
    expect(foreign.status).toBe(302);
    expect(foreign.headers.get('location')).toBe('/login?oidc_error=OIDC_STATE_INVALID');
    expect(foreign.headers.getSetCookie().some((c) => c.startsWith('budgetflow_session='))).toBe(false);
    // The right cookie with a made-up code: the provider refuses the code, still no session.
    const madeUp = await fetch(`${base}/v1/auth/oidc/callback?code=made-up&state=${location.searchParams.get('state')}`, {
      redirect: 'manual',
      headers: { cookie: (stateCookie ?? '').split(';')[0] },
    });
    expect(madeUp.headers.get('location')).toBe('/login?oidc_error=OIDC_CODE_REFUSED');
    // The state is spent: the same callback again is refused before the provider is asked.
    const replayed = await fetch(`${base}/v1/auth/oidc/callback?code=made-up&state=${location.searchParams.get('state')}`, {
      redirect: 'manual',
      headers: { cookie: (stateCookie ?? '').split(';')[0] },
    });
    expect(replayed.headers.get('location')).toBe('/login?oidc_error=OIDC_STATE_INVALID');
  });
});
