import { type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { type EventStore, PostgresEventStore, type SqlClient } from '@budgetflow/event-store';
import { createPgliteTestDatabase, type TestDatabase } from './test-schema';

export interface UseCaseWorld {
  store: EventStore;
  module: TestingModule;
  close(): Promise<void>;
}

/**
 * A bounded context's routes, command bus and handlers over an in-process store, without an HTTP server: what
 * application-layer specs run a route's method against. `ports` binds the tokens the context needs (`EVENT_STORE`
 * gets the store; the clock and other contexts' ports come from the spec).
 */
export async function createUseCaseWorld(options: {
  controllers: Type[];
  providers: Provider[];
  ports: (store: EventStore) => Provider[];
  imports?: Array<Type | DynamicModule>;
}): Promise<UseCaseWorld> {
  const db: TestDatabase<SqlClient> = await createPgliteTestDatabase();
  const store = new PostgresEventStore(db.sql);
  const module = await Test.createTestingModule({
    imports: [CqrsModule, ...(options.imports ?? [])],
    controllers: options.controllers,
    providers: [...options.providers, ...options.ports(store)],
  }).compile();
  await module.init();
  return {
    store,
    module,
    close: async () => {
      await module.close();
      await store.close();
      await db.drop();
    },
  };
}
