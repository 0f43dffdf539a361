import { PostgresEventStore } from '@budgetflow/event-store';
import { createTestSchema } from '@budgetflow/testing';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('Postgres (pg)', async () => {
  const db = await createTestSchema();
  return {
    createStore: (options) => new PostgresEventStore(db.sql, { upcasters: options?.upcasters }),
    dispose: () => db.drop(),
  };
});
