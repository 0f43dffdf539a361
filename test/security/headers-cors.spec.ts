import { createTestApp, useTestApp } from '../support/test-app';

/** Helmet's headers on every answer, a strict CSP for the API and the relaxed one only for /docs; CORS from config. */
describe('security headers and CORS', () => {
  const t = useTestApp({ CORS_ORIGINS: 'https://budget.county.example,http://localhost:5173' });

  it('API answers carry a strict CSP and the helmet headers, errors included', async () => {
    for (const url of ['/health', '/v1/catalogs/2024', '/v1/nowhere']) {
      const response = await t.request('GET', url);
      const csp = String(response.headers['content-security-policy']);
      // An unknown path may fall to the web console's catch-all, whose (also strict) CSP is 'self'-based.
      if (url !== '/v1/nowhere') expect({ url, csp }).toEqual({ url, csp: expect.stringContaining("default-src 'none'") });
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers['x-request-id']).toEqual(expect.any(String));
    }
  });

  it('/docs works: the Swagger page loads, with the inline scripts and styles it needs allowed there only', async () => {
    const page = await t.request('GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('swagger-ui');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    const init = await t.request('GET', '/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect((await t.request('GET', '/docs/openapi.json')).body.info.title).toBe('budgetflow');
  });

  it('a configured origin gets CORS headers (preflight included); any other origin gets none', async () => {
    const allowed = await t.request('GET', '/health', { headers: { origin: 'https://budget.county.example' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://budget.county.example');

    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/budgets/501/2024/submit',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.statusCode).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');

    const other = await t.request('GET', '/health', { headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const otherPreflight = await t.app.inject({
      method: 'OPTIONS',
      url: '/v1/budgets/501/2024/submit',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(otherPreflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('without CORS_ORIGINS no origin gets CORS headers', async () => {
    const plain = await createTestApp();
    try {
      const response = await plain.request('GET', '/health', { headers: { origin: 'https://budget.county.example' } });
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await plain.app.inject({
        method: 'OPTIONS',
        url: '/v1/budgets/501/2024/submit',
        headers: { origin: 'https://budget.county.example', 'access-control-request-method': 'POST' },
      });
      expect(preflight.statusCode).toBeGreaterThanOrEqual(400);
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('a body over BODY_LIMIT_BYTES → 413 problem+json PAYLOAD_TOO_LARGE', async () => {
    const small = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
    try {
      const before = await small.eventCount();
      const response = await small.request('POST', '/v1/budgets/501/2024/income', {
        token: await small.token('department', '501'),
        payload: JSON.stringify({ source: '一般公共预算拨款收入', amount: '1.00', padding: 'x'.repeat(4096) }),
      });
      expect(response.status).toBe(413);
      expect(response.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(await small.eventCount()).toBe(before);
    } finally {
      await small.close();
    }
  });
});

describe('hostile addresses', () => {
  it('a NUL byte anywhere in the address → 400 problem+json, before any handler', async () => {
    const t = await createTestApp();
    try {
      const token = await t.token('admin');
      for (const url of ['/v1/catalogs/2024%00', '/v1/budgets/501/2024?version=%00', '/v1/audit?user=a%00b']) {
        const response = await t.request('GET', url, { token });
        expect({ url, status: response.status, code: response.body?.code }).toEqual({ url, status: 400, code: 'VALIDATION_FAILED' });
        expect(response.headers['content-type']).toContain('application/problem+json');
      }
    } finally {
      await t.close();
    }
  });
});
