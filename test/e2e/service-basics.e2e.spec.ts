import { createTestApp, useTestApp } from '../support/test-app';

describe('service basics over HTTP', () => {
  const t = useTestApp();

  it('answers /health 200 when the store is reachable', async () => {
    const response = await t.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('serves the OpenAPI document at /docs', async () => {
    const ui = await t.request('GET', '/docs');
    expect(ui.status).toBe(200);
    const document = await t.request('GET', '/docs/openapi.json');
    expect(document.status).toBe(200);
    expect(Object.keys(document.body.paths)).toContain('/v1/budgets/{department}/{year}/import');
  });

  it('answers unknown routes with problem+json', async () => {
    const response = await t.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', title: '接口不存在' });
  });

  it('refuses a missing, malformed, foreign or expired token with 401', async () => {
    const url = '/v1/budgets/501/2024/history';
    expect((await t.request('GET', url)).status).toBe(401);
    expect((await t.request('GET', url, { headers: { authorization: 'Basic abc' } })).body.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', url, { token: 'not.a.token' })).status).toBe(401);
    const other = await createTestApp();
    try {
      const foreign = await other.token('admin');
      expect((await t.request('GET', url, { token: foreign })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('keeps a caller request id and echoes it', async () => {
    const response = await t.request('GET', '/health', { headers: { 'x-request-id': 'abc-123' } });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});

describe('the county overview read model', () => {
  const t = useTestApp();

  it('lists every department of a year once the projection has caught up with the write', async () => {
    const clerk = await t.token('department', '777');
    const opened = await t.request('POST', '/v1/budgets/777/2024', { token: clerk, body: { name: '测试局', unitKind: '行政' } });
    expect(opened.status).toBe(201);
    const finance = await t.token('finance');
    const county = await t.request('GET', `/v1/budgets?year=2024&after=${opened.body.position}`, { token: finance });
    expect(county.status).toBe(200);
    expect(county.body.departments).toEqual([
      expect.objectContaining({ department: '777', name: '测试局', status: 'drafting', streamVersion: opened.body.version, income: '0.00' }),
    ]);
    const health = await t.request('GET', '/health');
    expect(health.body.checks.find((check: { name: string }) => check.name === 'projections')).toMatchObject({ ok: true });
  });

  it('is not for department users', async () => {
    const response = await t.request('GET', '/v1/budgets?year=2024', { token: await t.token('department', '777') });
    expect(response.status).toBe(403);
  });
});

describe('demo sign-in outside the embedded default', () => {
  it('does not exist unless DEMO_SIGN_IN is on', async () => {
    const t = await createTestApp({ DEMO_SIGN_IN: 'false' });
    try {
      const response = await t.request('POST', '/v1/dev/demo-token', { body: { role: 'finance' } });
      expect(response.status).toBe(404);
      expect(await t.eventCount()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
