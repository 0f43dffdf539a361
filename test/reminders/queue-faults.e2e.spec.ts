import { randomBytes } from 'node:crypto';
import { leadReminderTime } from '@budgetflow/reminders-domain';
import { type QueuedJob, redisConnection, startQueueWorkers } from '@budgetflow/reminders-application';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { fixtureProjects } from './support/fixture-plan';
import { startPrivateRedis } from './support/private-redis';
import { startSmtpReceiver } from './support/receivers';

/**
 * Faults with BullMQ on a PRIVATE redis-server (the shared one is never touched): Redis losing everything
 * mid-run, and a worker stopped in the middle of a job. Real delays: the simulated clock runs in real time,
 * starting a few seconds before the March lead-10 reminders (nobody has paid, so all 7 projects are behind).
 */
const FIRE = leadReminderTime(2024, 3, 10);
const until = async (what: () => Promise<boolean>, ms: number) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** The approved fixture, with a mail contact for the department. */
const approveWithContact = async (t: ReminderTestApp) => {
  const { dept } = await approveFixture(t);
  expect((await t.request('POST', '/v1/notification-contacts', { token: dept, body: { audience: 'department', department: '501', name: '预算员', email: 'clerk@xfj.gov.cn' } })).status).toBe(201);
  return dept;
};

const counts = async (t: ReminderTestApp) => {
  const rows = await t.sql.query<{ channel: string; n: bigint }>(`SELECT channel, count(*) AS n FROM reminder_deliveries WHERE reminder_key LIKE '%/03/lead-10' GROUP BY channel ORDER BY channel`);
  return Object.fromEntries(rows.rows.map((r) => [r.channel, Number(r.n)]));
};

/**
 * A private Redis, an SMTP receiver and the reminder app on both, its simulated clock `msBeforeFire` before the
 * lead-10 reminders fire (then running in real time); all three stopped after the describe's tests.
 */
const useQueueWorld = (msBeforeFire: number, smtpOptions: { holdFirst?: boolean }, env: Record<string, string>) => {
  const world = {} as { redis: Awaited<ReturnType<typeof startPrivateRedis>>; smtp: Awaited<ReturnType<typeof startSmtpReceiver>>; t: ReminderTestApp };
  beforeAll(async () => {
    world.redis = await startPrivateRedis();
    world.smtp = await startSmtpReceiver(smtpOptions);
    world.t = await createReminderTestApp({
      figures: new PatternExecutionFigures(fixtureProjects, {}),
      start: new Date(FIRE.getTime() - msBeforeFire),
      env: { REDIS_URL: world.redis.url, SMTP_URL: world.smtp.url, ...env },
    });
  });
  afterAll(async () => {
    await world.t?.close();
    await world.smtp?.close();
    await world.redis?.stop();
  });
  return world;
};

describe('Redis restarted mid-run', () => {
  const world = useQueueWorld(12_000, {}, { BULLMQ_PREFIX: `bf-${randomBytes(3).toString('hex')}` });

  it('gets every pending reminder back from Postgres and delivers each once', async () => {
    const { t, redis, smtp } = world;
    const dept = await approveWithContact(t);
    expect(await t.planner.reconcile()).toMatchObject({ pending: 88, added: 88 });

    await redis.restart(); // SIGKILL: every job gone
    await until(async () => (await t.planner.reconcile().catch(() => ({ added: 0 }))).added === 88, 10_000);

    await until(async () => smtp.mails.length >= 7, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // nothing more arrives
    const inbox = (await t.request('GET', '/v1/notifications', { token: dept })).body.notifications;
    expect(inbox.map((n: { reminderKey: string }) => n.reminderKey.split('/').slice(3).join('/')).sort()).toEqual(
      fixtureProjects()
        .map((p) => `${p.projectCode}/03/lead-10`)
        .sort(),
    );
    expect(smtp.mails.map((m) => m.reminderKey).sort()).toEqual(inbox.map((n: { reminderKey: string }) => n.reminderKey).sort());
    expect(smtp.mails).toHaveLength(7);
    expect(await counts(t)).toEqual({ email: 7, inbox: 7 });
    // The rest of the year is waiting again in the new Redis.
    expect(await t.planner.reconcile()).toMatchObject({ pending: 81, added: 0 });
  });

  it('shows the queues on Bull Board at /admin/queues to admins only', async () => {
    const { t } = world;
    const anonymous = await t.app.inject({ method: 'GET', url: '/admin/queues' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const department = await t.app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: `Bearer ${await t.token('department', '501')}` } });
    expect(department.statusCode).toBe(403);
    expect(JSON.parse(department.body).code).toBe('FORBIDDEN');
    const admin = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: { cookie: `budgetflow_token=${await t.token('admin')}` } });
    expect(admin.statusCode).toBe(200);
    expect(JSON.parse(admin.body).queues.map((q: { name: string }) => q.name).sort()).toEqual(['deliveries', 'reminders']);
  });
});

describe('a worker stopped in the middle of a job', () => {
  // The SMTP server never answers the first message: the job that sends it hangs right there. The app only plans
  // and serves routes (RUN_WORKER=false); the workers below process the jobs.
  const world = useQueueWorld(10_000, { holdFirst: true }, { BULLMQ_PREFIX: 'bf-kill', RUN_WORKER: 'false' });

  it('after a restart each reminder reaches the inbox and the mailbox exactly once', async () => {
    const { t, redis, smtp } = world;
    const dept = await approveWithContact(t);
    await t.planner.reconcile();
    const connection = redisConnection(redis.url);
    const workerOptions = { lockDuration: 1_000, stalledInterval: 500, concurrency: 1 };

    // Worker A takes the first job: the inbox notice is written, the email is on the wire, unanswered.
    const workersA = startQueueWorkers(connection, 'bf-kill', (job: QueuedJob) => t.firing.handle(job), workerOptions);
    workersA.forEach((w) => w.on('error', () => undefined));
    await until(async () => smtp.held.length === 1, 30_000);
    expect(await counts(t)).toEqual({ email: 1, inbox: 1 });
    // Killed: it takes no more jobs and never renews its lock; its hung job is left as it is.
    await Promise.all(workersA.map((w) => w.close(true)));

    // Worker B (the restarted process) picks the stalled job up again, and all the others.
    const workersB = startQueueWorkers(connection, 'bf-kill', (job: QueuedJob) => t.firing.handle(job), workerOptions);
    try {
      await until(async () => smtp.mails.length === 7, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more arrives
      const inbox = (await t.request('GET', '/v1/notifications', { token: dept })).body.notifications;
      expect(inbox).toHaveLength(7);
      const mailKeys = smtp.mails.map((m) => m.reminderKey).sort();
      expect(mailKeys).toEqual(inbox.map((n: { reminderKey: string }) => n.reminderKey).sort());
      // The held (never accepted) message was the one resent.
      expect(mailKeys).toContain(smtp.held[0]);
      expect(await counts(t)).toEqual({ email: 7, inbox: 7 });
    } finally {
      await Promise.all(workersB.map((w) => w.close()));
    }
  });
});
