import { createHash } from 'node:crypto';
import { PgSqlClient } from '@budgetflow/event-store';
import { testDatabaseUrl } from '@budgetflow/testing';
import { useTestApp } from '../support/test-app';
import { BUDGET_URL as B, loadBudgetFacts } from '../support/guantao-fixture';

/**
 * Issue 15, defects 5 and 6: an Idempotency-Key whose request died with its process is recovered after its lease
 * (the retry executes once), and a key stays bound to its first body after a business-rule refusal.
 */
describe('Idempotency-Key: crash recovery and refusals', () => {
  const t = useTestApp({ IDEMPOTENCY_LEASE_SECONDS: '60' });
  let sql: PgSqlClient;
  let dept: string;
  const url = `${B}/income`;
  const fingerprint = (body: unknown) => createHash('sha256').update(`POST ${url}\n${JSON.stringify(body)}`).digest('hex');

  beforeAll(async () => {
    sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema: t.schema, max: 1 });
    dept = await t.token('department', '501', 'clerk-501');
    expect((await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() })).status).toBe(200);
  });
  afterAll(async () => {
    await sql?.close();
  });

  /** The row a request leaves behind when its process dies between claiming the key and answering. */
  const orphan = (key: string, body: unknown, startedSecondsAgo: number) =>
    sql.query(
      `INSERT INTO idempotency_keys (caller, key, fingerprint, created_at, lease_expires_at, claim)
       VALUES ('clerk-501', $1, $2, now() - make_interval(secs => $3), now() - make_interval(secs => $3) + interval '60 seconds', 'dead-process')`,
      [key, fingerprint(body), startedSecondsAgo],
    );

  it('a key left in progress by a dead process is taken over after its lease: the retry executes once, then replays', async () => {
    const body = { source: '事业收入', amount: '100.00' };
    await orphan('crashed-1', body, 120);
    const before = await t.eventCount();
    const retry = await t.request('POST', url, { token: dept, body, headers: { 'idempotency-key': 'crashed-1' } });
    expect(retry.status).toBe(200);
    expect(await t.eventCount()).toBe(before + 1);
    const again = await t.request('POST', url, { token: dept, body, headers: { 'idempotency-key': 'crashed-1' } });
    expect({ status: again.status, replayed: again.headers['idempotent-replayed'], body: again.body }).toEqual({ status: 200, replayed: 'true', body: retry.body });
    expect(await t.eventCount()).toBe(before + 1);
  });

  it('within the lease the key is still in progress (409), and another body is refused (422)', async () => {
    const body = { source: '事业收入', amount: '200.00' };
    await orphan('running-1', body, 5);
    const before = await t.eventCount();
    const busy = await t.request('POST', url, { token: dept, body, headers: { 'idempotency-key': 'running-1' } });
    expect({ status: busy.status, code: busy.body.code }).toEqual({ status: 409, code: 'CONCURRENT_MODIFICATION' });
    const other = await t.request('POST', url, { token: dept, body: { ...body, amount: '201.00' }, headers: { 'idempotency-key': 'running-1' } });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await t.eventCount()).toBe(before);
  });

  it('after a business-rule refusal the key replays the refusal for the same body and refuses another body with IDEMPOTENCY_KEY_REUSED', async () => {
    const headers = { 'idempotency-key': 'refused-1' };
    const before = await t.eventCount();
    const refused = await t.request('POST', url, { token: dept, body: { source: '事业收入', amount: '-5.00' }, headers });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const replayed = await t.request('POST', url, { token: dept, body: { source: '事业收入', amount: '-5.00' }, headers });
    expect({ status: replayed.status, code: replayed.body.code, replayed: replayed.headers['idempotent-replayed'] }).toEqual({ status: refused.status, code: refused.body.code, replayed: 'true' });
    const other = await t.request('POST', url, { token: dept, body: { source: '事业收入', amount: '5.00' }, headers });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(other.headers['content-type']).toContain('application/problem+json');
    expect(await t.eventCount()).toBe(before);
  });
});
