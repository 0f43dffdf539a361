/** Real Postgres: reads a read model makes of the log without what it never looks at. */
import { PgSqlClient, PostgresEventStore, type Upcaster } from '@budgetflow/event-store';
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
