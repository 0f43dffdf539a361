import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generateKeyPair } from 'jose';
import { mintLocalToken } from '@budgetflow/platform';
import { type TestApp, createTestApp } from '../support/test-app';
import { scrubSecrets } from '../../apps/api/src/http/request-log';

/** The logs (LOG_FILE at level info) of authenticated, refused and failing requests never contain a token. */
describe('logs never contain tokens', () => {
  let t: TestApp;
  let dir: string;
  let logFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'budgetflow-logs-'));
    logFile = path.join(dir, 'api.log');
    t = await createTestApp({ LOG_LEVEL: 'info', LOG_FILE: logFile });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bad token, a good one, a refused one and a token in the query string leave no trace of the token', async () => {
    const foreign = await mintLocalToken((await generateKeyPair('ES256')).privateKey, { role: 'admin', audience: 'budgetflow' });
    const good = await t.token('department', '501', 'clerk-501');
    const other = await t.token('department', '502', 'clerk-502');

    const bad = await t.request('GET', '/v1/catalogs/2024', { token: foreign, headers: { 'x-request-id': 'req-bad-token-1' } });
    expect(bad.status).toBe(401);
    expect((await t.request('GET', '/v1/catalogs/2024', { token: good, headers: { 'x-request-id': 'req-good-token-1' } })).status).toBe(200);
    expect((await t.request('GET', '/v1/budgets', { token: other, headers: { 'x-request-id': 'req-refused-1' } })).status).toBe(403);
    expect((await t.request('GET', `/v1/catalogs/2024?access_token=${good}`, { headers: { 'x-request-id': 'req-query-token-1' } })).status).toBe(401);
    expect((await t.request('GET', '/v1/catalogs/2024', { headers: { cookie: `session=${good}`, 'x-request-id': 'req-cookie-1' } })).status).toBe(401);

    const log = readFileSync(logFile, 'utf8');
    // The requests were logged (so this test can fail), with their ids and the failed login's reason…
    for (const id of ['req-bad-token-1', 'req-good-token-1', 'req-refused-1', 'req-query-token-1', 'req-cookie-1']) expect(log).toContain(id);
    expect(log).toContain('login refused');
    expect(log).toContain('access_token=[redacted]');
    // One line per request, with who asked and what was answered.
    const lines = log.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { msg?: string; actor?: string; req?: { id: string; method: string; url: string }; res?: { statusCode: number } });
    const goodLines = lines.filter((line) => line.req?.id === 'req-good-token-1');
    expect(goodLines).toEqual([expect.objectContaining({ msg: 'request completed', actor: 'clerk-501', req: expect.objectContaining({ method: 'GET', url: '/v1/catalogs/2024' }), res: { statusCode: 200 } })]);
    // …but no token, nor its signature alone.
    for (const token of [foreign, good, other]) {
      expect(log).not.toContain(token);
      expect(log).not.toContain(token.split('.')[2]);
    }
  });

  it('scrubs JWT-shaped strings and token query parameters', () => {
    expect(scrubSecrets('/x?access_token=abc.def&year=2024')).toBe('/x?access_token=[redacted]&year=2024');
    expect(scrubSecrets('/x/eyJhbGciOi.eyJzdWIi.c2ln')).toBe('/x/[redacted]');
    expect(scrubSecrets('/v1/budgets/501/2024?version=1')).toBe('/v1/budgets/501/2024?version=1');
  });
});
