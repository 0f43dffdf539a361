import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { loadOrCreateLocalKey } from '@budgetflow/platform';
import { useTestApp } from '../support/test-app';
import { DEMO_DEPARTMENTS, loadDemoCounty } from '../../apps/api/src/web/demo-county';
import { demoRequested } from '../../apps/api/src/web/demo-start';
import { type ServiceConfig, loadConfig } from '@budgetflow/platform';
import { CONFIG } from '../../apps/api/src/app.module';

/**
 * Demo sign-in (`/v1/dev/demo-token`) when asked for (the test app sets DEMO_SIGN_IN=true; a plain start has none, see
 * test/accounts/first-start.e2e.spec.ts), its absence with an OIDC issuer, the SPA fallback's
 * respect for API paths, and the DEMO=1 county loader (through the public API, idempotent on restart).
 */
describe('demo sign-in (DEMO_SIGN_IN=true, no AUTH_ISSUER)', () => {
  const t = useTestApp();

  it('lists demo users per role, none of them admin', async () => {
    const response = await t.request('GET', '/v1/dev/demo-users');
    expect(response.status).toBe(200);
    const roles = response.body.users.map((u: { role: string }) => u.role);
    expect(new Set(roles)).toEqual(new Set(['department', 'finance', 'supervisor']));
    expect(response.body.users.filter((u: { role: string }) => u.role === 'department').map((u: { department: string }) => u.department)).toEqual(DEMO_DEPARTMENTS.map((d) => d.code));
  });

  it('answers a token the API accepts for that role and department', async () => {
    const finance = await t.request('POST', '/v1/dev/demo-token', { body: { role: 'finance' } });
    expect(finance.status).toBe(200);
    expect(finance.body.actor).toEqual({ userId: 'demo-finance', role: 'finance' });
    // Any authenticated route accepts it (history of a budget that does not exist: 404, not 401).
    const read = await t.request('GET', '/v1/budgets/501/2024/history', { token: finance.body.token });
    expect(read.status).toBe(404);
    expect(read.body.code).toBe('NOT_FOUND');
    expect((await t.request('GET', '/v1/budgets/501/2024/history', { token: 'not-a-token' })).status).toBe(401);

    const clerk = await t.request('POST', '/v1/dev/demo-token', { body: { role: 'department', department: '501' } });
    expect(clerk.status).toBe(200);
    expect(clerk.body.actor).toEqual({ userId: 'demo-clerk-501', role: 'department', department: '501' });
    // A department token cannot read the county listing: the role really is department.
    const county = await t.request('GET', '/v1/budgets?year=2024', { token: clerk.body.token });
    expect(county.status).toBe(403);
  });

  it.each([
    ['admin is never offered', { role: 'admin' }, 'DEMO_ROLE_INVALID', 'role'],
    ['an unknown role', { role: 'mayor' }, 'DEMO_ROLE_INVALID', 'role'],
    ['a department user without a department', { role: 'department' }, 'DEMO_DEPARTMENT_REQUIRED', 'department'],
    ['a malformed department code', { role: 'department', department: '../501' }, 'DEMO_DEPARTMENT_INVALID', 'department'],
    ['a department on a finance user', { role: 'finance', department: '501' }, 'DEMO_DEPARTMENT_NOT_ALLOWED', 'department'],
    ['an unknown field', { role: 'finance', userId: 'boss' }, 'FIELD_NOT_ALLOWED', 'userId'],
    ['a missing role', {}, 'FIELD_REQUIRED', 'role'],
  ])('refuses %s with 400 problem+json and a field error', async (_name, body, code, field) => {
    const before = await t.eventCount();
    const response = await t.request('POST', '/v1/dev/demo-token', { body });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, code, title: '请求参数无效' });
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    expect(response.body.token).toBeUndefined();
    expect(await t.eventCount()).toBe(before);
  });

  it('keeps API paths out of the console fallback: unknown /v1 paths stay problem+json even when HTML is asked for', async () => {
    const response = await t.request('GET', '/v1/nothing-here', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  const built = existsSync(path.resolve(__dirname, '..', '..', 'dist', 'web', 'index.html'));
  (built ? it : it.skip)('serves the console for a deep link with its own CSP (when dist/web is built)', async () => {
    const response = await t.request('GET', '/department/501/2024', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('<div id="root"></div>');
    expect(String(response.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(response.headers['content-security-policy'])).not.toContain('unsafe-inline');
    // The API keeps its strict policy.
    expect(String((await t.request('GET', '/v1/dev/demo-users')).headers['content-security-policy'])).toContain("default-src 'none'");
  });
});

describe('demo sign-in with an OIDC issuer (production configuration)', () => {
  const t = useTestApp({ AUTH_ISSUER: 'https://login.example.gov.cn', AUTH_JWKS_URL: 'https://login.example.gov.cn/jwks' });

  it('has no demo routes at all', async () => {
    const token = await t.request('POST', '/v1/dev/demo-token', { body: { role: 'finance' } });
    expect(token.status).toBe(404);
    expect(token.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    expect(token.body.token).toBeUndefined();
    expect((await t.request('GET', '/v1/dev/demo-users')).status).toBe(404);
  });

  it('refuses DEMO=1 together with AUTH_ISSUER, and any DEMO value other than 1 or 0', () => {
    const production = loadConfig({ AUTH_ISSUER: 'https://login.example.gov.cn', AUTH_JWKS_URL: 'https://login.example.gov.cn/jwks' });
    expect(() => demoRequested({ DEMO: '1' }, production)).toThrow(/AUTH_ISSUER/);
    expect(demoRequested({ DEMO: '0' }, production)).toBe(false);
    const embedded = loadConfig({});
    expect(demoRequested({ DEMO: '1' }, embedded)).toBe(true);
    expect(demoRequested({}, embedded)).toBe(false);
    expect(() => demoRequested({ DEMO: 'yes' }, embedded)).toThrow(/DEMO/);
  });
});

describe('DEMO=1: the demo county', () => {
  const t = useTestApp();

  it('loads 501 and three generated departments through the API in their stages, and appends nothing on a restart', async () => {
    const config = t.app.get<ServiceConfig>(CONFIG);
    const signing = { privateKey: (await loadOrCreateLocalKey(config.dataDir)).privateKey, audience: config.auth.audience };
    const messages: string[] = [];
    const first = await loadDemoCounty(t.app, signing, (m) => messages.push(m), '2026-12-04');
    expect(first).toEqual({ loaded: ['501', '502', '503', '504'], skipped: [], position: expect.stringMatching(/^\d+$/) });
    const events = await t.eventCount();

    const finance = await t.token('finance');
    const statusOf: Record<string, string> = {};
    for (const department of DEMO_DEPARTMENTS) {
      statusOf[department.code] = (await t.request('GET', `/v1/budgets/${department.code}/2024`, { token: finance })).body.status;
    }
    expect(statusOf).toEqual({ '501': 'drafting', '502': 'published', '503': 'submitted', '504': 'published' });
    // Generated budgets balance and print: 502's published tables are public.
    const tables = await t.request('GET', '/v1/budgets/502/2024/tables?version=published');
    expect(tables.status).toBe(200);
    expect(tables.body.tables[0].rows[0][2]).toBe('253.30');

    // A living year: at 6月底 502 is on plan, 504's lighting project a little behind and its planning project
    // stalled, with the department's reason on record; by 12月底 502 has spent everything.
    const supervisor = await t.token('supervisor');
    const county = (checkpoint: string) => t.request('GET', `/v1/monitoring/2024?checkpoint=${encodeURIComponent(checkpoint)}&after=${first.position}`, { token: supervisor });
    const midYear = await county('6月底');
    expect(midYear.status).toBe(200);
    expect(midYear.body.departments.map((d: { department: string }) => d.department).sort()).toEqual(['502', '504']);
    const byCode = Object.fromEntries(midYear.body.departments.map((d: { department: string }) => [d.department, d]));
    expect(byCode['502']).toMatchObject({ warning: 'none', projectsBehind: { red: 0, yellow: 0 } });
    expect(byCode['504']).toMatchObject({ projectsBehind: { red: 1, yellow: 1 } });
    const warnings = (await t.request('GET', `/v1/monitoring/2024/warnings?checkpoint=${encodeURIComponent('6月底')}&department=504&after=${first.position}`, { token: supervisor })).body.warnings;
    expect(warnings.map((w: { level: string; kind: string }) => `${w.level} ${w.kind}`)).toEqual(expect.arrayContaining(['red execution', 'yellow execution']));
    const yearEnd = await county('12月底');
    const final502 = yearEnd.body.departments.find((d: { department: string }) => d.department === '502');
    expect(final502.executedPercent).toBe('100.00');

    const again = await loadDemoCounty(t.app, signing, (m) => messages.push(m), '2026-12-04');
    expect(again).toEqual({ loaded: [], skipped: ['501', '502', '503', '504'] });
    expect(await t.eventCount()).toBe(events);
    expect(messages[1]).toContain('已存在 501、502、503、504');
  });
});
