import { InMemoryEventLog, InMemoryEventStore } from '@budgetflow/event-store';
import { describeEventStoreContract } from './event-store.contract';

// Every store of one backend shares one log, as the Postgres stores of one test share a database.
describeEventStoreContract('in memory (no SQL)', async () => {
  const log = new InMemoryEventLog();
  return {
    createStore: (options) => new InMemoryEventStore({ log, upcasters: options?.upcasters }),
    dispose: async () => undefined,
  };
});
