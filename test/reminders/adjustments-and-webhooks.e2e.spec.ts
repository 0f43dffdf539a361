import { shanghaiTime } from '@budgetflow/reminders-domain';
import { BUDGET_URL as B } from '../support/guantao-fixture';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { COMMUNITY_CENTRE, LAWYER, fixtureProjects } from './support/fixture-plan';
import { startWebhookReceiver } from './support/receivers';

describe('an adjustment moves and drops pending reminders', () => {
  let t: ReminderTestApp;
  beforeAll(async () => {
    // Nobody pays anything: every reminder that stays planned would go out.
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(fixtureProjects, {}), start: shanghaiTime(2024, 2, 1) });
  });
  afterAll(() => t?.close());

  it('moving 律师陪访经费 from 3月底 to 4月底 and withdrawing 群众工作中心运维经费 changes exactly their jobs', async () => {
    const { dept, finance } = await approveFixture(t);
    expect(await t.planner.reconcile()).toEqual({ ready: true, pending: 88, added: 88, moved: 0, cancelled: 0 });

    const requested = await t.request('POST', `${B}/adjustments`, {
      token: dept,
      body: {
        reason: '律师陪访安排推迟一个月；群众工作中心运维经费并入基本支出',
        changeSet: {
          income: [{ source: '一般公共预算拨款收入', amount: '6502400.00' }],
          projects: {
            changed: [
              {
                code: LAWYER,
                changes: {
                  spendingPlan: [
                    { checkpoint: '4月底', cumulativePercent: 25 },
                    { checkpoint: '6月底', cumulativePercent: 50 },
                    { checkpoint: '10月底', cumulativePercent: 75 },
                    { checkpoint: '12月底', cumulativePercent: 100 },
                  ],
                },
              },
            ],
            removed: [COMMUNITY_CENTRE],
          },
        },
      },
    });
    expect(requested.status).toBe(201);
    const approved = await t.request('POST', `${B}/adjustments/${(await t.request('GET', B, { token: dept })).body.pendingAdjustment.adjustmentId}/approve`, { token: finance });
    expect(approved.status).toBe(200);
    await t.planCaughtUp(approved.body.position);

    const before = await t.scheduler!.waiting();
    // 律师 loses its three March jobs and gains three April ones (and April gets a digest); 群众 loses all twelve.
    expect(await t.planner.reconcile()).toEqual({ ready: true, pending: 6 * 4 * 3 + 5, added: 4, moved: 0, cancelled: 15 });
    const after = await t.scheduler!.waiting();
    const gone = [...before.keys()].filter((id) => !after.has(id)).sort();
    const added = [...after.keys()].filter((id) => !before.has(id)).sort();
    expect(gone).toEqual(
      [
        ...['lead-10', 'lead-3', 'warning'].map((slot) => `reminder/2024/501/${LAWYER}/03/${slot}`),
        ...['03', '06', '10', '12'].flatMap((m) => ['lead-10', 'lead-3', 'warning'].map((slot) => `reminder/2024/501/${COMMUNITY_CENTRE}/${m}/${slot}`)),
      ].sort(),
    );
    expect(added).toEqual(['digest/2024/04', ...['lead-10', 'lead-3', 'warning'].map((slot) => `reminder/2024/501/${LAWYER}/04/${slot}`)].sort());
    expect(after.get(`reminder/2024/501/${LAWYER}/04/lead-10`)!.toISOString()).toBe('2024-04-20T01:00:00.000Z');

    // Over March only the projects still planned for 3月底 are reminded.
    await t.runUntil(shanghaiTime(2024, 4, 2));
    const inbox = (await t.request('GET', '/v1/notifications?limit=1000', { token: dept })).body.notifications;
    const keys = inbox.map((n: { reminderKey: string }) => n.reminderKey);
    expect(keys.filter((k: string) => k.includes(LAWYER) || k.includes(COMMUNITY_CENTRE))).toEqual([]);
    expect(keys).toHaveLength(5 * 3);
  });

  it('a stale job left in a queue for a withdrawn project does nothing when it fires', async () => {
    await t.firing.handle({ type: 'reminder', fiscalYear: 2024, department: '501', projectCode: COMMUNITY_CENTRE, checkpointMonth: 6, kind: 'lead', leadDays: 10 });
    const fired = await t.sql.query<{ outcome: string }>(`SELECT outcome FROM reminder_firings WHERE job_id = $1`, [`reminder/2024/501/${COMMUNITY_CENTRE}/06/lead-10`]);
    expect(fired.rows).toEqual([{ outcome: 'obsolete' }]);
    const dept = await t.token('department', '501', 'clerk-501');
    expect((await t.request('GET', '/v1/notifications?limit=1000', { token: dept })).body.notifications).toHaveLength(15);
  });
});

describe('webhook retries, idempotency keys and the dead-letter list', () => {
  let t: ReminderTestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

  beforeAll(async () => {
    // /flaky fails three times for every reminder, then succeeds; /down always fails.
    receiver = await startWebhookReceiver((path, call) => (path === '/down' ? 503 : path === '/flaky' && call % 4 !== 0 ? 500 : 200));
    t = await createReminderTestApp({
      figures: new PatternExecutionFigures(fixtureProjects, {}),
      start: shanghaiTime(2024, 3, 20),
      env: { WEBHOOK_MAX_ATTEMPTS: '5', WEBHOOK_RETRY_BASE_MS: '60000' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('a receiver failing three times gets the reminder once, with one idempotency key; one always failing is dead-lettered', async () => {
    const { finance } = await approveFixture(t);
    const admin = await t.token('admin', undefined, 'ops');
    for (const path of ['/flaky', '/down']) {
      expect((await t.request('POST', '/v1/webhooks', { token: finance, body: { audience: 'finance', url: `${receiver.url}${path}`, secret: 'finance-webhook-secret' } })).status).toBe(201);
    }
    await t.planner.reconcile();
    // Up to just before the June reminders: the March digest fires on 1 April 10:00, its retries follow within hours.
    await t.runUntil(shanghaiTime(2024, 4, 30));

    const flaky = receiver.hooks.filter((h) => h.path === '/flaky');
    expect(flaky.map((h) => h.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(flaky.map((h) => h.headers['idempotency-key'])).size).toBe(1);
    expect(new Set(flaky.map((h) => h.body)).size).toBe(1);
    expect(JSON.parse(flaky[0].body).reminderKey).toBe('digest/2024/03');
    expect(flaky.map((h) => h.headers['x-budgetflow-attempt'])).toEqual(['1', '2', '3', '4']);
    // Exponential backoff: 1, 2, 4 minutes between the tries (simulated time, from the signature's timestamp).
    const sentAt = flaky.map((h) => Number(/t=(\d+)/.exec(String(h.headers['x-budgetflow-signature']))![1]));
    expect(sentAt.slice(1).map((s, i) => Math.round((s - sentAt[i]) / 60))).toEqual([1, 2, 4]);

    const down = receiver.hooks.filter((h) => h.path === '/down');
    expect(down).toHaveLength(5);
    const deadLetters = await t.request('GET', '/v1/webhook-dead-letters', { token: admin });
    expect(deadLetters.status).toBe(200);
    expect(deadLetters.body.deadLetters).toHaveLength(1);
    expect(deadLetters.body.deadLetters[0]).toMatchObject({ reminderKey: 'digest/2024/03', url: `${receiver.url}/down`, attempts: 5, lastError: 'HTTP 503', idempotencyKey: down[0].headers['idempotency-key'] });
    expect((await t.request('GET', '/v1/webhook-dead-letters', { token: finance })).status).toBe(403);
  });
});
