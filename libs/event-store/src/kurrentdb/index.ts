export { KurrentDbEventStore, KurrentNotifier, isKurrentDbReachable, type KurrentDbEventStoreOptions } from './kurrentdb-event-store';
export { toStreamState, versionOfState, versionOfRevision, checkpointOf, positionOf, mapKurrentError, firstEndpoint } from './kurrentdb-mapping';
