import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@budgetflow/platform';
import { PgSqlClient } from '@budgetflow/event-store';
import { loadOrCreateLocalKey, mintLocalToken } from '@budgetflow/platform';
import { createApp } from '../../apps/api/src/create-app';
import { freePort } from '../support/built-service';

/**
 * Fault test on a PRIVATE Postgres (never the shared one): a stream of commands runs while that Postgres is
 * stopped (`pg_ctl stop -m fast`) and started again. Every answer is 2xx or 503 problem+json; the process keeps
 * serving (/health 503 while down, 200 after); afterwards every command answered 2xx is in the event store and
 * none answered 503 is.
 */
jest.setTimeout(180_000);

const PG_BIN = path.join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().reverse()[0], 'bin');
const asPostgres = (command: string, args: string[]): string =>
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(PG_BIN, command), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

class PrivatePostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'budgetflow-pg-'));
  readonly data = path.join(this.dir, 'data');
  constructor(readonly port: number) {
    chownSync(this.dir, uidOf('postgres'), gidOf('postgres'));
    chmodSync(this.dir, 0o700);
    asPostgres('initdb', ['-D', this.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  }
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  start(): void {
    asPostgres('pg_ctl', ['-D', this.data, '-l', path.join(this.dir, 'log'), '-w', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  }
  stop(): void {
    asPostgres('pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }
  destroy(): void {
    try {
      this.stop();
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
const uidOf = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
const gidOf = (user: string) => Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());

const hasPrivilege = (() => {
  try {
    uidOf('postgres');
    return process.getuid?.() === 0;
  } catch {
    return false;
  }
})();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

(hasPrivilege ? describe : describe.skip)('Postgres stopped during a stream of commands', () => {
  let pg: PrivatePostgres;
  let app: NestFastifyApplication;
  let dataDir: string;

  beforeAll(async () => {
    pg = new PrivatePostgres(await freePort());
    pg.start();
    dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-outage-'));
    app = await createApp(loadConfig({ DATABASE_URL: pg.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0', HEALTH_MAX_LAG_SECONDS: '60' }));
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    pg?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 2xx or 503, recovers, and stores exactly the commands it confirmed', async () => {
    const { privateKey } = await loadOrCreateLocalKey(dataDir);
    const health = async () => (await app.inject({ method: 'GET', url: '/health' })).statusCode;

    // Four writers, each on a budget of its own (no version conflicts), revising a line's amount again and again;
    // each command carries its own correlation id, which its event's metadata keeps.
    const clerks: string[] = [];
    for (const worker of [0, 1, 2, 3]) {
      const department = `60${worker}`;
      clerks.push(await mintLocalToken(privateKey, { role: 'department', department, userId: `clerk-${department}`, audience: 'budgetflow' }));
      const opened = await app.inject({ method: 'POST', url: `/v1/budgets/${department}/2024`, headers: { authorization: `Bearer ${clerks[worker]}` }, payload: { name: `部门${department}`, unitKind: '行政' } });
      expect(opened.statusCode).toBe(201);
      const line = await app.inject({
        method: 'POST',
        url: `/v1/budgets/${department}/2024/basic-lines`,
        headers: { authorization: `Bearer ${clerks[worker]}` },
        payload: { lineId: 'salary', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '1000.00' },
      });
      expect(line.statusCode).toBe(201);
    }
    type Answer = { correlationId: string; status: number; code?: string; contentType: string };
    const answers: Answer[] = [];
    let running = true;
    let sequence = 0;
    const writer = async (worker: number): Promise<void> => {
      while (running) {
        const n = sequence++;
        const correlationId = `outage-${worker}-${n}`;
        const response = await app.inject({
          method: 'PATCH',
          url: `/v1/budgets/60${worker}/2024/basic-lines/salary`,
          headers: { authorization: `Bearer ${clerks[worker]}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
          payload: JSON.stringify({ amount: `${2000 + n}.00` }),
        });
        const body = response.statusCode >= 400 ? (JSON.parse(response.body) as { code?: string }) : undefined;
        answers.push({ correlationId, status: response.statusCode, code: body?.code, contentType: String(response.headers['content-type']) });
        if (response.statusCode >= 500) await sleep(50);
      }
    };
    const ok = () => answers.filter((answer) => answer.status < 300).length;
    const waitFor = async (condition: () => boolean | Promise<boolean>, ms: number, what: string) => {
      const deadline = Date.now() + ms;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; answers so far: ${JSON.stringify(answers.slice(-5))}`);
        await sleep(100);
      }
    };

    const writers = [0, 1, 2, 3].map(writer);
    try {
      await waitFor(() => ok() >= 20, 30_000, '20 confirmed commands');
      pg.stop(); // mid-stream: writers are in flight
      const failedBefore = answers.filter((answer) => answer.status === 503).length;
      await waitFor(() => answers.filter((answer) => answer.status === 503).length >= failedBefore + 8, 30_000, 'commands answered 503 while down');
      expect(await health()).toBe(503);
      await sleep(1_500); // stay down a while: the writers keep knocking
      expect(await health()).toBe(503);

      pg.start();
      await waitFor(async () => (await health()) === 200, 60_000, '/health 200 after Postgres returns');
      const confirmedBeforeRecovery = ok();
      await waitFor(() => ok() >= confirmedBeforeRecovery + 20, 30_000, '20 more confirmed commands after recovery');
    } finally {
      running = false;
      await Promise.all(writers);
    }

    const unexpected = answers.filter((answer) => !(answer.status >= 200 && answer.status < 300) && !(answer.status === 503 && answer.code === 'SERVICE_UNAVAILABLE' && answer.contentType.startsWith('application/problem+json')));
    expect(unexpected).toEqual([]);
    const refused = answers.filter((answer) => answer.status === 503);
    expect(refused.length).toBeGreaterThanOrEqual(8);

    const sql = new PgSqlClient({ connectionString: pg.url, max: 1 });
    try {
      const rows = (await sql.query<{ correlation_id: string }>(`SELECT metadata->>'correlationId' AS correlation_id FROM events WHERE metadata->>'correlationId' LIKE 'outage-%'`)).rows;
      const stored = new Set(rows.map((row) => row.correlation_id));
      expect(rows.length).toBe(stored.size); // one event per command
      expect(answers.filter((answer) => answer.status < 300 && !stored.has(answer.correlationId))).toEqual([]);
      expect(refused.filter((answer) => stored.has(answer.correlationId))).toEqual([]);
      expect(stored.size).toBe(ok());
    } finally {
      await sql.close();
    }
    process.stdout.write(`outage: ${ok()} confirmed, ${refused.length} answered 503, ${answers.length} commands in all\n`);
  });
});
