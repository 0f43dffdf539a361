/**
 * Several instances with worker processes (issue 8): two api processes (RUN_WORKER=false) and two `apps/worker`
 * processes, all built from dist/ and started as children on ONE fresh Postgres schema and ONE private
 * redis-server with its own BullMQ prefix. Every process runs on the same shifted clock
 * (`test/reminders/support/shifted-clock.js`): 2024-03-21 09:30 Shanghai at the start, half an hour after the
 * fixture's March lead-10 reminders fell due. The fixture budget goes in over HTTP; we check that
 *  - schedulers are created once: the reminders queue holds exactly the jobs the domain plans (no duplicate,
 *    no extra, right fire time) after both planners, a worker restart and jobs lost from Redis;
 *  - with both workers competing, each due reminder fires once (reminder_firings) and reaches the inbox, the
 *    ledger and a real SMTP server once;
 *  - after a SIGKILL of one worker the survivor plans a budget approved later and delivers its reminders once.
 *
 * Timing is driven by data, not by the clock: the lead-10 reminders exist only once finance adds the 10-day
 * lead time (they are then up to 3 days late, inside the planner's grace, and go out at once), so setup may
 * take as long as a loaded machine needs. The worker is killed while it holds no job: failover does not wait
 * for BullMQ's stalled-job lock expiry (test/reminders/worker-process-kill.e2e.spec.ts covers that case).
 * Projection leadership across api instances: projection-failover.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Decimal } from '@budgetflow/budget-domain';
import { loadConfig } from '@budgetflow/platform';
import { PgSqlClient } from '@budgetflow/event-store';
import { loadOrCreateLocalKey, mintLocalToken, type Role } from '@budgetflow/platform';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE, redisConnection, remindersOptionsFrom } from '@budgetflow/reminders-application';
import { type PlannedProject, type ScheduledReminder, pendingReminders, plannedReminders, shanghaiTime } from '@budgetflow/reminders-domain';
import { testDatabaseUrl, uniqueSchemaName } from '@budgetflow/testing';
import { FISCAL_YEAR, loadBudgetFacts } from '../support/guantao-fixture';
import { COMMUNITY_CENTRE, HARDSHIP_FUND, LAWYER, fixtureProjects } from '../reminders/support/fixture-plan';
import { startPrivateRedis } from '../reminders/support/private-redis';
import { type ReceivedMail, startSmtpReceiver } from '../reminders/support/receivers';
import { type ApiProcess, type ServiceProcess, buildDist, freePort, hasExited, kill, startApi, startWorker, waitForHealth } from './api-processes';

jest.setTimeout(180_000);

/** The simulated instant when the processes start. */
const START = shanghaiTime(2024, 3, 21, 9, 30);
const BEHIND_IN_MARCH = [LAWYER, HARDSHIP_FUND, COMMUNITY_CENTRE];
const LATER = '502'; // a department approved after the kill, with the fixture's projects

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `what` holds; on timeout fails with `detail()` (what was seen last). */
const until = async (what: () => Promise<boolean> | boolean, ms: number, label: string, detail: () => unknown = () => ''): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${label}: ${JSON.stringify(detail())}`);
    await sleep(200);
  }
};

const projectsOf = (department: string): PlannedProject[] => fixtureProjects().map((project) => ({ ...project, department }));
const marchLead10 = (department: string, codes: readonly string[]) => codes.map((code) => `reminder/${FISCAL_YEAR}/${department}/${code}/03/lead-10`).sort();
const sorted = (values: Iterable<string>) => [...values].sort();

interface QueueSnapshot {
  /** Ids of the jobs in the waiting states, as often as they occur there (a duplicate would show twice). */
  ids: string[];
  /** Job hashes in Redis: every job BullMQ holds, whatever its state. */
  hashes: string[];
  active: number;
  /** Ids of completed (fired) jobs, kept for a day. */
  completed: string[];
  jobs: Map<string, { fireAt: string; job: unknown; firesAt: number }>;
}

describe('two api and two worker processes on one Postgres and one Redis: reminders planned and delivered once', () => {
  const schema = uniqueSchemaName('workers');
  const prefix = `bf-workers-${randomBytes(3).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-workers-'));
  const admin = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: 2 });
  let offsetMs = 0;
  const simulatedNow = () => new Date(Date.now() + offsetMs);
  const processes: ServiceProcess[] = [];
  /** Stopped on purpose (any other exit is a crash). */
  const stopped = new Set<ServiceProcess>();
  const apis: ApiProcess[] = [];
  const workers: ServiceProcess[] = [];
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let reminders: Queue;
  let deliveries: Queue;
  /** Plain commands on the private Redis (keys, the events stream). */
  let raw: Redis;
  let token: (role: Role, department?: string) => Promise<string>;
  let workerEnv: Record<string, string>;
  let graceMs: number;

  beforeAll(async () => {
    buildDist();
    offsetMs = START.getTime() - Date.now(); // every process gets this one offset
    const { privateKey } = await loadOrCreateLocalKey(dataDir); // before the processes: they share it
    token = (role, department) => mintLocalToken(privateKey, { role, department, audience: 'budgetflow' });
    redis = await startPrivateRedis();
    smtp = await startSmtpReceiver();
    reminders = new Queue(REMINDERS_QUEUE, { connection: redisConnection(redis.url), prefix });
    deliveries = new Queue(DELIVERIES_QUEUE, { connection: redisConnection(redis.url), prefix });
    raw = new Redis(redis.url);
    const shared = { DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema, DATA_DIR: dataDir, REDIS_URL: redis.url, BULLMQ_PREFIX: prefix, RATE_LIMIT_PER_MINUTE: '0' };
    // A full reconcile every second on each worker: the planners race each other all the time.
    workerEnv = { ...shared, SMTP_URL: smtp.url, REMINDER_RECONCILE_MS: '1000' };
    graceMs = remindersOptionsFrom(loadConfig(workerEnv)).missedGraceMs;
    const apiEnv = { ...shared, RUN_WORKER: 'false' };
    // The first api runs the migrations; then the second api and both workers start together.
    apis.push(startApi('api-a', await freePort(), apiEnv, { clockOffsetMs: offsetMs }));
    processes.push(apis[0]!);
    await waitForHealth(apis[0]!);
    apis.push(startApi('api-b', await freePort(), apiEnv, { clockOffsetMs: offsetMs }));
    processes.push(apis[1]!);
    for (const name of ['worker-1', 'worker-2']) addWorker(name);
    await waitForHealth(apis[1]!);
    await workersRegistered(2);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((service) => kill(service, 'SIGKILL')));
    await reminders?.close();
    await deliveries?.close();
    raw?.disconnect();
    await smtp?.close();
    await redis?.stop();
    await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function addWorker(name: string): ServiceProcess {
    const worker = startWorker(name, workerEnv, { clockOffsetMs: offsetMs });
    processes.push(worker);
    workers.push(worker);
    return worker;
  }

  const living = () => workers.filter((worker) => !hasExited(worker));
  const stop = (service: ServiceProcess, signal: NodeJS.Signals) => {
    stopped.add(service);
    return kill(service, signal);
  };

  /** BullMQ's own registry (Redis client names): how many workers take jobs from the reminders queue. */
  const workersRegistered = (count: number) =>
    until(
      async () => {
        const dead = processes.find((service) => hasExited(service) && !stopped.has(service));
        if (dead) throw new Error(`${dead.name} exited (${dead.child.exitCode}): ${dead.stderr()}`);
        return (await reminders.getWorkers()).length === count;
      },
      90_000,
      `${count} workers on the reminders queue`,
      () => living().map((worker) => `${worker.name}: ${worker.stderr().slice(-2000)}`),
    );

  const call = async (api: ApiProcess, method: 'GET' | 'POST' | 'PUT', url: string, auth: string, body?: unknown): Promise<{ status: number; body: any }> => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const response = await fetch(api.url(url), {
      method,
      headers: { authorization: `Bearer ${auth}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await response.json().catch(() => undefined) };
  };
  const expectStatus = async (pending: Promise<{ status: number; body: any }>, status: number) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const outcome = await pending;
    expect({ status: outcome.status, body: outcome.status === status ? undefined : outcome.body }).toEqual({ status, body: undefined });
    return outcome.body;
  };

  /** Import, submit and approve one department's fixture budget, alternating between the two api processes. */
  const approveBudget = async (department: string): Promise<void> => {
    const budget = `/v1/budgets/${department}/${FISCAL_YEAR}`;
    const clerk = await token('department', department);
    const facts = loadBudgetFacts();
    facts.department.code = department;
    await expectStatus(call(apis[0]!, 'POST', `${budget}/import`, clerk, facts), 200);
    await expectStatus(call(apis[1]!, 'POST', `${budget}/submit`, clerk), 200);
    expect(await expectStatus(call(apis[0]!, 'POST', `${budget}/approve`, await token('finance')), 200)).toMatchObject({ events: ['DraftApproved'] });
  };

  const setLeadDays = async (leadDays: number[]) =>
    expect(await expectStatus(call(apis[1]!, 'PUT', '/v1/reminder-settings', await token('finance'), { leadDays }), 200)).toMatchObject({ leadDays });

  const addContact = async (department: string, email: string) =>
    expectStatus(call(apis[1]!, 'POST', '/v1/notification-contacts', await token('department', department), { audience: 'department', department, name: '预算员', email }), 201);

  const snapshot = async (): Promise<QueueSnapshot> => {
    const [listed, keys, active, completed] = await Promise.all([
      reminders.getJobs(['delayed', 'waiting', 'prioritized', 'paused', 'waiting-children']),
      raw.keys(`${prefix}:${REMINDERS_QUEUE}:*`),
      reminders.getActiveCount(),
      reminders.getJobs(['completed']),
    ]);
    const base = `${prefix}:${REMINDERS_QUEUE}:`;
    const jobs = new Map<string, { fireAt: string; job: unknown; firesAt: number }>();
    for (const job of listed) if (job?.id) jobs.set(job.id, { ...(job.data as { fireAt: string; job: unknown }), firesAt: job.timestamp + job.delay });
    return {
      ids: sorted(listed.map((job) => job?.id ?? '(missing)')),
      // Job ids are `reminder/…` or `digest/…` and never hold `:`; a job's own side keys (`…:lock`, `…:logs`) do.
      hashes: sorted(keys.map((key) => key.slice(base.length)).filter((id) => /^(reminder|digest)\//.test(id) && !id.includes(':'))),
      active,
      // Fired jobs keep their id in Redis for a day (a late second add of a fired job is then ignored).
      completed: sorted(completed.map((job) => job?.id ?? '(missing)')),
      jobs,
    };
  };

  /**
   * The queue settles to exactly `expected` and stays there for 3 s of once-a-second reconciles by every
   * living worker (a transient mismatch while planners and processors race is allowed, a lasting one is not).
   */
  const expectQueueToHold = async (expected: readonly ScheduledReminder[]): Promise<void> => {
    const wanted = sorted(expected.map((entry) => entry.jobId));
    let last: QueueSnapshot | undefined;
    let stableSince: number | undefined;
    await until(
      async () => {
        last = await snapshot();
        const matches =
          last.active === 0 && JSON.stringify(last.ids) === JSON.stringify(wanted) && JSON.stringify(last.hashes) === JSON.stringify(sorted([...wanted, ...last.completed]));
        stableSince = matches ? (stableSince ?? Date.now()) : undefined;
        return stableSince !== undefined && Date.now() - stableSince >= 3_000;
      },
      60_000,
      'the reminders queue to hold exactly the planned jobs',
      () => ({ missing: wanted.filter((id) => !last?.ids.includes(id)), extra: last?.ids.filter((id) => !wanted.includes(id)), hashes: last?.hashes.length, active: last?.active }),
    );
    // Each job as the domain plans it, due at its fire time on the shared simulated clock.
    for (const entry of expected) {
      const job = last!.jobs.get(entry.jobId)!;
      expect({ id: entry.jobId, fireAt: job.fireAt, job: job.job }).toEqual({ id: entry.jobId, fireAt: entry.fireAt.toISOString(), job: entry.job });
      expect(Math.abs(job.firesAt - entry.fireAt.getTime())).toBeLessThan(60_000);
    }
    expect(await deliveries.getJobCounts()).toEqual(expect.objectContaining({ waiting: 0, delayed: 0, active: 0, failed: 0 }));
  };

  const firings = async () => (await admin.query<{ job_id: string; outcome: string }>('SELECT job_id, outcome FROM reminder_firings ORDER BY job_id')).rows;
  const ledger = async () =>
    (
      await admin.query<{ reminder_key: string; channel: string; recipient: string; status: string; attempts: number }>(
        'SELECT reminder_key, channel, recipient, status, attempts FROM reminder_deliveries ORDER BY channel, reminder_key',
      )
    ).rows;
  const mailKeys = (mails: readonly ReceivedMail[]) => sorted(mails.map((mail) => mail.reminderKey));
  const inbox = async (department: string) =>
    sorted(((await expectStatus(call(apis[1]!, 'GET', '/v1/notifications?limit=1000', await token('department', department)), 200)).notifications as { reminderKey: string }[]).map((n) => n.reminderKey));
  /** Every BullMQ `added` event of the reminders queue, by job id (the stream keeps the last 10,000 events). */
  const additions = async (): Promise<Map<string, number>> => {
    const entries = await raw.xrange(`${prefix}:${REMINDERS_QUEUE}:events`, '-', '+');
    const counts = new Map<string, number>();
    for (const [, fields] of entries) {
      const event = Object.fromEntries(fields.flatMap((value, i) => (i % 2 === 0 ? [[value, fields[i + 1]]] : [])));
      if (event.event === 'added') counts.set(event.jobId, (counts.get(event.jobId) ?? 0) + 1);
    }
    return counts;
  };
  const desired = (projects: PlannedProject[], leadDays: number[], fired: readonly string[]) =>
    pendingReminders(plannedReminders(projects, leadDays), new Set(fired), simulatedNow(), graceMs);

  it('plans every reminder once with two planners, a restarted worker and jobs lost from Redis', async () => {
    await setLeadDays([3]); // the 10-day lead time comes later: its March reminders are the batch the workers race for
    await approveBudget('501');
    const plan = desired(projectsOf('501'), [3], []);
    expect(plan).toHaveLength(7 * 4 * 2 + 4); // lead-3 and warning per project and checkpoint, one digest per checkpoint
    await expectQueueToHold(plan);

    // A restart: the new worker plans again at start, next to the other one's periodic reconciles.
    // (Nest closes the app on SIGTERM, then re-raises the signal: it ends by SIGTERM either way.)
    expect(await stop(workers[1]!, 'SIGTERM')).toBe('SIGTERM');
    addWorker('worker-3');
    await workersRegistered(2);

    // Redis loses two jobs (its data is not persisted here): the planners put them back, once.
    const lost = [plan.find((entry) => entry.job.type === 'digest')!, plan.find((entry) => entry.job.type === 'reminder' && entry.job.kind === 'warning')!];
    for (const entry of lost) await (await reminders.getJob(entry.jobId))!.remove();
    await expectQueueToHold(plan);

    // Created once: a single `added` per job, two for the two put back.
    const added = await additions();
    expect(sorted(added.keys())).toEqual(sorted(plan.map((entry) => entry.jobId)));
    expect(plan.filter((entry) => added.get(entry.jobId) !== (lost.includes(entry) ? 2 : 1)).map((entry) => [entry.jobId, added.get(entry.jobId)])).toEqual([]);
  });

  it('fires each due reminder once while two workers compete for it', async () => {
    const clerk = await token('department', '501');
    // Paid by 10 March: four projects their whole March percentage, 律师陪访经费 10 % of its 25 %, two nothing.
    const onPlan = fixtureProjects().filter((p) => !BEHIND_IN_MARCH.includes(p.projectCode));
    const payments = [
      ...onPlan.map((p) => ({ code: p.projectCode, amount: new Decimal(p.amount).times(p.spendingPlan.find((c) => c.month === 3)!.cumulativePercent).dividedBy(100).toFixed(2) })),
      { code: LAWYER, amount: '7800.00' },
    ];
    let position = '';
    for (const [i, payment] of payments.entries()) {
      const body = { voucher: `V-${i + 1}`, date: '2024-03-10', amount: payment.amount, projectCode: payment.code, payee: '馆陶县某供应商' };
      position = (await expectStatus(call(apis[i % 2]!, 'POST', `/v1/execution/501/${FISCAL_YEAR}/payments`, clerk, body), 201)).position;
    }
    // The execution monitoring the workers read has the payments (wherever it is projected).
    await until(async () => (await call(apis[0]!, 'GET', `/v1/execution/501/${FISCAL_YEAR}/monitoring?after=${position}`, clerk)).status === 200, 60_000, 'the execution monitoring');
    await addContact('501', 'clerk@xfj.gov.cn');
    expect(living()).toHaveLength(2);
    await workersRegistered(2);

    // Both planners add the lead-10 jobs within a second and both workers take them; each job is created once
    // (a planner lists the queue, running jobs included, before it reads the firings, and a completed job keeps
    // its id for a day, so a late second add is ignored).
    await setLeadDays([10, 3]);
    const batch = marchLead10('501', fixtureProjects().map((p) => p.projectCode));
    const behind = marchLead10('501', BEHIND_IN_MARCH);
    await until(async () => (await firings()).length === batch.length && smtp.mails.length === behind.length, 60_000, 'the March lead-10 reminders', () => smtp.mails.length);
    await expectQueueToHold(desired(projectsOf('501'), [10, 3], batch)); // also: nothing more fires or arrives meanwhile
    expect((await snapshot()).completed).toEqual(sorted(batch));

    const added = await additions();
    expect(batch.filter((id) => added.get(id) !== 1).map((id) => [id, added.get(id)])).toEqual([]);
    expect(await firings()).toEqual(batch.map((id) => ({ job_id: id, outcome: behind.includes(id) ? 'behind-plan' : 'on-plan' })));
    expect(mailKeys(smtp.mails)).toEqual(behind);
    expect(smtp.mails.every((mail) => mail.to.join() === 'clerk@xfj.gov.cn')).toBe(true);
    expect(await inbox('501')).toEqual(behind);
    expect(await ledger()).toEqual([
      ...behind.map((key) => ({ reminder_key: key, channel: 'email', recipient: 'clerk@xfj.gov.cn', status: 'delivered', attempts: 1 })),
      ...behind.map((key) => ({ reminder_key: key, channel: 'inbox', recipient: 'department:501', status: 'delivered', attempts: 1 })),
    ]);
  });

  it('after a SIGKILL of one worker, the survivor plans a budget approved later and delivers its reminders once', async () => {
    // The victim holds no job (nothing waits or runs): the survivor needs no stalled-lock expiry to take over.
    expect(await reminders.getJobCounts('active', 'waiting')).toMatchObject({ active: 0, waiting: 0 });
    const [victim, survivor] = living();
    expect(await stop(victim!, 'SIGKILL')).toBe('SIGKILL');
    await workersRegistered(1);

    await addContact(LATER, 'clerk@cz.gov.cn');
    await approveBudget(LATER);
    const firedBefore = marchLead10('501', fixtureProjects().map((p) => p.projectCode));
    const batch = marchLead10(LATER, fixtureProjects().map((p) => p.projectCode)); // nothing paid: all seven behind
    const mailsBefore = smtp.mails.length;
    await until(async () => (await firings()).length === firedBefore.length + batch.length && smtp.mails.length === mailsBefore + batch.length, 60_000, `${LATER}'s March lead-10 reminders`, () => smtp.mails.length);
    await expectQueueToHold(desired([...projectsOf('501'), ...projectsOf(LATER)], [10, 3], [...firedBefore, ...batch]));
    expect((await snapshot()).completed).toEqual(sorted([...firedBefore, ...batch]));

    expect((await firings()).filter((row) => batch.includes(row.job_id))).toEqual(batch.map((id) => ({ job_id: id, outcome: 'behind-plan' })));
    expect(mailKeys(smtp.mails.filter((mail) => mail.to.join() === 'clerk@cz.gov.cn'))).toEqual(batch);
    expect(mailKeys(smtp.mails)).toEqual(sorted([...marchLead10('501', BEHIND_IN_MARCH), ...batch]));
    expect(await inbox(LATER)).toEqual(batch);
    expect((await ledger()).filter((row) => batch.includes(row.reminder_key))).toEqual([
      ...batch.map((key) => ({ reminder_key: key, channel: 'email', recipient: 'clerk@cz.gov.cn', status: 'delivered', attempts: 1 })),
      ...batch.map((key) => ({ reminder_key: key, channel: 'inbox', recipient: `department:${LATER}`, status: 'delivered', attempts: 1 })),
    ]);
    expect(hasExited(survivor!)).toBe(false);
  });
});
