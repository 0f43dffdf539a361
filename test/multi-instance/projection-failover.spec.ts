/**
 * Several instances against one Postgres: two real api processes (the built service, as `npm start` runs
 * it) share a schema. Exactly one of them leads the budget overview projection (advisory lock). We write
 * through both, SIGKILL the leader while writers keep going through the survivor, and check that
 *  - the survivor takes over within 10 s (its /health says leader, mode active);
 *  - nothing was applied twice: a trigger records every row version the projection writes, and per
 *    budget those versions only ever increase (a re-applied batch would write an old version again);
 *  - nothing was skipped: the checkpoint ends at the events table's head, every budget's row carries its
 *    stream's last version, and its totals equal a fresh fold of the stream (GET /v1/budgets/{d}/{y}).
 *
 * Worker processes beside two api processes (reminder jobs created once, delivered once, worker failover):
 * worker-instances.spec.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Decimal } from '@budgetflow/budget-domain';
import { PgSqlClient } from '@budgetflow/event-store';
import { loadOrCreateLocalKey, mintLocalToken, type Role } from '@budgetflow/platform';
import { testDatabaseUrl, uniqueSchemaName } from '@budgetflow/testing';
import { type ApiProcess, buildDist, freePort, kill, projectionHealth, startApi, waitForHealth } from './api-processes';

const YEAR = 2024;
const DEPARTMENTS = ['601', '602', '603', '604', '605', '606'];
const PROJECTION = 'budget_overview';

interface WriteOutcome {
  status: number;
  position?: string;
}

describe('two api instances on one Postgres: projection leadership and failover', () => {
  const schema = uniqueSchemaName('multi');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-multi-'));
  const admin = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: 2 });
  const apis: ApiProcess[] = [];
  let token: (role: Role, department?: string) => Promise<string>;

  beforeAll(async () => {
    buildDist();
    const { privateKey } = await loadOrCreateLocalKey(dataDir); // before the processes: they share it
    token = (role, department) => mintLocalToken(privateKey, { role, department, audience: 'budgetflow' });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(apis.map((api) => kill(api, 'SIGTERM')));
    await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await admin.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (method: 'POST' | 'PATCH', api: ApiProcess, url: string, auth: string, body: unknown): Promise<WriteOutcome> => {
    const response = await fetch(api.url(url), {
      method,
      headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json().catch(() => ({}))) as { position?: string };
    return { status: response.status, position: json.position };
  };

  it('keeps exactly one leader, fails over within 10 s after SIGKILL, and loses or repeats nothing', async () => {
    // No per-user rate limit: six writers in a tight loop would hit it (it has its own tests).
    const env = { DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema, DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', BULLMQ_PREFIX: schema };
    // Started one after the other: the first runs the migrations and creates the projection's tables.
    apis.push(startApi('api-a', await freePort(), env));
    await waitForHealth(apis[0]!);
    apis.push(startApi('api-b', await freePort(), env));
    await waitForHealth(apis[1]!);

    // Exactly one leader.
    const deadline = Date.now() + 10_000;
    let leaders: ApiProcess[] = [];
    while (Date.now() < deadline) {
      const states = await Promise.all(apis.map((api) => projectionHealth(api, PROJECTION)));
      leaders = apis.filter((_, i) => states[i]?.leader);
      if (leaders.length === 1 && states.some((s) => s?.mode === 'following')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(leaders.map((l) => l.name)).toHaveLength(1);
    const leader = leaders[0]!;
    const survivor = apis.find((api) => api !== leader)!;
    expect(await projectionHealth(survivor, PROJECTION)).toMatchObject({ leader: false, mode: 'following' });

    // Every row version the projection writes, in the projection's own transaction (a rolled-back batch leaves none).
    await admin.exec(`
      CREATE TABLE overview_audit (seq bigserial PRIMARY KEY, department text NOT NULL, stream_version int NOT NULL);
      CREATE FUNCTION overview_audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO "${schema}".overview_audit (department, stream_version) VALUES (NEW.department, NEW.stream_version); RETURN NEW; END $$;
      CREATE TRIGGER overview_audit AFTER INSERT OR UPDATE ON budget_overview_v1 FOR EACH ROW EXECUTE FUNCTION overview_audit_row();`);

    // Writers: one per department, alternating between the two instances until told to stop; after the
    // kill, the leader's requests fail (connection refused) and the writers go on through the survivor.
    let stopWriting = false;
    let killed = false;
    const accepted = new Map<string, number>();
    const writer = async (department: string, index: number): Promise<void> => {
      const clerk = await token('department', department);
      const budget = `/v1/budgets/${department}/${YEAR}`;
      expect((await send('POST', apis[index % 2]!, budget, clerk, { name: `测试局${department}`, unitKind: '行政' })).status).toBe(201);
      const line = { lineId: 'line-1', functionalCode: '2014004', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '100.00' };
      expect((await send('POST', apis[(index + 1) % 2]!, `${budget}/basic-lines`, clerk, line)).status).toBe(201);
      for (let n = 1; !stopWriting; n++) {
        const api = killed ? survivor : apis[(index + n) % 2]!;
        // Each write moves the line's amount: the overview's basic total follows every event.
        const revision = { amount: `${100 + n}.${String(index).padStart(2, '0')}` };
        const outcome = await send('PATCH', api, `${budget}/basic-lines/line-1`, clerk, revision).catch(() => ({ status: 0 }) as WriteOutcome);
        if (outcome.status === 200) accepted.set(department, (accepted.get(department) ?? 0) + 1);
        else if (outcome.status !== 0) throw new Error(`write refused with ${outcome.status} through ${api.name}`);
      }
    };
    const writers = DEPARTMENTS.map((department, index) => writer(department, index));

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const beforeKill = await projectionHealth(leader, PROJECTION);
    expect(beforeKill?.checkpoint).not.toBeNull(); // the leader has applied batches

    killed = true;
    const killedAt = Date.now();
    await kill(leader, 'SIGKILL');

    let takeoverMs = -1;
    while (Date.now() - killedAt < 15_000) {
      const state = await projectionHealth(survivor, PROJECTION);
      if (state?.leader && state.mode === 'active') {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(takeoverMs).toBeGreaterThanOrEqual(0);
    expect(takeoverMs).toBeLessThan(10_000);

    // Keep writing for a while under the new leader, then stop and let it catch up.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stopWriting = true;
    await Promise.all(writers);
    for (const department of DEPARTMENTS) expect(accepted.get(department) ?? 0).toBeGreaterThan(5);

    const head = (await admin.query<{ position: bigint }>('SELECT max(global_position) AS position FROM events')).rows[0]!.position;
    const finance = await token('finance');
    const county = await fetch(survivor.url(`/v1/budgets?year=${YEAR}&after=${head}`), { headers: { authorization: `Bearer ${finance}` } });
    expect(county.status).toBe(200);
    const overview = (await county.json()) as { departments: Array<{ department: string; streamVersion: number; status: string; basic: string; income: string }> };

    // Nothing skipped: the checkpoint is at the last event, each row at its stream's last version and equal to a fresh fold.
    const checkpoint = (await admin.query<{ global_position: bigint }>(`SELECT global_position FROM projection_checkpoints WHERE name = $1`, [`${PROJECTION}@v1`])).rows[0];
    expect(checkpoint?.global_position).toBe(head);
    const streamVersions = await admin.query<{ stream_id: string; version: number }>(
      `SELECT stream_id, max(stream_version)::int AS version FROM events WHERE stream_id LIKE 'budget-%' GROUP BY stream_id ORDER BY stream_id`,
    );
    expect(overview.departments.map((d) => [`budget-${d.department}-${YEAR}`, d.streamVersion])).toEqual(streamVersions.rows.map((r) => [r.stream_id, r.version]));
    for (const row of overview.departments) {
      const fresh = await fetch(survivor.url(`/v1/budgets/${row.department}/${YEAR}?version=draft`), { headers: { authorization: `Bearer ${finance}` } });
      const budget = (await fresh.json()) as { streamVersion: number; status: string; content: { basicExpenditureLines: Array<{ amount: string }> } };
      const basic = budget.content.basicExpenditureLines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0));
      expect({ department: row.department, version: row.streamVersion, status: row.status, basic: row.basic }).toEqual({
        department: row.department,
        version: budget.streamVersion,
        status: budget.status,
        basic: basic.toFixed(2),
      });
      // every accepted write is in the stream (open + line + accepted revisions; a write cut off by the kill may have committed too)
      expect(budget.streamVersion).toBeGreaterThanOrEqual(2 + (accepted.get(row.department) ?? 0));
    }

    // Nothing applied twice: per budget, the versions written by the projection strictly increase across both leaders.
    const audit = await admin.query<{ department: string; stream_version: number }>('SELECT department, stream_version FROM overview_audit ORDER BY seq');
    expect(audit.rows.length).toBeGreaterThan(DEPARTMENTS.length);
    const lastWritten = new Map<string, number>();
    const repeats: string[] = [];
    for (const { department, stream_version } of audit.rows) {
      const previous = lastWritten.get(department) ?? 0;
      if (stream_version <= previous) repeats.push(`${department}: v${stream_version} after v${previous}`);
      lastWritten.set(department, stream_version);
    }
    expect(repeats).toEqual([]);

    const after = await projectionHealth(survivor, PROJECTION);
    expect(after).toMatchObject({ leader: true, mode: 'active', eventsBehind: 0 });
  }, 180_000);
});
