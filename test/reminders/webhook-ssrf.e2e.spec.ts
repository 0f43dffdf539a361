import { randomUUID } from 'node:crypto';
import { shanghaiTime } from '@budgetflow/reminders-domain';
import { parseWebhookAllowList, resolveWebhookTarget } from '@budgetflow/reminders-application';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { fixtureProjects } from './support/fixture-plan';
import { startWebhookReceiver } from './support/receivers';

/**
 * Issue 15, defect 2 (SSRF): webhooks to loopback, private, link-local, IPv6 loopback/ULA, unspecified, numeric-host
 * and credential-bearing URLs are refused at registration (400, a stable code, nothing stored), checked again at
 * delivery after DNS, and limited per audience. This app runs without an allow-list (no WEBHOOK_ALLOWED_HOSTS).
 */
describe('webhook targets (SSRF guard)', () => {
  let t: ReminderTestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const endpoints = async () => Number((await t.sql.query<{ n: bigint }>('SELECT count(*) AS n FROM webhook_endpoints')).rows[0].n);

  beforeAll(async () => {
    receiver = await startWebhookReceiver(() => 200);
    t = await createReminderTestApp({
      figures: new PatternExecutionFigures(fixtureProjects, {}),
      start: shanghaiTime(2024, 3, 20),
      env: { WEBHOOK_ALLOWED_HOSTS: '', WEBHOOKS_PER_AUDIENCE: '3', WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_RETRY_BASE_MS: '60000' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  /** Hosts no webhook may call: loopback, private, link-local and unspecified addresses however written, and localhost. */
  const hostsNotAllowed: Array<[string, string]> = [
    ['loopback', 'http://127.0.0.1:8080/hook'],
    ['loopback elsewhere in 127/8', 'http://127.10.0.1/hook'],
    ['private 10/8', 'http://10.0.0.5/hook'],
    ['private 172.16/12', 'https://172.20.1.1/hook'],
    ['private 192.168/16', 'http://192.168.1.10/hook'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', 'http://[::1]/hook'],
    ['IPv6 link-local', 'http://[fe80::1]/hook'],
    ['IPv6 unique local', 'http://[fd12:3456::1]/hook'],
    ['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/hook'],
    ['unspecified 0.0.0.0', 'http://0.0.0.0:3000/'],
    ['unspecified ::', 'http://[::]/'],
    ['decimal host', 'http://2130706433/'],
    ['hex host', 'http://0x7f000001/'],
    ['octal host', 'http://0177.0.0.1/'],
    ['localhost', 'http://localhost:3000/hook'],
    ['localhost with a trailing dot', 'http://localhost.:3000/hook'],
  ];
  it.each([
    ...hostsNotAllowed.map(([label, url]) => [label, url, 'WEBHOOK_HOST_NOT_ALLOWED']),
    ['credentials in the URL', 'https://user:pass@hooks.county.example/501', 'WEBHOOK_URL_CREDENTIALS'],
  ])('refuses %s (%s) with 400 %s and stores nothing', async (_label, url, code) => {
    const before = await endpoints();
    const response = await t.request('POST', '/v1/webhooks', { token: await t.token('finance'), body: { audience: 'finance', url, secret: 'a-long-shared-secret-0123' } });
    expect({ status: response.status, code: response.body?.code }).toEqual({ status: 400, code });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.title).toMatch(/[\u4e00-\u9fa5]/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'url', code })]);
    expect(await endpoints()).toBe(before);
  });

  it('accepts public hosts, and at most WEBHOOKS_PER_AUDIENCE per audience (409 WEBHOOK_LIMIT_REACHED)', async () => {
    const dept = await t.token('department', '503', 'clerk-503');
    const add = (n: number) => t.request('POST', '/v1/webhooks', { token: dept, body: { audience: 'department', department: '503', url: `https://hooks.county.example/503/${n}`, secret: 'a-long-shared-secret-0123' } });
    for (const n of [1, 2, 3]) expect((await add(n)).status).toBe(201);
    const duplicate = await add(3);
    expect({ status: duplicate.status, code: duplicate.body.code }).toEqual({ status: 409, code: 'WEBHOOK_EXISTS' });
    const before = await endpoints();
    const over = await add(4);
    expect({ status: over.status, code: over.body.code }).toEqual({ status: 409, code: 'WEBHOOK_LIMIT_REACHED' });
    expect(over.body.errors).toEqual([expect.objectContaining({ field: 'audience', code: 'WEBHOOK_LIMIT_REACHED' })]);
    expect(await endpoints()).toBe(before);
    // Another audience has its own allowance.
    const finance = await t.request('POST', '/v1/webhooks', { token: await t.token('finance'), body: { audience: 'finance', url: 'https://hooks.county.example/finance', secret: 'a-long-shared-secret-0123' } });
    expect(finance.status).toBe(201);
  });

  it('a duplicate contact answers 409 CONTACT_EXISTS (not CONCURRENT_MODIFICATION)', async () => {
    const finance = await t.token('finance');
    const body = { audience: 'finance', name: '张会计', email: `zhang-${randomUUID().slice(0, 8)}@czj.gov.cn` };
    expect((await t.request('POST', '/v1/notification-contacts', { token: finance, body })).status).toBe(201);
    const again = await t.request('POST', '/v1/notification-contacts', { token: finance, body });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'CONTACT_EXISTS' });
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'email', code: 'CONTACT_EXISTS' })]);
  });

  it('checks again at delivery: a loopback endpoint stored before the guard existed receives nothing', async () => {
    await t.sql.query(`INSERT INTO webhook_endpoints (id, audience, url, secret, created_by, created_at) VALUES ($1, 'supervisor', $2, 'a-long-shared-secret-0123', 'legacy', now())`, [
      randomUUID(),
      `${receiver.url}/legacy`,
    ]);
    await approveFixture(t);
    await t.planner.reconcile();
    await t.runUntil(shanghaiTime(2024, 4, 30));
    expect(receiver.hooks).toEqual([]);
    const ledger = await t.sql.query<{ status: string; last_error: string }>(`SELECT status, last_error FROM reminder_deliveries WHERE channel = 'webhook' AND recipient IN (SELECT id FROM webhook_endpoints WHERE created_by = 'legacy')`);
    expect(ledger.rows.length).toBeGreaterThan(0);
    for (const row of ledger.rows) expect(row).toEqual({ status: 'dead', last_error: expect.stringContaining('WEBHOOK_HOST_NOT_ALLOWED') });
  });

  it('refuses at delivery a host name any of whose addresses is not allowed (DNS answer checked, not trusted)', async () => {
    const none = parseWebhookAllowList([]);
    const answers = (...addresses: string[]) => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    await expect(resolveWebhookTarget('https://hooks.county.example/x', none, answers('93.184.216.34', '10.0.0.7'))).rejects.toThrow(/WEBHOOK_HOST_NOT_ALLOWED.*10\.0\.0\.7/);
    await expect(resolveWebhookTarget('https://hooks.county.example/x', none, answers('169.254.169.254'))).rejects.toThrow(/WEBHOOK_HOST_NOT_ALLOWED/);
    await expect(resolveWebhookTarget('https://hooks.county.example/x', none, answers('::ffff:7f00:1'))).rejects.toThrow(/WEBHOOK_HOST_NOT_ALLOWED/);
    await expect(resolveWebhookTarget('https://hooks.county.example/x', none, answers('93.184.216.34'))).resolves.toMatchObject({ address: '93.184.216.34', family: 4 });
    // The allow-list opens a closed network on purpose.
    await expect(resolveWebhookTarget('https://hooks.internal.example/x', parseWebhookAllowList(['10.0.0.0/8']), answers('10.0.0.7'))).resolves.toMatchObject({ address: '10.0.0.7' });
  });
});
