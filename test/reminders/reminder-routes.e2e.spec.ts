import { shanghaiTime } from '@budgetflow/reminders-domain';
import { createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';

/** Settings, contacts, webhooks and the inbox over HTTP: who may do what, and every bad input refused with nothing stored. */
describe('reminder settings, contacts and webhooks over HTTP', () => {
  let t: ReminderTestApp;
  const rows = async () => {
    const counts = await t.sql.query<{ n: bigint }>(
      `SELECT (SELECT count(*) FROM notification_contacts) + (SELECT count(*) FROM webhook_endpoints) + (SELECT count(*) FROM reminder_settings) AS n`,
    );
    return Number(counts.rows[0].n);
  };

  beforeAll(async () => {
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(() => [], {}), start: shanghaiTime(2024, 1, 1) });
  });
  afterAll(() => t?.close());

  it('finance changes lead times and channels; the planner replans at once', async () => {
    const finance = await t.token('finance');
    expect((await t.request('GET', '/v1/reminder-settings', { token: finance })).body).toMatchObject({ leadDays: [10, 3], confirmOnPlan: false, channels: { inbox: true, email: true, webhook: true } });
    const saved = await t.request('PUT', '/v1/reminder-settings', { token: finance, body: { leadDays: [5, 15], confirmOnPlan: true, channels: { email: false } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ leadDays: [15, 5], confirmOnPlan: true, channels: { inbox: true, email: false, webhook: true }, updatedBy: expect.any(String) });
    expect((await t.request('PUT', '/v1/reminder-settings', { token: await t.token('department', '501') , body: { leadDays: [3] } })).status).toBe(403);
    expect((await t.request('GET', '/v1/reminder-settings', { token: await t.token('department', '501') })).status).toBe(403);
  });

  it('settings are events of their own stream (who, when), changed with If-Match; a legacy row stands until the first change', async () => {
    const finance = await t.token('finance');
    const current = await t.request('GET', '/v1/reminder-settings', { token: finance });
    const version = (await t.sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM events WHERE stream_id = 'settings-reminders'`)).rows[0]!.n;
    const stale = await t.request('PUT', '/v1/reminder-settings', { token: finance, headers: { 'if-match': `"${Number(version) + 5}"` }, body: { leadDays: [7] } });
    expect(stale.status).toBe(412);
    expect((await t.request('GET', '/v1/reminder-settings', { token: finance })).body).toEqual(current.body);
    const changed = await t.request('PUT', '/v1/reminder-settings', { token: finance, headers: { 'if-match': `"${version}"` }, body: { leadDays: [7] } });
    expect(changed.status).toBe(200);
    expect(changed.headers['etag']).toBe(`"${Number(version) + 1}"`);
    const again = await t.request('PUT', '/v1/reminder-settings', { token: finance, body: { leadDays: [7] } });
    expect(again.body.version).toBe(Number(version) + 1); // the same settings again: nothing appended
    const events = await t.sql.query<{ type: string; user_id: string }>(`SELECT type, metadata->>'userId' AS user_id FROM events WHERE stream_id = 'settings-reminders' ORDER BY stream_version DESC LIMIT 1`);
    expect(events.rows[0]).toEqual({ type: 'ReminderSettingsChanged', user_id: expect.stringContaining('finance') });
  });

  it.each([
    [{ leadDays: [0] }, 'leadDays[0]', 'FIELD_TYPE_INVALID'],
    [{ leadDays: [3, 3] }, 'leadDays', 'FIELD_TYPE_INVALID'],
    [{ leadDays: [1, 2, 3, 4, 5, 6] }, 'leadDays', 'LIST_TOO_LONG'],
    [{ leadDays: '10' }, 'leadDays', 'FIELD_TYPE_INVALID'],
    [{ leadDays: [10], confirmOnPlan: 'yes' }, 'confirmOnPlan', 'FIELD_TYPE_INVALID'],
    [{ leadDays: [10], channels: { sms: true } }, 'channels.sms', 'FIELD_NOT_ALLOWED'],
    [{ leadDays: [10], status: 'x' }, 'status', 'FIELD_NOT_ALLOWED'],
    [{}, 'leadDays', 'FIELD_REQUIRED'],
  ])('refuses settings %j at %s (%s)', async (body, field, code) => {
    const before = await t.request('GET', '/v1/reminder-settings', { token: await t.token('admin') });
    const response = await t.request('PUT', '/v1/reminder-settings', { token: await t.token('admin'), body });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.title).toBe('请求参数无效');
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect((await t.request('GET', '/v1/reminder-settings', { token: await t.token('admin') })).body).toEqual(before.body);
  });

  it.each([
    [{ audience: 'department', department: '501', name: '张三', email: 'not-an-address' }, 'email', 'FIELD_TYPE_INVALID'],
    [{ audience: 'department', name: '张三', email: 'a@b.cn' }, 'department', 'FIELD_REQUIRED'],
    [{ audience: 'finance', department: '501', name: '张三', email: 'a@b.cn' }, 'department', 'FIELD_NOT_ALLOWED'],
    [{ audience: 'everyone', name: '张三', email: 'a@b.cn' }, 'audience', 'FIELD_TYPE_INVALID'],
    [{ audience: 'finance', email: 'a@b.cn' }, 'name', 'FIELD_REQUIRED'],
    [{ audience: 'finance', name: '张三', email: 'a@b.cn', role: 'admin' }, 'role', 'FIELD_NOT_ALLOWED'],
  ])('refuses contact %j at %s (%s), storing nothing', async (body, field, code) => {
    const before = await rows();
    const response = await t.request('POST', '/v1/notification-contacts', { token: await t.token('finance'), body });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual(expect.objectContaining({ field, code }));
    expect(await rows()).toBe(before);
  });

  it.each([
    [{ audience: 'finance', url: 'ftp://x.cn/hook', secret: 'sixteen-chars-long' }, 'url'],
    [{ audience: 'finance', url: 'not a url', secret: 'sixteen-chars-long' }, 'url'],
    [{ audience: 'finance', url: 'https://x.cn/hook', secret: 'short' }, 'secret'],
    [{ audience: 'finance', url: 'https://x.cn/hook' }, 'secret'],
  ])('refuses webhook %j at %s, storing nothing', async (body, field) => {
    const before = await rows();
    const response = await t.request('POST', '/v1/webhooks', { token: await t.token('finance'), body });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await rows()).toBe(before);
  });

  it('a department manages only its own recipients and never sees webhook secrets', async () => {
    const dept501 = await t.token('department', '501');
    const dept502 = await t.token('department', '502');
    const before = await rows();
    const foreign = await t.request('POST', '/v1/notification-contacts', { token: dept502, body: { audience: 'department', department: '501', name: '冒充', email: 'x@y.cn' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN');
    expect((await t.request('POST', '/v1/webhooks', { token: dept502, body: { audience: 'finance', url: 'https://x.cn/h', secret: 'sixteen-chars-long' } })).status).toBe(403);
    expect(await rows()).toBe(before);

    const hook = await t.request('POST', '/v1/webhooks', { token: dept501, body: { audience: 'department', department: '501', url: 'https://x.cn/h', secret: 'sixteen-chars-long' } });
    expect(hook.status).toBe(201);
    expect(hook.body).toEqual({ id: expect.any(String), audience: 'department', department: '501', url: 'https://x.cn/h' });
    expect((await t.request('POST', '/v1/webhooks', { token: dept501, body: { audience: 'department', department: '501', url: 'https://x.cn/h', secret: 'sixteen-chars-long' } })).status).toBe(409);
    expect((await t.request('GET', '/v1/webhooks', { token: dept502 })).body.webhooks).toEqual([]);
    expect(JSON.stringify((await t.request('GET', '/v1/webhooks', { token: dept501 })).body)).not.toContain('sixteen-chars-long');
    expect((await t.request('DELETE', `/v1/webhooks/${hook.body.id}`, { token: dept502 })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/webhooks/${hook.body.id}`, { token: dept501 })).status).toBe(204);
  });

  it('refuses bad inbox queries and anonymous callers', async () => {
    const dept = await t.token('department', '501');
    expect((await t.request('GET', '/v1/notifications?unread=maybe', { token: dept })).body.errors[0]).toMatchObject({ field: 'unread', code: 'FIELD_TYPE_INVALID' });
    expect((await t.request('GET', '/v1/notifications?limit=0', { token: dept })).status).toBe(400);
    expect((await t.request('POST', '/v1/notifications/abc/read', { token: dept })).status).toBe(404);
    expect((await t.request('GET', '/v1/notifications')).status).toBe(401);
  });
});
