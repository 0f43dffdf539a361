import { type EventStore, InMemoryEventStore, PgSqlClient, PostgresEventStore, type Projection, ProjectionRunner, type SqlClient, START, type NewEvent } from '@budgetflow/event-store';
import { createPgliteTestDatabase, createTestSchema, type TestDatabase } from '@budgetflow/testing';
import { metadata } from './event-store.contract';
import { countingProjection, totals, until } from './projection-fixtures';

const amounts = (n: number, amount = 1): NewEvent[] => Array.from({ length: n }, (_, i) => ({ type: 'Spent', data: { amount, i } }));

describe('ProjectionRunner on real Postgres', () => {
  let db: TestDatabase<PgSqlClient>;
  let store: PostgresEventStore;
  const runners: ProjectionRunner[] = [];
  const clients: PgSqlClient[] = [];

  beforeEach(async () => {
    db = await createTestSchema();
    store = new PostgresEventStore(db.sql);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await store.close();
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await db.drop();
  });

  /** A runner as another process would have it: its own pool, store and lock connection. */
  function process(projection = countingProjection({}), options: { batchSize?: number; catchUpBatchSize?: number; minBatchIntervalMs?: number; maxBusyShare?: number } = {}): { runner: ProjectionRunner; sql: PgSqlClient } {
    const sql = new PgSqlClient({ schema: db.schema, max: 3 });
    clients.push(sql);
    const runner = new ProjectionRunner({ sql, store: new PostgresEventStore(sql), projections: [projection], leaderRetryMs: 200, pollIntervalMs: 50, ...options });
    runners.push(runner);
    return { runner, sql };
  }

  /** The runner leads within `ms`, and projects the `count` events appended to `stream` next. */
  async function takesOver(runner: ProjectionRunner, ms: number, stream: string, count: number): Promise<void> {
    await until(() => runner.isLeader('stream_totals'), ms, 'second takes over');
    const appended = await store.append(stream, amounts(count), 'any', metadata());
    expect(await runner.waitFor('stream_totals', appended.globalPosition, 10_000)).toBe(true);
  }

  /** Two runner "processes": the first started and leading, then the second started beside it. */
  async function leaderThenSecond() {
    const first = process();
    const second = process();
    first.runner.start();
    await until(() => first.runner.isLeader('stream_totals'), 5_000, 'first leads');
    second.runner.start();
    return { first, second };
  }

  it('applies events, serves waitFor (read-your-writes) and reports lag', async () => {
    const { runner } = process();
    await store.append('s1', amounts(3, 10), 'any', metadata());
    runner.start();
    const written = await store.append('s2', amounts(2, 5), 'any', metadata());
    expect(await runner.waitFor('stream_totals', written.globalPosition, 10_000)).toBe(true);
    expect(await totals(db.sql)).toEqual({ events: 5, total: '40' });
    expect(await runner.lag('stream_totals')).toMatchObject({ eventsBehind: 0, secondsBehind: 0 });
    // the view on the active table serves plain queries
    expect(await runner.activeTableName('stream_totals', 'stream_totals')).toBe('stream_totals_v1');

    await runner.stop();
    const later = await store.append('s3', amounts(4), 'any', metadata());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lag = await runner.lag('stream_totals');
    expect(lag.eventsBehind).toBe(4);
    expect(lag.secondsBehind).toBeGreaterThanOrEqual(0.04);
    expect(await runner.waitFor('stream_totals', later.globalPosition, 300)).toBe(false);
    expect(await runner.waitFor('stream_totals', { transactionId: later.transactionId, globalPosition: later.globalPosition }, 100)).toBe(false);
  });

  it.each([
    ['the runner', { runner: 0.25, projection: undefined }],
    ["the read model's own, over the runner's", { runner: 1, projection: 0.25 }],
  ])('following a steady stream of writes, a slow read model waits in proportion (maxBusyShare of %s); after a quiet spell it applies at once', async (_, share) => {
    const starts: number[] = [];
    // Each batch takes about 60 ms: at a share of 0.25, batches begin at least about 240 ms apart while writes keep coming.
    const counting = countingProjection({
      beforeCommit: async () => {
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 60));
      },
    });
    const projection = share.projection === undefined ? counting : { ...counting, maxBusyShare: share.projection };
    const { runner } = process(projection, { minBatchIntervalMs: 0, maxBusyShare: share.runner });
    runner.start();
    await until(() => runner.isLeader('stream_totals'), 5_000, 'leads');
    const writing = Date.now() + 1_500;
    let last = await store.append('steady', amounts(1), 'any', metadata());
    while (Date.now() < writing) {
      last = await store.append('steady', amounts(1), 'any', metadata());
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await runner.waitFor('stream_totals', last.globalPosition, 10_000)).toBe(true);
    const gaps = starts.slice(1).map((start, n) => start - starts[n]!);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(200);

    // Quiet for longer than the last wait: the next event is applied without waiting out another interval.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const appendedAt = Date.now();
    const single = await store.append('after-quiet', amounts(1), 'any', metadata());
    expect(await runner.waitFor('stream_totals', single.globalPosition, 10_000)).toBe(true);
    expect(Date.now() - appendedAt).toBeLessThan(400);
  });

  it('catching up, each full batch doubles the next up to catchUpBatchSize; following the head, batches are batchSize again', async () => {
    const sizes: number[] = [];
    const projection = countingProjection({ beforeCommit: async (_tx, events) => void sizes.push(events.length) });
    const { runner } = process(projection, { batchSize: 10, catchUpBatchSize: 80 });
    await store.append('far-behind', amounts(400), 'any', metadata());
    runner.start();
    await until(async () => (await totals(db.sql)).events >= 400, 20_000, 'caught up');
    expect(sizes.slice(0, 5)).toEqual([10, 20, 40, 80, 80]);
    expect(sizes.reduce((sum, n) => sum + n, 0)).toBe(400);
    sizes.length = 0;
    const later = await store.append('far-behind', amounts(3), 'any', metadata());
    expect(await runner.waitFor('stream_totals', later.globalPosition, 10_000)).toBe(true);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(await totals(db.sql)).toEqual({ events: 403, total: '403' });
  });

  it('exactly once: a batch that fails after applying (before commit) leaves no trace', async () => {
    let failures = 3;
    const errors: unknown[] = [];
    const projection = countingProjection({
      beforeCommit: async () => {
        if (failures-- > 0) throw new Error('crash between apply and checkpoint');
      },
    });
    const { runner } = process(projection, { batchSize: 7 });
    (runner as unknown as { options: { onError: (e: unknown) => void } }).options.onError = (e) => errors.push(e);
    await store.append('crash', amounts(20, 2), 'any', metadata());
    runner.start();
    await until(async () => (await totals(db.sql)).events >= 20, 20_000, 'all events applied');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await totals(db.sql)).toEqual({ events: 20, total: '40' });
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });

  it('exactly once: a connection killed in the middle of a batch re-applies nothing twice', async () => {
    const killer = new PgSqlClient({ schema: db.schema, max: 1 });
    clients.push(killer);
    let kills = 2;
    const projection = countingProjection({
      beforeCommit: async (tx) => {
        if (kills-- <= 0) return;
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await killer.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      },
    });
    const { runner } = process(projection, { batchSize: 5 });
    await store.append('killed', amounts(12, 3), 'any', metadata());
    runner.start();
    await until(async () => (await totals(db.sql)).events >= 12, 20_000, 'all events applied');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await totals(db.sql)).toEqual({ events: 12, total: '36' });
    // a restarted runner (new process) continues from the checkpoint and applies nothing again
    await runner.stop();
    const restarted = process();
    restarted.runner.start();
    const more = await store.append('killed', amounts(1, 3), 'any', metadata());
    expect(await restarted.runner.waitFor('stream_totals', more.globalPosition, 10_000)).toBe(true);
    expect(await totals(db.sql)).toEqual({ events: 13, total: '39' });
  });

  it('runs a single leader across two runners; the second takes over when the first stops', async () => {
    const { first, second } = await leaderThenSecond();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(second.runner.isLeader('stream_totals')).toBe(false);
    expect(second.runner.status()[0]?.mode).toBe('following');

    const a = await store.append('lead', amounts(10), 'any', metadata());
    expect(await first.runner.waitFor('stream_totals', a.globalPosition, 10_000)).toBe(true);

    await first.runner.stop();
    await takesOver(second.runner, 5_000, 'lead', 5);
    expect(await totals(db.sql)).toEqual({ events: 15, total: '15' });
  });

  it('takes over when the leader process dies (its connections close without unlocking)', async () => {
    const { first, second } = await leaderThenSecond();
    await store.append('die', amounts(3), 'any', metadata());
    // The first "process" dies without unlocking: all its connections close (its lock goes with them)
    // and it cannot reconnect.
    await first.sql.close();
    await takesOver(second.runner, 8_000, 'die', 2);
    expect(await totals(db.sql)).toEqual({ events: 5, total: '5' });
  });

  it('rebuilds a new version into fresh tables while the old one serves, then switches and drops the old', async () => {
    const v1 = process(countingProjection({ version: 1 }));
    v1.runner.start();
    const seeded = await store.append('rb', amounts(40, 1), 'any', metadata());
    expect(await v1.runner.waitFor('stream_totals', seeded.globalPosition, 10_000)).toBe(true);
    await v1.runner.stop();

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const v2Projection = countingProjection({
      version: 2,
      factor: 10,
      beforeCommit: async () => {
        if (++batches === 3) await gate; // hold the rebuild midway
      },
    });
    const v2 = process(v2Projection, { batchSize: 10 });
    v2.runner.start();
    await until(() => batches >= 3, 10_000, 'rebuild under way');
    // midway: v1 still serves, through its physical name and through the view
    expect(v2.runner.status()[0]?.mode).toBe('building');
    expect(await v2.runner.activeTableName('stream_totals', 'stream_totals')).toBe('stream_totals_v1');
    expect(await totals(db.sql, 'stream_totals')).toEqual({ events: 40, total: '40' });
    expect(await totals(db.sql, 'stream_totals_v1')).toEqual({ events: 40, total: '40' });
    const during = await store.append('rb', amounts(5, 1), 'any', metadata());
    release();

    await until(async () => (await v2.runner.activeTableName('stream_totals', 'stream_totals')) === 'stream_totals_v2', 10_000, 'switch');
    expect(await v2.runner.waitFor('stream_totals', during.globalPosition, 10_000)).toBe(true);
    expect(await totals(db.sql, 'stream_totals')).toEqual({ events: 45, total: '450' });
    await until(async () => {
      const { rows } = await db.sql.query<{ t: string | null }>(`SELECT to_regclass('stream_totals_v1')::text AS t`);
      return rows[0]?.t === null;
    }, 5_000, 'old table dropped');
    const { rows } = await db.sql.query<{ name: string }>('SELECT name FROM projection_checkpoints ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(['stream_totals@v2']);

    // an old-version runner (e.g. a process not yet redeployed) stands aside instead of writing dropped tables
    await v2.runner.stop();
    const stale = process(countingProjection({ version: 1 }));
    stale.runner.start();
    await until(() => stale.runner.status()[0]?.mode === 'stale', 5_000, 'stale runner stands aside');
  });
});

describe('ProjectionRunner on PGlite (single connection)', () => {
  it('applies events and answers waitFor', async () => {
    const db = await createPgliteTestDatabase();
    const store = new PostgresEventStore(db.sql);
    const runner = new ProjectionRunner({ sql: db.sql, store, projections: [countingProjection({})], pollIntervalMs: 50 });
    try {
      runner.start();
      const result = await store.append('lite', amounts(6, 2), 'any', metadata());
      expect(await runner.waitFor('stream_totals', result.globalPosition, 10_000)).toBe(true);
      expect(await totals(db.sql)).toEqual({ events: 6, total: '12' });
      expect(runner.isLeader('stream_totals')).toBe(true);
      expect((await runner.lag('stream_totals')).eventsBehind).toBe(0);
      expect(await store.readAll({ after: START })).toMatchObject({ events: expect.any(Array) });
    } finally {
      await runner.stop();
      await store.close();
      await db.drop();
    }
  });
});

/**
 * `ProjectionContext.store`: what a batch does not carry (a stream's earlier events) it reads through the port.
 * On PGlite the Postgres store must read through the batch's own transaction (one connection: a read on the
 * top-level client would wait for that transaction forever); another adapter is read as it is, the read models
 * and checkpoints staying in SQL.
 */
describe.each([
  ['the Postgres store on PGlite (reads through the batch transaction)', (sql: SqlClient): EventStore => new PostgresEventStore(sql)],
  ['the in-memory store, read models on PGlite', (): EventStore => new InMemoryEventStore()],
])('ProjectionContext.store with %s', (_label, createStore) => {
  const closedTotals: Projection = {
    name: 'closed_totals',
    version: 1,
    tables: ['closed_totals'],
    types: ['Closed'],
    async setup(tx, suffix) {
      await tx.exec(`CREATE TABLE closed_totals${suffix} (stream_id text PRIMARY KEY, events int NOT NULL, total int NOT NULL)`);
    },
    async apply(tx, events, ctx) {
      for (const event of events) {
        const history = await ctx.store.readStream(event.streamId, { toVersion: event.streamVersion });
        const total = history.filter((e) => e.type === 'Spent').reduce((sum, e) => sum + (e.data as { amount: number }).amount, 0);
        await tx.query(
          `INSERT INTO ${ctx.table('closed_totals')} VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO UPDATE SET events = EXCLUDED.events, total = EXCLUDED.total`,
          [event.streamId, history.length, total],
        );
      }
    },
  };

  it('folds earlier events of a stream inside the batch, serves waitFor and lag', async () => {
    const db = await createPgliteTestDatabase();
    const store = createStore(db.sql);
    const runner = new ProjectionRunner({ sql: db.sql, store, projections: [closedTotals], pollIntervalMs: 50 });
    const row = async () => (await db.sql.query<{ events: number; total: number }>("SELECT events, total FROM closed_totals WHERE stream_id = 'till'")).rows[0];
    try {
      runner.start();
      await store.append('till', [...amounts(3, 5), { type: 'Closed', data: {} }], 'no-stream', metadata());
      const first = await store.append('till', [...amounts(2, 5), { type: 'Closed', data: {} }, ...amounts(1, 100)], 4, metadata());
      expect(await runner.waitFor('closed_totals', first.globalPosition, 10_000)).toBe(true);
      // Through version 7 (the second Closed): the Spent of 100 after it is not part of the fold.
      expect(await row()).toEqual({ events: 7, total: 25 });
      expect(await runner.lag('closed_totals')).toMatchObject({ eventsBehind: 0 });
      await runner.stop();
      await store.append('till', amounts(2), 8, metadata());
      expect((await runner.lag('closed_totals')).eventsBehind).toBe(2);
    } finally {
      await runner.stop();
      await store.close();
      await db.drop();
    }
  });
});
