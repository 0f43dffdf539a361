import { shanghaiTime } from '@budgetflow/reminders-domain';
import { verifyWebhookSignature } from '@budgetflow/reminders-application';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { type Payment, PatternExecutionFigures } from './support/payment-pattern';
import { HARDSHIP_FUND, LAWYER, fixtureProjects } from './support/fixture-plan';
import { startSmtpReceiver, startWebhookReceiver } from './support/receivers';

/**
 * The fixture (馆陶县信访局 2024) approved, a year of payments in which two projects fall behind, and the
 * whole year of reminders simulated on the in-process scheduler: the exact reminders, warnings and digests,
 * received by a real SMTP server and a local webhook receiver.
 */
const at = (month: number, day: number, hour = 12) => shanghaiTime(2024, month, day, hour);
const onPlanPayments = (amount: number): Payment[] =>
  [25, 50, 75, 100].map((percent, i) => ({ at: at([3, 6, 10, 12][i], 1), cumulative: ((amount * percent) / 100).toFixed(2) }));

/** 律师陪访经费 (78,000 元): 10 % by March, catches up on 25 June, then on plan. */
const lawyer: Payment[] = [
  { at: at(3, 10), cumulative: '7800.00' },
  { at: at(6, 25), cumulative: '39000.00' },
  { at: at(10, 5), cumulative: '58500.00' },
  { at: at(12, 10), cumulative: '78000.00' },
];
/** 特殊疑难信访问题帮扶救助资金 (3,000,000 元): nothing until July, on plan on 31 October, 90 % at year end. */
const hardship: Payment[] = [
  { at: at(7, 10), cumulative: '1500000.00' },
  { at: at(10, 31), cumulative: '2250000.00' },
  { at: at(12, 20), cumulative: '2700000.00' },
];

describe('a simulated year of spending-plan reminders for the fixture', () => {
  let t: ReminderTestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const secret = 'a-webhook-secret-of-501';

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    hooks = await startWebhookReceiver();
    const projects = fixtureProjects();
    const payments: Record<string, Payment[]> = Object.fromEntries(projects.map((p) => [p.projectCode, onPlanPayments(Number(p.amount))]));
    payments[LAWYER] = lawyer;
    payments[HARDSHIP_FUND] = hardship;
    t = await createReminderTestApp({ figures: new PatternExecutionFigures(() => projects, payments), start: at(1, 10), env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await hooks?.close();
  });

  it('plans every reminder of the approved budget once, however often it reconciles', async () => {
    const { dept, finance } = await approveFixture(t);

    // Contacts and a webhook for the department; the finance bureau and the supervisors get the digests.
    for (const [token, body] of [
      [dept, { audience: 'department', department: '501', name: '信访局预算员', email: 'clerk@xfj.guantao.gov.cn' }],
      [finance, { audience: 'finance', name: '预算股', email: 'budget@czj.guantao.gov.cn' }],
      [finance, { audience: 'supervisor', name: '人大预算工委', email: 'yusuan@rd.guantao.gov.cn' }],
    ] as const) {
      expect((await t.request('POST', '/v1/notification-contacts', { token, body })).status).toBe(201);
    }
    expect((await t.request('POST', '/v1/webhooks', { token: dept, body: { audience: 'department', department: '501', url: `${hooks.url}/501`, secret } })).status).toBe(201);

    // Two planner instances reconciling at once and a restart afterwards: still one job per reminder.
    const [first, second] = await Promise.all([t.planner.reconcile(), t.planner.reconcile()]);
    expect(first.pending).toBe(7 * 4 * 3 + 4);
    expect(second.pending).toBe(first.pending);
    expect((await t.scheduler!.waiting()).size).toBe(7 * 4 * 3 + 4);
    expect(await t.planner.reconcile()).toEqual({ ready: true, pending: 88, added: 0, moved: 0, cancelled: 0 });
  });

  it('over the year sends exactly the reminders, warnings and digests the payments call for', async () => {
    await t.runUntil(shanghaiTime(2025, 1, 2));
    const dept = await t.token('department', '501', 'clerk-501');
    const inbox = (await t.request('GET', '/v1/notifications?limit=1000', { token: dept })).body.notifications;
    const summary = inbox
      .map((n: any) => `${n.reminderKey} ${n.kind} ${n.figures.executedPercent}/${n.figures.plannedPercent} ${n.figures.amountToPlan} ${n.figures.daysLeft} ${n.figures.warningLevel}`) // eslint-disable-line @typescript-eslint/no-explicit-any
      .sort();
    /**
     * A checkpoint's notifications as summarised: each one sent (lead-10 and lead-3 are reminders 10 and 3 days ahead,
     * warning the warning on the day) with its warning level, all with the checkpoint's figures (executed/planned %, to plan).
     */
    const notices = { 'lead-10': ['reminder', '10'], 'lead-3': ['reminder', '3'], warning: ['warning', '0'] };
    const sent = (project: string, month: string, figures: string, levels: Partial<Record<keyof typeof notices, string>>) =>
      (Object.entries(levels) as Array<[keyof typeof notices, string]>).map(([key, level]) => {
        const [kind, daysLeft] = notices[key];
        return `${project}/${month}/${key} ${kind} ${figures} ${daysLeft} ${level}`;
      });
    const L = `reminder/2024/501/${LAWYER}`;
    const H = `reminder/2024/501/${HARDSHIP_FUND}`;
    expect(summary).toEqual(
      [
        ...sent(L, '03', '10.00/25.00 11700.00', { 'lead-10': 'none', 'lead-3': 'none', warning: 'yellow' }),
        ...sent(L, '06', '10.00/50.00 31200.00', { 'lead-10': 'yellow' }),
        ...sent(H, '03', '0.00/25.00 750000.00', { 'lead-10': 'none', 'lead-3': 'none', warning: 'red' }),
        ...sent(H, '06', '0.00/50.00 1500000.00', { 'lead-10': 'red', 'lead-3': 'red', warning: 'red' }),
        ...sent(H, '10', '50.00/75.00 750000.00', { 'lead-10': 'none', 'lead-3': 'none' }),
        ...sent(H, '12', '90.00/100.00 300000.00', { 'lead-10': 'none', 'lead-3': 'none', warning: 'none' }),
      ].sort(),
    );
    const lawyerFirst = inbox.find((n: { reminderKey: string }) => n.reminderKey === `${L}/03/lead-10`);
    expect(lawyerFirst.title).toBe('资金支出进度提醒：律师陪访经费');
    expect(lawyerFirst.body).toContain('尚需支出11700.00元，距节点还有10天');
    // Sent when it fell due (the simulated clock keeps ticking in real time while the job runs).
    expect(new Date(lawyerFirst.createdAt).getTime() - Date.parse('2024-03-21T01:00:00.000Z')).toBeLessThan(60_000);

    // One digest per checkpoint with projects behind (none in October), by warning level, to finance and supervisors.
    for (const role of ['finance', 'supervisor'] as const) {
      const digests = (await t.request('GET', '/v1/notifications', { token: await t.token(role) })).body.notifications;
      expect(
        digests
          .map((n: any) => `${n.reminderKey} ${n.figures.levels.map((g: any) => `${g.level}:${g.projects.map((p: any) => `${p.projectCode}@${p.gapPoints}`).join(',')}`).join(' ')}`) // eslint-disable-line @typescript-eslint/no-explicit-any
          .sort(),
      ).toEqual([`digest/2024/03 red:${HARDSHIP_FUND}@25.00 yellow:${LAWYER}@15.00`, `digest/2024/06 red:${HARDSHIP_FUND}@50.00`, `digest/2024/12 none:${HARDSHIP_FUND}@10.00`]);
    }

    // The same set by email through a real SMTP server, and by signed webhook.
    const mailKeys = (address: string) => smtp.mails.filter((m) => m.to.includes(address)).map((m) => m.reminderKey).sort();
    expect(mailKeys('clerk@xfj.guantao.gov.cn')).toEqual(inbox.map((n: { reminderKey: string }) => n.reminderKey).sort());
    expect(mailKeys('budget@czj.guantao.gov.cn')).toEqual(['digest/2024/03', 'digest/2024/06', 'digest/2024/12']);
    expect(mailKeys('yusuan@rd.guantao.gov.cn')).toEqual(['digest/2024/03', 'digest/2024/06', 'digest/2024/12']);
    expect(smtp.mails).toHaveLength(15 + 3 + 3);
    expect(hooks.hooks).toHaveLength(15);
    for (const hook of hooks.hooks) {
      expect(verifyWebhookSignature(secret, hook.body, String(hook.headers['x-budgetflow-signature']))).toBe(true);
      expect(JSON.parse(hook.body).id).toBe(hook.headers['idempotency-key']);
    }
    expect(verifyWebhookSignature('another-secret-entirely', hooks.hooks[0].body, String(hooks.hooks[0].headers['x-budgetflow-signature']))).toBe(false);
  });

  it('nothing fires twice: a redelivered job and a later reconcile add nothing', async () => {
    const before = { mails: smtp.mails.length, hooks: hooks.hooks.length };
    await t.firing.handle({ type: 'reminder', fiscalYear: 2024, department: '501', projectCode: LAWYER, checkpointMonth: 3, kind: 'lead', leadDays: 10 });
    expect(await t.planner.reconcile()).toMatchObject({ pending: 0, added: 0 });
    expect({ mails: smtp.mails.length, hooks: hooks.hooks.length }).toEqual(before);
    const counts = await t.sql.query<{ channel: string; n: bigint }>('SELECT channel, count(*) AS n FROM reminder_deliveries GROUP BY channel ORDER BY channel');
    expect(counts.rows.map((r) => [r.channel, Number(r.n)])).toEqual([
      ['email', 21],
      ['inbox', 21],
      ['webhook', 15],
    ]);
  });

  it('marks a notice read for the reader only', async () => {
    const clerk = await t.token('department', '501', 'clerk-501');
    const other = await t.token('department', '501', 'clerk-501-b');
    const unread = (await t.request('GET', '/v1/notifications?unread=true', { token: clerk })).body.notifications;
    expect(unread).toHaveLength(15);
    expect((await t.request('POST', `/v1/notifications/${unread[0].id}/read`, { token: clerk })).status).toBe(204);
    expect((await t.request('GET', '/v1/notifications?unread=true', { token: clerk })).body.notifications).toHaveLength(14);
    expect((await t.request('GET', '/v1/notifications?unread=true', { token: other })).body.notifications).toHaveLength(15);
    // Another department cannot see or mark 501's notices.
    const foreign = await t.token('department', '502', 'clerk-502');
    expect((await t.request('GET', '/v1/notifications', { token: foreign })).body.notifications).toEqual([]);
    expect((await t.request('POST', `/v1/notifications/${unread[0].id}/read`, { token: foreign })).status).toBe(404);
  });
});
