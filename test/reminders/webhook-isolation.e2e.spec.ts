import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookChannel } from '@budgetflow/reminders-application';
import { departmentAudience, shanghaiTime } from '@budgetflow/reminders-domain';
import { createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { startWebhookReceiver } from './support/receivers';

/**
 * Issue 15, defect 3: a dead (never answering) webhook of department 501 must not delay another audience's
 * delivery. The reminder job only writes the ledger rows and queues one delivery job per endpoint; the jobs run
 * side by side and a try gives up after 5 s.
 */
describe('webhook deliveries are isolated per endpoint', () => {
  let t: ReminderTestApp;
  let fast: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let dead: Server;
  let deadUrl: string;

  beforeAll(async () => {
    fast = await startWebhookReceiver(() => 200);
    // Accepts the connection and never answers.
    dead = createServer(() => undefined);
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(() => [], {}), start: shanghaiTime(2024, 3, 20) });
  });
  afterAll(async () => {
    await t?.close();
    await fast?.close();
    dead?.closeAllConnections();
    await new Promise((resolve) => dead?.close(resolve));
  });

  it("a dead endpoint of 501 delays neither the reminder job nor finance's delivery beyond a small bound", async () => {
    const register = async (token: string, body: Record<string, unknown>) => {
      const response = await t.request('POST', '/v1/webhooks', { token, body: { secret: 'a-long-shared-secret-0123', ...body } });
      expect(response.status).toBe(201);
      return { id: response.body.id as string, url: body['url'] as string, secret: 'a-long-shared-secret-0123' };
    };
    const clerk = await t.token('department', '501', 'clerk-501');
    const deadHooks = [];
    for (const n of [1, 2, 3]) deadHooks.push(await register(clerk, { audience: 'department', department: '501', url: `${deadUrl}/hook-${n}` }));
    const financeHook = await register(await t.token('finance'), { audience: 'finance', url: `${fast.url}/finance` });

    const channel = t.app.get(WebhookChannel);
    const notice = (reminderKey: string, audience: string) => ({ reminderKey, audience, kind: 'reminder', title: '提醒', body: '请按计划支出', figures: {} });
    const started = Date.now();
    // The reminder jobs: each writes its ledger rows and returns without waiting for any endpoint.
    await channel.deliver(notice('test/501', departmentAudience('501')) as never, deadHooks);
    await channel.deliver(notice('test/finance', 'finance') as never, [financeHook]);
    expect(Date.now() - started).toBeLessThan(1_000);

    // The delivery jobs: finance's arrives while 501's endpoints hang.
    const run = t.scheduler!.runDue();
    const deadline = Date.now() + 3_000;
    while (fast.hooks.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fast.hooks.map((hook) => hook.path)).toEqual(['/finance']);
    expect(Date.now() - started).toBeLessThan(3_000);

    // 501's tries give up after the short timeout and are scheduled again (not lost, not delivered).
    await run;
    expect(Date.now() - started).toBeLessThan(12_000);
    const ledger = await t.sql.query<{ reminder_key: string; status: string; attempts: number; last_error: string | null }>(
      `SELECT reminder_key, status, attempts, last_error FROM reminder_deliveries WHERE channel = 'webhook' ORDER BY reminder_key, recipient`,
    );
    expect(ledger.rows.filter((row) => row.reminder_key === 'test/finance')).toEqual([{ reminder_key: 'test/finance', status: 'delivered', attempts: 1, last_error: null }]);
    const deadRows = ledger.rows.filter((row) => row.reminder_key === 'test/501');
    expect(deadRows).toHaveLength(3);
    for (const row of deadRows) expect(row).toEqual({ reminder_key: 'test/501', status: 'retrying', attempts: 1, last_error: expect.stringContaining('timed out') });
  }, 30_000);
});
