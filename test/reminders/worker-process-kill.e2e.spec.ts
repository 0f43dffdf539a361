import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Decimal } from '@budgetflow/budget-domain';
import type { ProjectionRunner } from '@budgetflow/event-store';
import { EXECUTION_MONITORING } from '@budgetflow/execution-application';
import { leadReminderTime } from '@budgetflow/reminders-domain';
import { testDatabaseUrl } from '@budgetflow/testing';
import { approveFixture, createReminderTestApp, type ReminderTestApp } from './support/reminder-test-app';
import { PatternExecutionFigures } from './support/payment-pattern';
import { COMMUNITY_CENTRE, HARDSHIP_FUND, LAWYER, fixtureProjects } from './support/fixture-plan';
import { startPrivateRedis } from './support/private-redis';
import { startSmtpReceiver } from './support/receivers';
import { PROJECTION_RUNNER } from '@budgetflow/platform';

/**
 * Issue 6, with real processes: `apps/worker` (the built dist, as `npm run start:worker` runs it) on a PRIVATE
 * redis-server and a fresh Postgres schema is SIGKILLed while the SMTP server holds one reminder email
 * unanswered; a second worker process is started and every reminder reaches the inbox and the mailbox once.
 *
 * The worker's clock is `new Date()`; the fixture is the 2024 budget, so both worker processes are started
 * with `support/shifted-clock.js`, which runs their clock in real time from a few seconds before the March
 * lead-10 reminders (2024-03-21 09:00, Shanghai). The payments are real (the execution API); the worker reads
 * them through its production execution-figures adapter.
 */
const root = path.resolve(__dirname, '../..');
const WORKER = 'dist/apps/worker/src/main.js';
const FIRE = leadReminderTime(2024, 3, 10);
jest.setTimeout(240_000);

const until = async (what: () => Promise<boolean> | boolean, ms: number, label: string) => {
  const deadline = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** On plan for 3月底 (their whole March percentage paid on 10 March): no reminder. */
const ON_PLAN = fixtureProjects()
  .map((p) => p.projectCode)
  .filter((code) => ![LAWYER, HARDSHIP_FUND, COMMUNITY_CENTRE].includes(code));

describe('a real worker process killed in the middle of a delivery', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let t: ReminderTestApp;
  const workers: ChildProcess[] = [];
  const stderr: string[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-worker-kill-'));
  const prefix = `bf-kill-${randomBytes(3).toString('hex')}`;

  const startWorker = (offsetMs: number): ChildProcess => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_SCHEMA: t.config.databaseSchema,
      DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      BULLMQ_PREFIX: prefix,
      SMTP_URL: smtp.url,
      REMINDER_RECONCILE_MS: '0',
      LOG_LEVEL: 'warn',
      BUDGETFLOW_TEST_CLOCK_OFFSET_MS: String(offsetMs),
    };
    const child = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', '-r', './test/reminders/support/shifted-clock.js', WORKER], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    workers.push(child);
    return child;
  };
  const exited = (child: ChildProcess) =>
    new Promise<NodeJS.Signals | number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode ?? child.exitCode);
      child.once('exit', (code, signal) => resolve(signal ?? code));
    });

  beforeAll(async () => {
    if (!existsSync(path.join(root, WORKER))) {
      execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
    }
    redis = await startPrivateRedis();
    // The SMTP server never answers the first message it receives: the job sending it hangs right there.
    smtp = await startSmtpReceiver({ holdFirst: true });
    // This app only serves the routes (RUN_WORKER=false: no planner, no processors); the worker processes do the rest.
    t = await createReminderTestApp({
      figures: new PatternExecutionFigures(() => [], {}),
      start: new Date(FIRE.getTime() - 60_000),
      env: { REDIS_URL: redis.url, BULLMQ_PREFIX: prefix, RUN_WORKER: 'false' },
    });
  });
  afterAll(async () => {
    for (const child of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(workers.map(exited));
    await t?.close();
    await smtp?.close();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers each reminder exactly once to the inbox and the mailbox after a SIGKILL and a restart', async () => {
    const { dept, approved } = await approveFixture(t);

    // Payments by 10 March: four projects on plan, 律师陪访经费 at 10 % of its 25 %, two with nothing paid.
    let position = approved.body.position as string;
    const payments = [
      ...fixtureProjects()
        .filter((p) => ON_PLAN.includes(p.projectCode))
        .map((p) => ({ code: p.projectCode, amount: new Decimal(p.amount).times(p.spendingPlan.find((c) => c.month === 3)!.cumulativePercent).dividedBy(100).toFixed(2) })),
      { code: LAWYER, amount: '7800.00' },
    ];
    for (const [i, payment] of payments.entries()) {
      const paid = await t.request('POST', '/v1/execution/501/2024/payments', {
        token: dept,
        body: { voucher: `V-${i + 1}`, date: '2024-03-10', amount: payment.amount, projectCode: payment.code, payee: '馆陶县某供应商' },
      });
      expect(paid.status).toBeLessThan(300);
      position = paid.body.position;
    }
    expect(await t.app.get<ProjectionRunner>(PROJECTION_RUNNER).waitFor(EXECUTION_MONITORING, BigInt(position), 30_000)).toBe(true);
    expect((await t.request('POST', '/v1/notification-contacts', { token: dept, body: { audience: 'department', department: '501', name: '预算员', email: 'clerk@xfj.gov.cn' } })).status).toBe(201);
    const behind = [LAWYER, HARDSHIP_FUND, COMMUNITY_CENTRE].map((code) => `reminder/2024/501/${code}/03/lead-10`).sort();

    // Worker A: its clock a few seconds before the reminders; it plans the queue at start and takes the due jobs.
    const offset = FIRE.getTime() - 8_000 - Date.now();
    const a = startWorker(offset);
    await until(() => smtp.held.length === 1, 90_000, 'worker A to send the first email');
    // Killed while the held message is on the wire (the others are through their ledger update, so the one
    // open window, between the server's acceptance and the update, is not what this test is about).
    await until(
      async () => Number((await t.sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM reminder_deliveries WHERE channel = 'email' AND status = 'delivered'`)).rows[0].n) === behind.length - 1,
      30_000,
      'the other emails to be delivered',
    );
    const held = smtp.held[0];
    expect(behind).toContain(held);
    a.kill('SIGKILL');
    expect(await exited(a)).toBe('SIGKILL');
    expect(smtp.mails.map((m) => m.reminderKey)).not.toContain(held);
    const heldRow = await t.sql.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM reminder_deliveries WHERE channel = 'email' AND reminder_key = $1`, [held]);
    expect(heldRow.rows).toEqual([{ status: 'sending', attempts: 1 }]);

    // Worker B (the restart), on the same simulated timeline: it picks the stalled job up once its lock expires.
    const b = startWorker(offset);
    await until(() => smtp.mails.length === behind.length, 120_000, 'worker B to resend the held email');
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // nothing more arrives
    expect(b.exitCode).toBeNull();

    const mailKeys = smtp.mails.map((m) => m.reminderKey).sort();
    expect(mailKeys).toEqual(behind);
    expect(smtp.mails.find((m) => m.reminderKey === held)!.messageId).toContain(`@budgetflow>`);
    expect(smtp.held).toEqual([held]);
    const inbox = (await t.request('GET', '/v1/notifications', { token: dept })).body.notifications as { reminderKey: string }[];
    expect(inbox.map((n) => n.reminderKey).sort()).toEqual(behind);

    const ledger = await t.sql.query<{ reminder_key: string; channel: string; status: string; attempts: number }>(
      `SELECT reminder_key, channel, status, attempts FROM reminder_deliveries ORDER BY channel, reminder_key`,
    );
    expect(ledger.rows).toEqual([
      ...behind.map((key) => ({ reminder_key: key, channel: 'email', status: 'delivered', attempts: key === held ? 2 : 1 })),
      ...behind.map((key) => ({ reminder_key: key, channel: 'inbox', status: 'delivered', attempts: 1 })),
    ]);
    // Every March lead-10 job fired once: three reminders, four projects on plan (no notice).
    const firings = await t.sql.query<{ job_id: string; outcome: string }>(`SELECT job_id, outcome FROM reminder_firings ORDER BY job_id`);
    expect(firings.rows.filter((r) => r.outcome === 'behind-plan').map((r) => r.job_id)).toEqual(behind);
    expect(firings.rows.filter((r) => r.outcome === 'on-plan').map((r) => r.job_id.split('/')[3]).sort()).toEqual([...ON_PLAN].sort());
    expect(firings.rows).toHaveLength(7);
  });
});
