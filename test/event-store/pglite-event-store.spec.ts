import { PostgresEventStore } from '@budgetflow/event-store';
import { createPgliteTestDatabase } from '@budgetflow/testing';
import { describeEventStoreContract } from './event-store.contract';

describeEventStoreContract('PGlite (in-process)', async () => {
  const db = await createPgliteTestDatabase();
  return {
    createStore: (options) => new PostgresEventStore(db.sql, { upcasters: options?.upcasters }),
    dispose: () => db.drop(),
  };
});
