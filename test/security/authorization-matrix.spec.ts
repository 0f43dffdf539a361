import { Controller, Get, Module } from '@nestjs/common';
import { loadConfig } from '@budgetflow/platform';
import { testDatabaseUrl, uniqueSchemaName } from '@budgetflow/testing';
import { PgSqlClient } from '@budgetflow/event-store';
import { createApp } from '../../apps/api/src/create-app';
import { routeTable } from '../../apps/api/src/http/route-table';
import { type TestApp, type TestResponse, createTestApp } from '../support/test-app';
import { AUTHORIZATION_MATRIX, CALLERS, type Caller, type Expectation, type MatrixEntry, bodyOf, entryKeyFor, matrixGaps } from './authorization-matrix';
import { callerTokens, publishFixture } from './support/callers';

/**
 * Walks the whole authorization matrix: every route the running app serves × every caller, against the fixture
 * budget of department 501 approved and published as version 1. A route the app serves without an entry fails.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const AUTHORIZATION_STATUSES = [401, 403];
const VALIDATION_STATUSES = [400, 422];

function check(expectation: Expectation, response: TestResponse): string | undefined {
  const problemJson = String(response.headers['content-type'] ?? '').startsWith('application/problem+json');
  if (expectation === 'ok') return response.status >= 200 && response.status < 300 ? undefined : `expected 2xx, got ${response.status} ${response.text.slice(0, 200)}`;
  if (expectation === 'allowed') {
    if (response.status >= 200 && response.status < 300) return undefined;
    if (response.status >= 500) return `expected allowed, got ${response.status} ${response.text.slice(0, 200)}`;
    if (AUTHORIZATION_STATUSES.includes(response.status)) return `expected allowed, got refusal ${response.status} ${response.body?.code}`;
    // A 400/422 means the request never reached the decision the row claims to test (its body was refused first).
    if (VALIDATION_STATUSES.includes(response.status)) return `expected allowed, got a validation refusal ${response.status} ${response.body?.code}: fix the matrix body`;
    return problemJson ? undefined : `a ${response.status} must be problem+json`;
  }
  if (response.status !== expectation.status || response.body?.code !== expectation.code) {
    return `expected ${expectation.status} ${expectation.code}, got ${response.status} ${response.body?.code ?? response.text.slice(0, 200)}`;
  }
  if (!problemJson) return 'a refusal must be problem+json';
  if (typeof response.body?.title !== 'string' || !/[\u4e00-\u9fff]/.test(response.body.title)) return 'a refusal carries a Chinese title';
  return undefined;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let tokens: Record<Caller, string | undefined>;
  let keys: string[];

  beforeAll(async () => {
    // Every caller tries one sign-in with the same unknown login: no lockout or growing delay between the rows.
    t = await createTestApp({ LOGIN_MAX_FAILURES: '100', LOGIN_FAILURE_DELAY_MS: '0' });
    tokens = await callerTokens(t);
    await publishFixture(t, tokens);
    // Read models (disclosure tables) answer 503 until they have caught up with the publication.
    const deadline = Date.now() + 20_000;
    for (const entry of Object.values(AUTHORIZATION_MATRIX).filter((e) => e.publicBudgetRead)) {
      while ((await t.request('GET', entry.request.url)).status === 503 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    keys = routeTable(t.app.getHttpAdapter().getInstance()).map((route) => `${route.method} ${route.url}`);
  });
  afterAll(() => t.close());

  it('has an entry for every route the app serves, and none for a route it does not', () => {
    const gaps = matrixGaps(routeTable(t.app.getHttpAdapter().getInstance()));
    expect(gaps).toEqual({ missing: [], stale: [] });
    expect(keys.length).toBeGreaterThan(30);
  });

  const walk = async (filter: (key: string, entry: MatrixEntry) => boolean): Promise<string[]> => {
    const failures: string[] = [];
    for (const key of keys) {
      const entryKey = entryKeyFor(key);
      if (!entryKey || !filter(key, AUTHORIZATION_MATRIX[entryKey])) continue;
      const entry = AUTHORIZATION_MATRIX[entryKey];
      const [method, routeUrl] = key.split(' ') as [Method, string];
      // A `/**` entry is walked on each route it covers (static files: the route's url is the request's).
      const url = entryKey === key ? entry.request.url : routeUrl;
      // Refusals first, so that an allowed write cannot change what a refused caller would have seen.
      const order = [...CALLERS].sort((a, b) => Number(typeof entry.access[b] === 'object') - Number(typeof entry.access[a] === 'object'));
      for (const caller of order) {
        const expectation = entry.access[caller];
        const before = await t.eventCount();
        const body = bodyOf(entry.request);
        const payload = entry.request.payload ? await entry.request.payload() : undefined;
        const response = await t.request(method, url, { token: tokens[caller], headers: entry.request.headers, ...(payload !== undefined ? { payload } : body !== undefined ? { body } : {}) });
        const problem = check(expectation, response);
        if (problem) failures.push(`${key} as ${caller}: ${problem}`);
        if (response.status >= 400 && (await t.eventCount()) !== before) failures.push(`${key} as ${caller}: answered ${response.status} but appended events`);
      }
    }
    return failures;
  };

  // Reads first: they need the published state untouched by the writes below.
  it('every read route answers each caller as the matrix says', async () => {
    expect(await walk((key) => key.startsWith('GET '))).toEqual([]);
  });

  it('published budgets are readable without login; drafts never (anonymous, other department)', async () => {
    const failures: string[] = [];
    for (const [key, entry] of Object.entries(AUTHORIZATION_MATRIX).filter(([, e]) => e.publicBudgetRead)) {
      const draft = `${entry.request.url}${entry.request.url.includes('?') ? '&' : '?'}version=draft`;
      const published = `${entry.request.url}${entry.request.url.includes('?') ? '&' : '?'}version=published`;
      for (const caller of ['anonymous', 'departmentOther'] as const) {
        const problem = check({ status: 404, code: 'NOT_FOUND' }, await t.request('GET', draft, { token: tokens[caller] }));
        if (problem) failures.push(`${key} draft as ${caller}: ${problem}`);
        const open = await t.request('GET', published, { token: tokens[caller] });
        if (open.status !== 200) failures.push(`${key} published as ${caller}: ${open.status}`);
      }
      const own = await t.request('GET', draft, { token: tokens.departmentOwn });
      if (own.status !== 200) failures.push(`${key} draft as departmentOwn: ${own.status}`);
    }
    expect(failures).toEqual([]);
    // What an outsider sees of the budget itself: published versions only, no status, no draft warnings.
    const outsider = await t.request('GET', '/v1/budgets/501/2024');
    expect(outsider.body).toMatchObject({ version: 1, published: true });
    expect(outsider.body.status).toBeUndefined();
    expect(outsider.body.warnings).toBeUndefined();
  });

  it('every write route answers each caller as the matrix says, and no refusal appends an event', async () => {
    expect(await walk((key) => !key.startsWith('GET '))).toEqual([]);
  });

  it('a route added without a matrix entry is caught', async () => {
    @Controller('v1/unlisted')
    class UnlistedController {
      @Get()
      list() {
        return [];
      }
    }
    @Module({ controllers: [UnlistedController] })
    class UnlistedModule {}

    const schema = uniqueSchemaName('sec');
    const config = loadConfig({ DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema, DATA_DIR: `/tmp/budgetflow-${schema}`, LOG_LEVEL: 'silent' });
    const app = await createApp(config, { imports: [UnlistedModule] });
    try {
      const gaps = matrixGaps(routeTable(app.getHttpAdapter().getInstance()));
      expect(gaps.missing).toContain('GET /v1/unlisted');
      expect(gaps.missing).toHaveLength(matrixGaps(routeTable(t.app.getHttpAdapter().getInstance())).missing.length + 1);
    } finally {
      await app.close();
      const admin = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: 1 });
      await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => admin.close());
    }
  });
});
