/** Real Postgres, many connections: appends that wait for a statement share one (group commit, `AppendQueue`). */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, EventStoreInputError, PgSqlClient, PostgresEventStore } from '@budgetflow/event-store';
import { createTestSchema, type TestDatabase } from '@budgetflow/testing';
import { metadata } from './event-store.contract';

describe('PostgresEventStore group commit on real Postgres', () => {
  let db: TestDatabase<PgSqlClient>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema({ max: 10 });
    // One statement at a time: everything that arrives while it runs waits and goes together.
    store = new PostgresEventStore(db.sql, { groupCommit: { lanes: 1, maxLanes: 1 } });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('given appends arriving together, each one is written or refused as if alone, and the written ones share transactions', async () => {
    const run = randomUUID().slice(0, 8);
    const streams = Array.from({ length: 24 }, (_, i) => `gc-${run}-${i}`);
    const seeded = new Map<string, string>();
    for (const stream of streams) {
      const id = randomUUID();
      seeded.set(stream, id);
      await store.append(stream, [{ id, type: 'Opened', data: { stream } }], 'no-stream', metadata());
    }
    const catalog = `gc-${run}-catalog`;
    await store.append(catalog, [{ type: 'CatalogLoaded', data: {} }, { type: 'CatalogLoaded', data: {} }], 'no-stream', metadata());

    const outcomes = await Promise.allSettled([
      ...streams.map((stream, i) => {
        if (i === 3) return store.append(stream, [{ type: 'LineProposed', data: { i } }], 5, metadata({ userId: `user-${i}` })); // stale expectation
        if (i === 11) return store.append(stream, [{ type: 'LineProposed', data: { i } }], 1, metadata({ userId: `user-${i}` }), { unchanged: [{ streamId: catalog, version: 1 }] }); // the catalog moved on
        const unchanged = i % 2 === 0 ? [{ streamId: catalog, version: 2 }] : [];
        return store.append(stream, [{ type: 'LineProposed', data: { i } }, { type: 'LineRevised', data: { i } }], 1, metadata({ userId: `user-${i}` }), { unchanged });
      }),
      store.append(`gc-${run}-new`, [{ type: 'Opened', data: {} }, { type: 'LineProposed', data: {} }, { type: 'LineProposed', data: {} }], 'no-stream', metadata({ userId: 'user-new' })),
      store.append(streams[1]!, [{ type: 'LineProposed', data: { twin: true } }], 1, metadata({ userId: 'user-twin' })), // races append #1 on the same stream
    ]);

    const refused = (i: number) => (outcomes[i] as PromiseRejectedResult).reason as unknown;
    expect(refused(3)).toBeInstanceOf(ConcurrencyError);
    expect(refused(3)).toMatchObject({ streamId: streams[3], expected: 5, actual: 1 });
    expect(refused(11)).toMatchObject({ streamId: catalog, expected: 1, actual: 2 });
    // Of the two appends to stream 1 expecting version 1, exactly one is written.
    const twins = [outcomes[1]!, outcomes[25]!];
    expect(twins.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((twins.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ streamId: streams[1], expected: 1, actual: expect.any(Number) });

    const written = outcomes.flatMap((o, i) => (o.status === 'fulfilled' && ![1, 25].includes(i) ? [{ i, result: o.value }] : []));
    expect(written).toHaveLength(22); // 24 − 2 refused − the twin's stream + the new stream
    for (const { i, result } of written) {
      if (i === 24) {
        expect(result.nextExpectedVersion).toBe(3);
        continue;
      }
      expect(result.nextExpectedVersion).toBe(3);
      const events = await store.readStream(streams[i]!);
      expect(events.map((e) => [e.streamVersion, e.type, e.metadata.userId])).toEqual([
        [1, 'Opened', 'user-1'],
        [2, 'LineProposed', `user-${i}`],
        [3, 'LineRevised', `user-${i}`],
      ]);
      expect(result.globalPosition).toBe(events[2]!.globalPosition);
    }
    // Refused appends wrote nothing.
    for (const i of [3, 11]) expect(await store.streamVersion(streams[i]!)).toBe(1);
    expect((await store.readStream(`gc-${run}-new`)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    // Batched: fewer transactions than appends written, and the log reads every written event once, in order.
    const transactions = new Set(written.map(({ result }) => result.transactionId));
    expect(transactions.size).toBeLessThan(written.length);
    const all = await store.readAll({ after: undefined, limit: 10_000 });
    const ours = all.events.filter((e) => e.streamId.startsWith(`gc-${run}-`) && e.type !== 'Opened' && e.type !== 'CatalogLoaded');
    expect(new Set(ours.map((e) => e.id)).size).toBe(ours.length);
    const twinWon = outcomes[25]!.status === 'fulfilled';
    expect(ours).toHaveLength(21 * 2 + 2 + (twinWon ? 1 : 2)); // 21 two-event appends, the new stream's 2 lines, stream 1's winner
  });

  it('given a batch holding an event id already stored, that append alone is refused and the others are written', async () => {
    const run = randomUUID().slice(0, 8);
    const taken = randomUUID();
    await store.append(`gc-${run}-first`, [{ id: taken, type: 'Opened', data: {} }], 'no-stream', metadata());
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => store.append(`gc-${run}-${i}`, [{ ...(i === 5 ? { id: taken } : {}), type: 'Opened', data: { i } }], 'no-stream', metadata())),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const refused = (outcomes[5] as PromiseRejectedResult).reason as unknown;
    expect(refused).toBeInstanceOf(EventStoreInputError);
    expect(refused).toMatchObject({ code: 'duplicate-event-id' });
    expect(await store.streamVersion(`gc-${run}-5`)).toBe(0);
    for (const i of [0, 1, 2, 3, 4, 6, 7]) expect(await store.streamVersion(`gc-${run}-${i}`)).toBe(1);
  });

  it('given an append waiting on a stream row another transaction holds, the other appends of the process still go through', async () => {
    const lanes = new PostgresEventStore(db.sql); // the defaults: one lane, more while every running statement stalls
    const run = randomUUID().slice(0, 8);
    const locked = `gc-${run}-locked`;
    await lanes.append(locked, [{ type: 'Opened', data: {} }], 'no-stream', metadata());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const isHolding = new Promise<void>((resolve) => (holding = resolve));
    // A long import: its transaction holds the stream row until released.
    const importing = db.sql.transaction(async (tx) => {
      await lanes.appendInTransaction(tx, locked, [{ type: 'LineProposed', data: {} }], 1, metadata());
      holding();
      await held;
    });
    await isHolding;
    const blocked = lanes.append(locked, [{ type: 'LineProposed', data: { late: true } }], 1, metadata()).then(
      () => 'written',
      (error: unknown) => error,
    );
    const others = await Promise.race([
      Promise.all(Array.from({ length: 6 }, (_, i) => lanes.append(`gc-${run}-free-${i}`, [{ type: 'Opened', data: {} }], 'no-stream', metadata()))),
      new Promise<'stuck'>((resolve) => setTimeout(() => resolve('stuck'), 5_000)),
    ]);
    release();
    await importing;
    expect(others).not.toBe('stuck');
    expect((others as { nextExpectedVersion: number }[]).map((r) => r.nextExpectedVersion)).toEqual([1, 1, 1, 1, 1, 1]);
    // The append that waited on the import's row finds the version it expected gone.
    expect(await blocked).toBeInstanceOf(ConcurrencyError);
    await lanes.close();
  });

  it('appends without a batchable expectation (any, stream-exists) still go on their own statement', async () => {
    const id = `gc-any-${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => store.append(id, [{ type: 'A', data: {} }], 'any', metadata())));
    expect(new Set(results.map((r) => r.nextExpectedVersion)).size).toBe(10);
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(10);
  });
});
