import { PgSqlClient } from '@budgetflow/event-store';
import { testDatabaseUrl } from '@budgetflow/testing';
import { RetentionSweeper } from '../../apps/api/src/http/retention';
import { useTestApp } from '../support/test-app';

/** Issue 15, defect 10: security_events and idempotency_keys no longer grow without bound. */
describe('retention of security events and Idempotency-Keys', () => {
  const t = useTestApp({ SECURITY_EVENT_RETENTION_DAYS: '30', IDEMPOTENCY_RETENTION_DAYS: '2' });
  let sql: PgSqlClient;

  beforeAll(async () => {
    sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema: t.schema, max: 1 });
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('deletes rows past their retention and keeps the recent ones', async () => {
    const event = (daysAgo: number, requestId: string) =>
      sql.query(
        `INSERT INTO security_events (kind, reason, status, method, path, request_id, client_address, recorded_at) VALUES ('LOGIN_FAILED', 'test', 401, 'GET', '/x', $1, '192.0.2.1', now() - make_interval(days => $2))`,
        [requestId, daysAgo],
      );
    const key = (daysAgo: number, name: string) =>
      sql.query(`INSERT INTO idempotency_keys (caller, key, fingerprint, status_code, response_body, created_at) VALUES ('u', $1, 'f', 200, '{}', now() - make_interval(days => $2))`, [name, daysAgo]);
    await event(31, 'old-event');
    await event(29, 'recent-event');
    await key(3, 'old-key');
    await key(1, 'recent-key');

    const swept = await t.app.get(RetentionSweeper).sweep();
    expect(swept).toEqual({ securityEvents: 1, idempotencyKeys: 1 });
    expect((await sql.query<{ request_id: string }>(`SELECT request_id FROM security_events WHERE reason = 'test'`)).rows.map((r) => r.request_id)).toEqual(['recent-event']);
    expect((await sql.query<{ key: string }>(`SELECT key FROM idempotency_keys`)).rows.map((r) => r.key)).toEqual(['recent-key']);
  });
});
