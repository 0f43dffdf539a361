// The in-memory adapter of the event store port (tests; the second, non-SQL implementation).
export { InMemoryEventStore, InMemoryEventLog, type InMemoryEventStoreOptions } from './in-memory-event-store';
