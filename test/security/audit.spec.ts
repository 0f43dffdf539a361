import { SECURITY_EVENT_SINK } from '@budgetflow/platform';
import type { SecurityEventRecorder } from '@budgetflow/security';
import { type TestApp, createTestApp } from '../support/test-app';
import { loadBudgetFacts } from '../support/guantao-fixture';

/**
 * Audit: every write's metadata holds user, role, department, client address and correlation id; failed logins and
 * refused actions are recorded beside them; admins and supervisors query all of it by department, user, time, type.
 */

const B = '/v1/budgets/501/2024';
type Entry = Record<string, string | number | undefined>;

describe('audit', () => {
  let t: TestApp;
  let admin: string;
  let startedAt: string;
  let badToken: string;

  const audit = async (query: string, token = admin): Promise<Entry[]> => {
    const response = await t.request('GET', `/v1/audit${query}`, { token });
    if (response.status !== 200) throw new Error(`audit ${query}: ${response.status} ${response.text}`);
    return response.body.entries;
  };

  beforeAll(async () => {
    startedAt = new Date(Date.now() - 1000).toISOString();
    t = await createTestApp({ TRUST_PROXY: 'true' }); // the test client stands in for a trusted reverse proxy
    admin = await t.token('admin', undefined, 'admin-wang');
    const clerk = await t.token('department', '501', 'clerk-501');
    const finance = await t.token('finance', undefined, 'finance-zhang');
    const clerk502 = await t.token('department', '502', 'clerk-502');
    const from = (ip: string, correlation: string) => ({ 'x-forwarded-for': ip, 'x-correlation-id': correlation });

    expect((await t.request('POST', `${B}/import`, { token: clerk, body: loadBudgetFacts(), headers: from('198.51.100.7', 'corr-import-1') })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: clerk, headers: from('198.51.100.7', 'corr-submit-1') })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: finance, headers: from('198.51.100.8', 'corr-approve-1') })).status).toBe(200);
    // Refused: another department, and a department at the county overview.
    expect((await t.request('POST', `${B}/return`, { token: clerk502, body: { reason: '越权退回' }, headers: { ...from('203.0.113.9', 'corr-refused-1'), 'x-request-id': 'req-refused-1' } })).status).toBe(403);
    expect((await t.request('GET', '/v1/budgets?year=2024', { token: clerk502, headers: from('203.0.113.9', 'corr-refused-2') })).status).toBe(403);
    // Failed logins: a tampered token and none at all.
    badToken = `${clerk.slice(0, -6)}AAAAAA`;
    expect((await t.request('GET', '/v1/catalogs/2024', { token: badToken, headers: { 'x-forwarded-for': '203.0.113.66', 'x-request-id': 'req-bad-login-1' } })).status).toBe(401);
    expect((await t.request('POST', `${B}/submit`, { headers: { 'x-forwarded-for': '203.0.113.67' } })).status).toBe(401);
    await t.app.get<SecurityEventRecorder>(SECURITY_EVENT_SINK).settled();
  });
  afterAll(() => t.close());

  it('every event carries who, role, department, client address and correlation id', async () => {
    const events = (await audit('?limit=1000')).filter((entry) => entry.source === 'event');
    expect(events).toHaveLength(await t.eventCount());
    for (const event of events) {
      expect(event).toEqual(expect.objectContaining({ userId: expect.any(String), role: expect.any(String), clientAddress: expect.any(String), correlationId: expect.any(String), streamId: expect.any(String) }));
    }
    const opened = events.find((event) => event.type === 'DraftOpened');
    expect(opened).toMatchObject({ userId: 'clerk-501', role: 'department', department: '501', clientAddress: '198.51.100.7', correlationId: 'corr-import-1', streamId: 'budget-501-2024' });
    expect((await audit('?type=DraftApproved'))).toEqual([
      expect.objectContaining({ source: 'event', userId: 'finance-zhang', role: 'finance', clientAddress: '198.51.100.8', correlationId: 'corr-approve-1', streamVersion: expect.any(Number) }),
    ]);
  });

  it('refused actions are recorded with who was refused, why, where and from which address', async () => {
    const refusals = await audit('?type=ACTION_REFUSED');
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'security', userId: 'clerk-502', role: 'department', department: '502', reason: 'FORBIDDEN_ROLE', status: 403, method: 'POST', path: `${B}/return`, clientAddress: '203.0.113.9', requestId: 'req-refused-1' }),
        expect.objectContaining({ source: 'security', userId: 'clerk-502', reason: 'FORBIDDEN', path: '/v1/budgets' }),
      ]),
    );
    expect(refusals).toHaveLength(2);
  });

  it('failed logins are recorded with the reason, address and request id — never the token', async () => {
    const response = await t.request('GET', '/v1/audit?type=LOGIN_FAILED', { token: admin });
    const failed: Entry[] = response.body.entries;
    expect(failed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'security', type: 'LOGIN_FAILED', status: 401, clientAddress: '203.0.113.66', requestId: 'req-bad-login-1', path: '/v1/catalogs/2024', reason: expect.any(String) }),
        expect.objectContaining({ type: 'LOGIN_FAILED', clientAddress: '203.0.113.67', reason: 'no bearer token', method: 'POST' }),
      ]),
    );
    expect(failed.find((entry) => entry.requestId === 'req-bad-login-1')?.userId).toBeUndefined();
    expect(response.text).not.toContain(badToken);
    expect(response.text).not.toContain(badToken.split('.')[2]);
  });

  it('filters by department, user, time and type, newest first', async () => {
    const by502 = await audit('?department=502');
    expect(by502.length).toBe(2);
    expect(by502.every((entry) => entry.userId === 'clerk-502')).toBe(true);

    const of501 = await audit('?department=501');
    expect(of501.some((entry) => entry.type === 'DraftApproved')).toBe(true); // finance acted on 501's budget
    expect(of501.some((entry) => entry.reason === 'FORBIDDEN_ROLE')).toBe(true); // 502 tried to act on it
    expect(of501.some((entry) => entry.path === '/v1/budgets')).toBe(false);

    const byClerk = await audit('?user=clerk-501&type=DraftSubmitted');
    expect(byClerk).toEqual([expect.objectContaining({ type: 'DraftSubmitted', correlationId: 'corr-submit-1' })]);

    expect(await audit(`?to=${encodeURIComponent(startedAt)}`)).toEqual([]);
    expect(await audit(`?from=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`)).toEqual([]);
    const all = await audit(`?from=${encodeURIComponent(startedAt)}&limit=1000`);
    // Four security events of this test, and the first start's ADMIN_CREATED (local accounts, no AUTH_ISSUER).
    expect(all.length).toBe((await t.eventCount()) + 5);
    expect(all.filter((entry) => entry.type === 'ADMIN_CREATED')).toHaveLength(1);
    const times = all.map((entry) => String(entry.at));
    expect([...times].sort().reverse()).toEqual(times);
    expect(await audit('?limit=3')).toHaveLength(3);
  });

  it('is for admins and supervisors only', async () => {
    expect((await t.request('GET', '/v1/audit', { token: await t.token('supervisor') })).status).toBe(200);
    for (const token of [await t.token('finance'), await t.token('department', '501')]) {
      const refused = await t.request('GET', '/v1/audit', { token });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN');
    }
    expect((await t.request('GET', '/v1/audit')).status).toBe(401);
  });

  it.each([
    ['?from=yesterday', 'from', 'INSTANT_INVALID'],
    ['?to=2024-13-45T99:00:00Z', 'to', 'INSTANT_INVALID'],
    ['?from=2024-03-02&to=2024-03-01', 'to', 'RANGE_INVALID'],
    ['?department=50%25', 'department', 'DEPARTMENT_CODE_INVALID'],
    ["?type=x'%20OR%201=1", 'type', 'EVENT_TYPE_INVALID'],
    ['?limit=0', 'limit', 'LIMIT_INVALID'],
    ['?limit=5000', 'limit', 'LIMIT_INVALID'],
    ['?user=a&user=b', 'user', 'QUERY_PARAMETER_REPEATED'],
    ['?since=2024-01-01', 'since', 'UNKNOWN_FIELD'],
  ])('refuses %s with a field error', async (query, field, code) => {
    const response = await t.request('GET', `/v1/audit${query}`, { token: admin });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field, code })] });
  });
});
