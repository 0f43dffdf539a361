import { useTestApp } from '../support/test-app';
import { BUDGET_URL as B, loadBudgetFacts } from '../support/guantao-fixture';

/**
 * Issue 15, defect 4: published versions never change, so their disclosure reads carry a strong ETag, answer
 * `If-None-Match` with 304 and may be cached publicly; drafts and unpublished versions are `private, no-store`.
 */
describe('HTTP caching of published disclosure reads', () => {
  const t = useTestApp();
  let dept: string;
  const PATHS = ['tables', 'tables/T1', 'tables/T6.csv', 'tables.xlsx', 'disclosure', 'disclosure.html', 'datapackage'];

  beforeAll(async () => {
    dept = await t.token('department', '501', 'clerk-501');
    const finance = await t.token('finance', undefined, 'finance-zhang');
    expect((await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() })).status).toBe(200);
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
    expect((await t.request('POST', `${B}/approve`, { token: finance })).status).toBe(200);
  });

  it('an approved but unpublished version and the draft are private, no-store, without an ETag', async () => {
    for (const path of PATHS) {
      for (const version of ['draft', '1']) {
        const response = await t.request('GET', `${B}/${path}?version=${version}`, { token: dept });
        expect([path, version, response.status, response.headers['cache-control'], response.headers['etag']]).toEqual([path, version, 200, 'private, no-store', undefined]);
      }
    }
  });

  it('a published version: strong ETag, public Cache-Control, 304 on If-None-Match, the same bytes again', async () => {
    const published = await t.request('POST', `${B}/versions/1/publish`, { token: await t.token('finance', undefined, 'finance-zhang') });
    expect(published.status).toBe(200);
    for (const path of PATHS) {
      const url = `${B}/${path}?version=1&after=${published.body.position}`;
      const first = await t.app.inject({ method: 'GET', url });
      expect([path, first.statusCode]).toEqual([path, 200]);
      const etag = String(first.headers['etag']);
      expect([path, etag]).toEqual([path, expect.stringMatching(/^"501-2024-v1-published-[^"]+"$/)]);
      // The data package holds every published phase, so it follows the latest publication (short max-age).
      expect([path, first.headers['cache-control']]).toEqual([path, path === 'datapackage' ? 'public, max-age=60' : 'public, max-age=86400']);

      const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect([path, again.statusCode, again.rawPayload.length]).toEqual([path, 304, 0]);
      expect(again.headers['etag']).toBe(etag);

      const stale = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '"501-2024-v0-published-x"' } });
      expect([path, stale.statusCode]).toEqual([path, 200]);
      expect(Buffer.compare(stale.rawPayload, first.rawPayload)).toBe(0);
    }
    // The latest publication may move on: a short max-age when the version is not named.
    const latest = await t.app.inject({ method: 'GET', url: `${B}/tables` });
    expect(latest.headers['cache-control']).toBe('public, max-age=60');
  });
});
