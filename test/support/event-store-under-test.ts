/**
 * Which event store the app-level suites run on. `TEST_EVENT_STORE=memory` puts the events in the in-memory
 * adapter while read models and checkpoints stay in the test's Postgres schema — the arrangement of KurrentDB
 * mode. Its `events` table then stays empty, so a read model that still queried it would fail its suite.
 * `npm test` runs the read-model suites once more this way (see package.json).
 */
export const eventStoreUnderTest = (): 'postgres' | 'memory' => (process.env['TEST_EVENT_STORE'] === 'memory' ? 'memory' : 'postgres');

/** The environment that selects it for `loadConfig` (the in-memory store is refused outside tests). */
export const eventStoreEnv = (): Record<string, string> => (eventStoreUnderTest() === 'memory' ? { EVENT_STORE: 'memory', NODE_ENV: 'test' } : {});
