import { createDisclosureProjection, DISCLOSURE, disclosureProjection } from '@budgetflow/budget-application';
import { activeVersion, type EventStore, PgSqlClient, PostgresEventStore, ProjectionRunner, type Projection } from '@budgetflow/event-store';
import { EVENT_STORE } from '@budgetflow/platform';
import { testDatabaseUrl } from '@budgetflow/testing';
import { useTestApp } from '../support/test-app';
import { eventStoreUnderTest } from '../support/event-store-under-test';
import { BUDGET_URL as B, loadBudgetFacts } from '../support/guantao-fixture';
import { PROJECTION_RUNNER } from '@budgetflow/platform';

/**
 * Rebuild of the disclosure projection: a new version is built from the events into fresh tables beside the
 * serving one, which keeps answering reads; once caught up the runner switches, and the rebuilt rows are
 * byte-identical to the ones built live, event by event (draft, approved, published and adjusted versions).
 */

interface DocumentRow {
  version_label: string;
  version_number: number | null;
  published: boolean;
  stream_version: number;
  document: string;
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('disclosure projection: rebuild beside the serving version, byte-identical', () => {
  const t = useTestApp();
  let sql: PgSqlClient;
  let dept: string;
  let finance: string;

  beforeAll(async () => {
    sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema: t.schema, max: 4 });
    dept = await t.token('department', '501', 'clerk-501');
    finance = await t.token('finance', undefined, 'finance-zhang');
  });
  afterAll(async () => {
    await sql.close();
  });

  const rows = async (table: string): Promise<DocumentRow[]> =>
    (await sql.query<DocumentRow>(`SELECT version_label, version_number, published, stream_version, document FROM ${table} ORDER BY version_label`)).rows;
  const classRows = async (table: string) => (await sql.query(`SELECT * FROM ${table} ORDER BY department, version_label, class_code`)).rows;

  it('builds v2 beside v1 while v1 serves, switches, and v2 equals v1 byte for byte', async () => {
    // A life with every kind of row: import, edits (a revision and back), submit, approve, publish, a catalog
    // change, an approved adjustment (version 2, not published).
    const ok = async (method: 'POST' | 'PATCH' | 'PUT', url: string, token: string, body?: unknown) => {
      const answered = await t.request(method, url, { token, body });
      if (answered.status >= 300) throw new Error(`${method} ${url}: ${answered.status} ${answered.text}`);
      return answered.body;
    };
    await ok('POST', `${B}/import`, dept, loadBudgetFacts());
    await ok('PATCH', `${B}/basic-lines/basic-6`, dept, { amount: '6200.00' });
    await ok('PATCH', `${B}/basic-lines/basic-6`, dept, { amount: '6100.00' });
    await ok('POST', `${B}/submit`, dept);
    await ok('POST', `${B}/approve`, finance);
    await ok('POST', `${B}/versions/1/publish`, finance);
    // Renamed after version 1: version 1 keeps the old name, the draft and version 2 print the new one.
    await ok('PUT', '/v1/catalogs/2024', await t.token('admin', undefined, 'admin-1'), { functional: [{ code: '20140', name: '信访事务（修订）' }], economic: [] });
    await ok('POST', `${B}/adjustments`, dept, {
      reason: '律师陪访案件增加，追加律师陪访经费2万元',
      changeSet: {
        income: [{ source: '一般公共预算拨款收入', amount: '6562400.00' }],
        projects: { changed: [{ code: '13043324P000076100011', changes: { amount: '98000.00', fiscalFunds: '98000.00' } }] },
      },
    });
    const adjustmentId = (await t.request('GET', B, { token: dept })).body.pendingAdjustment.adjustmentId;
    const last = await ok('POST', `${B}/adjustments/${adjustmentId}/approve`, finance);
    const head = await t.request('GET', `${B}/tables?version=published&after=${last.position}`);
    expect(head.status).toBe(200);
    expect((await t.request('GET', `${B}/tables/T3?version=2`, { token: dept })).body.table.rows[2][2]).toBe('信访事务（修订）');
    expect((await t.request('GET', `${B}/tables/T3?version=1`)).body.table.rows[2][2]).toBe('信访事务');

    const servedBefore = head.text;
    // The version the app serves (`live`) and the one "new code" brings (`next`).
    const live = disclosureProjection.version;
    const next = live + 1;
    const liveDocuments = await rows(`disclosure_documents_v${live}`);
    const liveClasses = await classRows(`disclosure_functional_classes_v${live}`);
    expect(liveDocuments.map((row) => [row.version_label, row.published])).toEqual([['1', true], ['2', false], ['draft', false]]);
    expect(liveDocuments.find((row) => row.version_label === '1')?.published).toBe(true);

    // Hand over to "new code": the app's runner (v1) stops, a runner with v2 of the projection starts. Its batches
    // wait on a gate so the building phase can be observed.
    await (t.app.get(PROJECTION_RUNNER) as ProjectionRunner).stop();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const v2 = createDisclosureProjection(next);
    let batches = 0;
    const gated: Projection = { ...v2, apply: async (tx, events, ctx) => { batches++; await gate; return v2.apply(tx, events, ctx); } };
    // The new runner reads the events where the app keeps them: the schema, or the app's in-memory store.
    const store: EventStore = eventStoreUnderTest() === 'memory' ? t.app.get<EventStore>(EVENT_STORE) : new PostgresEventStore(sql);
    const runner = new ProjectionRunner({ sql, store, projections: [gated], batchSize: 7, catchUpBatchSize: 7 });
    runner.start();
    try {
      await until('the next version building', async () => runner.status()[0]?.mode === 'building' && batches > 0);
      // v2's tables exist beside v1's; the view and every read still go to v1.
      const tables = (await sql.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE 'disclosure_documents%' ORDER BY table_name`, [t.schema])).rows.map((row) => row.table_name);
      expect(tables).toEqual(['disclosure_documents', `disclosure_documents_v${live}`, `disclosure_documents_v${next}`]);
      expect(await activeVersion(sql, DISCLOSURE)).toBe(live);
      const during = await t.request('GET', `${B}/tables?version=published`);
      expect(during.status).toBe(200);
      expect(during.text).toBe(servedBefore);
      expect((await rows('disclosure_documents')).map((row) => row.document)).toEqual(liveDocuments.map((row) => row.document));

      open();
      await until('switch to the next version', async () => (await activeVersion(sql, DISCLOSURE)) === next);
      const rebuiltDocuments = await rows(`disclosure_documents_v${next}`);
      expect(rebuiltDocuments.map((row) => row.version_label)).toEqual(liveDocuments.map((row) => row.version_label));
      rebuiltDocuments.forEach((row, i) => {
        // Byte-identical: the stored JSON text of every version, plus its flags.
        expect(row.document === liveDocuments[i].document).toBe(true);
        expect(row).toEqual(liveDocuments[i]);
      });
      expect(await classRows(`disclosure_functional_classes_v${next}`)).toEqual(liveClasses);
      // The old version's tables are gone; reads go to v2 and answer the same bytes.
      await until('the old version dropped', async () => (await sql.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2`, [t.schema, `disclosure_documents_v${live}`])).rows.length === 0);
      const after = await t.request('GET', `${B}/tables?version=published`);
      expect(after.text).toBe(servedBefore);
      // Batches of 7 events: the rebuild crossed many batch boundaries that the live build did not.
      expect(batches).toBeGreaterThan(3);
    } finally {
      open();
      await runner.stop();
      if (store instanceof PostgresEventStore) await store.close();
    }
  });
});
