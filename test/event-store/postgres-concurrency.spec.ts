/** Real-Postgres only: many connections at once (PGlite has one connection). */
import { ConcurrencyError, PgSqlClient, PostgresEventStore, StoreUnavailableError, type RecordedEvent } from '@budgetflow/event-store';
import { createTestSchema, type TestDatabase } from '@budgetflow/testing';
import { metadata } from './event-store.contract';

describe('PostgresEventStore on real Postgres: concurrency', () => {
  let db: TestDatabase<PgSqlClient>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema({ max: 25 });
    store = new PostgresEventStore(db.sql);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it.each<[string, 'no-stream' | number, number]>([
    ['an exact version', 3, 3],
    ["'no-stream'", 'no-stream', 0],
  ])('20 concurrent appends expecting %s: exactly one wins', async (_label, expected, existing) => {
    const id = `race-${String(expected)}-${Date.now()}`;
    if (existing > 0) await store.append(id, Array.from({ length: existing }, () => ({ type: 'Seed', data: {} })), 'no-stream', metadata());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, writer) => store.append(id, [{ type: 'Raced', data: { writer } }], expected, metadata())),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    for (const failure of lost) {
      expect(failure.reason).toBeInstanceOf(ConcurrencyError);
      expect(failure.reason).toMatchObject({ streamId: id, expected, actual: existing + 1 });
    }
    const read = await store.readStream(id);
    expect(read.map((e) => e.streamVersion)).toEqual(Array.from({ length: existing + 1 }, (_, i) => i + 1));
    expect(await store.streamVersion(id)).toBe(existing + 1);
  });

  it("20 concurrent 'any' appends to one stream all succeed with distinct versions", async () => {
    const id = `race-any-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 20 }, () => store.append(id, [{ type: 'A', data: {} }, { type: 'B', data: {} }], 'any', metadata())));
    expect(new Set(results.map((r) => r.nextExpectedVersion)).size).toBe(20);
    expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('a subscriber never skips a late-committing transaction: every event once, in commit-safe order', async () => {
    const start = await store.head();
    const received: RecordedEvent[] = [];
    const sub = store.subscribe({ from: start, handle: async (batch) => void received.push(...batch.events) });
    try {
      let releaseA!: () => void;
      const holdA = new Promise<void>((resolve) => (releaseA = resolve));
      let aAppended!: () => void;
      const aHasPosition = new Promise<void>((resolve) => (aAppended = resolve));
      // Writer A takes a global position first but commits last.
      const writerA = db.sql.transaction(async (tx) => {
        const result = await store.appendInTransaction(tx, 'gap-A', [{ type: 'Late', data: {} }], 'any', metadata());
        aAppended();
        await holdA;
        return result;
      });
      await aHasPosition;
      const bResults = [];
      for (let i = 0; i < 5; i++) bResults.push(await store.append(`gap-B${i}`, [{ type: 'Early', data: { i } }], 'any', metadata()));
      // B's rows are committed and have higher positions, but A is still running: nothing may be delivered yet
      // (delivering B now would move the subscriber's checkpoint past A's position forever).
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(received).toEqual([]);
      releaseA();
      const a = await writerA;
      expect(a.globalPosition < (bResults[0]?.globalPosition ?? 0n)).toBe(true);
      const deadline = Date.now() + 10_000;
      while (received.length < 6 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received.map((e) => e.streamId)).toEqual(['gap-A', 'gap-B0', 'gap-B1', 'gap-B2', 'gap-B3', 'gap-B4']);
      expect(new Set(received.map((e) => e.id)).size).toBe(6);
    } finally {
      await sub.stop();
    }
  });

  it('lastCommitted names the newest committed event while an older transaction still holds the commit-safe head back', async () => {
    let release!: () => void;
    const hold = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const before = await store.head();
    const long = db.sql.transaction(async (tx) => {
      await store.appendInTransaction(tx, 'held-back', [{ type: 'Late', data: {} }], 'any', metadata());
      started();
      await hold;
    });
    try {
      await holding;
      const committed = await store.append('committed-meanwhile', [{ type: 'Early', data: {} }], 'any', metadata());
      expect(await store.lastCommitted()).toBe(committed.globalPosition);
      expect(await store.head()).toEqual(before); // the commit-safe head waits for the older transaction
    } finally {
      release();
      await long;
    }
  });

  it('wakes a subscriber in another process through NOTIFY (not by polling)', async () => {
    const otherSql = new PgSqlClient({ schema: db.schema, max: 2 });
    const other = new PostgresEventStore(otherSql, { subscription: { pollIntervalMs: 20_000 } });
    const received: number[] = [];
    const sub = other.subscribe({ from: await other.head(), handle: async (batch) => void received.push(...batch.events.map((e) => e.streamVersion)) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let it LISTEN and go idle
      const started = Date.now();
      await store.append(`notify-${Date.now()}`, [{ type: 'Ping', data: {} }], 'any', metadata());
      while (received.length === 0 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(received).toEqual([1]);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await sub.stop();
      await other.close();
      await otherSql.close();
    }
  });

  it('an unreachable database surfaces as StoreUnavailableError', async () => {
    const down = new PgSqlClient({ connectionString: 'postgres://postgres@127.0.0.1:1/postgres', connectionTimeoutMs: 1_000 });
    const unreachable = new PostgresEventStore(down);
    try {
      await expect(unreachable.append('s', [{ type: 'T', data: {} }], 'any', metadata())).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(unreachable.readAll()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(down.transaction(async () => undefined)).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await unreachable.close();
      await down.close();
    }
  });

  it('a connection killed by the server surfaces as StoreUnavailableError', async () => {
    const error = await db.sql
      .transaction(async (tx) => {
        const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await store.sql.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
        await tx.query('SELECT 1');
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    // the pool recovers
    expect(await store.streamVersion('nothing')).toBe(0);
  });
});
