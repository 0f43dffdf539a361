/** Real Postgres: reads a read model makes of the log without what it never looks at. */
import { LAG_COUNT_LIMIT, PgSqlClient, PostgresEventStore, START, type Upcaster } from '@budgetflow/event-store';
import { createTestSchema, type TestDatabase } from '@budgetflow/testing';
import { metadata } from './event-store.contract';

describe('PostgresEventStore: reading the log without data', () => {
  let db: TestDatabase<PgSqlClient>;
  let store: PostgresEventStore;
  const upcasted: unknown[] = [];
  const upcaster: Upcaster = {
    type: 'PaymentRecorded',
    fromVersion: 1,
    upcast: (data: unknown) => {
      upcasted.push(data);
      return { typeVersion: 2, data: { ...(data as object), upcast: true } };
    },
  };

  beforeAll(async () => {
    db = await createTestSchema({ max: 2 });
    store = new PostgresEventStore(db.sql, { upcasters: [upcaster] });
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('given events with data, a read withData: false has every field but the data, and runs no upcaster on the missing payload', async () => {
    await store.append('execution-501-2024', [{ type: 'PaymentRecorded', data: { amount: '12.30' } }, { type: 'PaymentRecorded', data: { amount: '4.56' } }], 'no-stream', metadata({ userId: 'clerk' }));
    const full = await store.readAll({ limit: 10 });
    upcasted.length = 0;
    const lean = await store.readAll({ limit: 10, withData: false });
    expect(upcasted).toEqual([]);
    expect(lean.events.map((e) => e.data)).toEqual([null, null]);
    const withoutData = (events: typeof full.events) => events.map((e) => [e.id, e.streamId, e.streamVersion, e.globalPosition, e.transactionId, e.type, e.metadata, e.recordedAt]);
    expect(withoutData(lean.events)).toEqual(withoutData(full.events));
    expect(full.events.map((e) => e.data)).toEqual([{ amount: '12.30', upcast: true }, { amount: '4.56', upcast: true }]);
    expect(lean.checkpoint).toEqual(full.checkpoint);
  });
});

describe('PostgresEventStore: lag of a long log', () => {
  let db: TestDatabase<PgSqlClient>;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestSchema({ max: 2 });
    store = new PostgresEventStore(db.sql);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });

  it('given more events behind than LAG_COUNT_LIMIT, lag stops counting there (a lower bound) and still gives the age; nearer the head it is exact', async () => {
    const total = LAG_COUNT_LIMIT + 7;
    for (let start = 0; start < total; start += 1_000) {
      const count = Math.min(1_000, total - start);
      await store.append(`long-${start}`, Array.from({ length: count }, (_, i) => ({ type: 'Counted', data: { n: start + i } })), 'no-stream', metadata());
    }
    const fromStart = await store.lag(START);
    expect(fromStart.eventsBehind).toBe(LAG_COUNT_LIMIT);
    expect(fromStart.secondsBehind).toBeGreaterThanOrEqual(0);
    // Past the first page of the log (a read returns at most so many): the few events left, counted exactly.
    const page = await store.readAll({ after: START, limit: total - 3 });
    expect(total - page.read).toBeLessThan(100);
    expect(await store.lag(page.checkpoint)).toMatchObject({ eventsBehind: total - page.read });
  });
});
