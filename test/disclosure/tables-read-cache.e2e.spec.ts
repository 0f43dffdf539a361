import { EVENT_STORE, SQL_CLIENT } from '@budgetflow/platform';
import { DisclosureReader } from '../../libs/budget/application/src/disclosure/disclosure-reader';
import type { EventStore, SqlClient } from '@budgetflow/event-store';
import { createTestApp, type TestApp } from '../support/test-app';
import { BUDGET_URL as B, loadBudgetFacts } from '../support/guantao-fixture';

/**
 * Issue 19: the tables answer of a version is kept per (budget, version asked for, visibility) with the checkpoint it
 * was read at, and served again — without reading the read model — only while that checkpoint covers every event
 * of the budget, its year's catalog and disclosure settings, and the caller's `?after=`.
 */
describe('the tables read cache', () => {
  let t: TestApp;
  let clerk: string;
  let finance: string;
  let admin: string;
  let sql: SqlClient;
  let readModelReads: () => number;

  beforeAll(async () => {
    t = await createTestApp();
    clerk = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
    admin = await t.token('admin', undefined, 'admin-1');
    const imported = await t.request('POST', `${B}/import`, { token: clerk, body: loadBudgetFacts() });
    expect(imported.status).toBe(200);
    // Warm: the first read waits for the projection.
    expect((await t.request('GET', `${B}/tables?version=draft&after=${imported.body.position}`, { token: finance })).status).toBe(200);
    sql = t.app.get<SqlClient>(SQL_CLIENT);
    const query = jest.spyOn(sql, 'query');
    readModelReads = () => query.mock.calls.filter(([text]) => String(text).includes('projection_checkpoints')).length;
  });
  afterAll(() => t?.close());

  const tables = async (token: string | undefined, query = 'version=draft') => {
    const response = await t.request('GET', `${B}/tables?${query}`, token ? { token } : {});
    return { status: response.status, text: response.text, body: response.body };
  };

  it('serves an unchanged draft again without reading the read model, the same bytes', async () => {
    const first = await tables(finance);
    const before = readModelReads();
    const again = await tables(finance);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(readModelReads()).toBe(before);
  });

  it('readers of the same budget at the same moment share one look-up of the stream heads', async () => {
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the look-up the previous test left (kept 50 ms)
    const heads = jest.spyOn(t.app.get<EventStore>(EVENT_STORE), 'streamHeads');
    const answers = await Promise.all(Array.from({ length: 20 }, () => tables(finance)));
    expect(answers.every((answer) => answer.status === 200 && answer.text === answers[0]!.text)).toBe(true);
    expect(heads.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(heads.mock.calls.length).toBeLessThanOrEqual(5);
    heads.mockRestore();
  });

  it('readers one after another share a look-up for at most 50 ms while no append is noticed, then look again', async () => {
    const heads = jest.spyOn(t.app.get<EventStore>(EVENT_STORE), 'streamHeads');
    // Only the clock is faked (timers and I/O run as they do), so the 50 ms are the test's to move.
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const now = Date.now();
      jest.setSystemTime(now + 1_000); // past any look-up an earlier test left
      const first = await tables(finance);
      const calls = heads.mock.calls.length;
      expect(calls).toBeGreaterThanOrEqual(1);
      expect((await tables(finance)).text).toBe(first.text);
      expect((await tables(finance)).text).toBe(first.text);
      expect(heads.mock.calls.length).toBe(calls);
      // A notification another process's append would have sent can be missed: the look-up is never older than 50 ms.
      jest.setSystemTime(now + 1_051);
      expect((await tables(finance)).text).toBe(first.text);
      expect(heads.mock.calls.length).toBe(calls + 1);
    } finally {
      jest.useRealTimers();
      heads.mockRestore();
    }
  });

  it('a write to the budget is seen by the next read, without ?after= (the stream head moved past the kept answer)', async () => {
    const before = await tables(finance);
    const proposed = await t.request('POST', `${B}/basic-lines`, {
      token: clerk,
      body: { functionalCode: '2014001', economicCode: '30211', fundSource: '一般公共预算拨款', amount: '10000.00' },
    });
    expect(proposed.status).toBe(201);
    const after = await tables(finance);
    expect(after.status).toBe(200);
    expect(after.text).not.toBe(before.text);
    // T1's total rose by exactly 1.00 万元.
    const total = (body: { tables: Array<{ rows: string[][] }> }) => Number(body.tables[0]!.rows.at(-1)!.at(-1));
    expect(Math.round((total(after.body) - total(before.body)) * 100)).toBe(100);
    // …and is kept again from there.
    const reads = readModelReads();
    expect((await tables(finance)).text).toBe(after.text);
    expect(readModelReads()).toBe(reads);
  });

  it("a change to the year's catalog (a rename) is seen by the next read", async () => {
    expect((await tables(finance)).text).not.toContain('信访业务（更名）');
    const renamed = await t.request('PUT', '/v1/catalogs/2024', { token: admin, body: { functional: [{ code: '2014004', name: '信访业务（更名）' }], economic: [] } });
    expect(renamed.status).toBe(200);
    expect((await tables(finance)).text).toContain('信访业务（更名）');
  });

  it('?after= beyond the kept answer reads the read model again and sees the write it names', async () => {
    await tables(finance);
    const proposed = await t.request('POST', `${B}/basic-lines`, {
      token: clerk,
      body: { functionalCode: '2014001', economicCode: '30216', fundSource: '一般公共预算拨款', amount: '20000.00' },
    });
    expect(proposed.status).toBe(201);
    const reads = readModelReads();
    const after = await tables(finance, `version=draft&after=${proposed.body.position}`);
    expect(after.status).toBe(200);
    expect(readModelReads()).toBeGreaterThan(reads);
    expect(after.text).toContain('"department":"501"');
  });

  it('never hands an answer kept for finance to an anonymous reader or another department', async () => {
    expect((await tables(finance)).status).toBe(200);
    // No published version yet: anonymous and other departments learn nothing, whatever finance read before.
    expect((await tables(undefined, '')).status).toBe(404);
    expect((await tables(undefined, 'version=draft')).status).toBe(404);
    expect((await tables(await t.token('department', '502', 'clerk-502'))).status).toBe(404);
    // The department itself reads its draft (the internal answer).
    const own = await tables(clerk);
    expect(own.status).toBe(200);
    expect(own.text).toBe((await tables(finance)).text);
  });
});

describe('revalidating a published version', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const clerk = await t.token('department', '501', 'clerk-501');
    const finance = await t.token('finance', undefined, 'finance-zhang');
    expect((await t.request('POST', `${B}/import`, { token: clerk, body: loadBudgetFacts() })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: clerk })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: finance })).status).toBe(200);
    const published = await t.request('POST', `${B}/versions/1/publish`, { token: finance });
    expect(published.status).toBe(200);
    expect((await t.request('GET', `${B}/tables?version=1&after=${published.body.position}`)).status).toBe(200);
  });
  afterAll(() => t?.close());

  it('answers If-None-Match on a named published version with 304 without a single query', async () => {
    for (const path of ['tables', 'tables/T2', 'disclosure']) {
      const first = await t.request('GET', `${B}/${path}?version=1`);
      expect([path, first.status]).toEqual([path, 200]);
      const etag = String(first.headers['etag']);
      const query = jest.spyOn(t.app.get<SqlClient>(SQL_CLIENT), 'query');
      const again = await t.request('GET', `${B}/${path}?version=1`, { headers: { 'if-none-match': etag } });
      expect([path, again.status, again.headers['etag'], again.headers['cache-control'], again.text]).toEqual([path, 304, etag, 'public, max-age=86400', '']);
      expect([path, query.mock.calls.length]).toEqual([path, 0]);
      query.mockRestore();
      // Another representation's tag is no match: the answer is read and sent.
      const other = await t.request('GET', `${B}/${path}?version=1`, { headers: { 'if-none-match': '"501-2024-v1-published-other"' } });
      expect([path, other.status]).toEqual([path, 200]);
    }
  });

  it('a named published version, once answered, is answered from memory before routing: the same bytes and headers, 304 on its tag', async () => {
    const first = await t.request('GET', `${B}/tables?version=1`);
    expect(first.status).toBe(200);
    const route = jest.spyOn(t.app.get(DisclosureReader), 'tables');
    const query = jest.spyOn(t.app.get<SqlClient>(SQL_CLIENT), 'query');
    const again = await t.request('GET', `${B}/tables?version=1`);
    const revalidated = await t.request('GET', `${B}/tables?version=1`, { headers: { 'if-none-match': String(first.headers['etag']) } });
    expect([route.mock.calls.length, query.mock.calls.length]).toEqual([0, 0]);
    route.mockRestore();
    query.mockRestore();
    expect([again.status, again.text, again.headers['etag'], again.headers['cache-control'], again.headers['content-type']]).toEqual([
      200,
      first.text,
      first.headers['etag'],
      'public, max-age=86400',
      first.headers['content-type'],
    ]);
    expect(again.headers['x-content-type-options']).toBe('nosniff'); // the security headers still apply
    expect([revalidated.status, revalidated.text]).toEqual([304, '']);
    // Anything else still takes the route: another query, a cross-origin request.
    const routed = jest.spyOn(t.app.get(DisclosureReader), 'tables');
    await t.request('GET', `${B}/tables?version=published`);
    await t.request('GET', `${B}/tables?version=1&after=1`);
    await t.request('GET', `${B}/tables?version=1`, { headers: { origin: 'https://example.org' } }); // CORS answers per origin
    expect(routed.mock.calls.length).toBe(3);
    routed.mockRestore();
  });

  it('an unknown or unpublished version number is read as before (404 for outsiders), whatever If-None-Match says', async () => {
    const missing = await t.request('GET', `${B}/tables?version=2`, { headers: { 'if-none-match': '"501-2024-v2-published-tables"' } });
    expect(missing.status).toBe(404);
  });
});
