// Public face of @budgetflow/event-store.
export * from './event-store.port';
export * from './errors';
export * from './checkpoint';

export type { SqlClient, SqlQueryable, SqlResult, SqlRow, SqlSession, TransactionOptions } from './sql/sql-client';
export { assertIdentifier, quoteIdent } from './sql/sql-client';
export { PgSqlClient, DEFAULT_DATABASE_URL, type PgSqlClientOptions } from './sql/pg-sql-client';
export { PgliteSqlClient, type PgliteSqlClientOptions } from './sql/pglite-sql-client';
export { createSqlClient, type SqlClientConfig } from './sql/create-sql-client';
export { isUnavailableError, mapSqlError } from './sql/map-sql-error';

export { runMigrations, loadMigrations, type Migration, type MigrateOptions } from './migrations/migration-runner';
export { findMigrationsDir } from './migrations/find-migrations-dir';

export { PostgresEventStore, COMMIT_SAFE, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { UpcasterChain } from './postgres/upcaster-chain';
export { MAX_EVENT_PAYLOAD_BYTES } from './postgres/validate-append';
export { EventNotifier } from './postgres/event-notifier';
export type { SubscriptionTiming } from './postgres/catch-up-subscription';

export type { Projection, ProjectionContext } from './projections/projection';
export {
  ProjectionRunner,
  ProjectionFencedError,
  type ProjectionRunnerOptions,
  type ProjectionMode,
  type ProjectionStatus,
} from './projections/projection-runner';
export { projectionLag, projectionCheckpoint, waitForProjection, type ProjectionLag } from './projections/projection-status';
export { activeTableName, activeVersion, versionedTableName, tableSuffix, checkpointKey } from './projections/projection-tables';

export { InMemoryEventStore, InMemoryEventLog, type InMemoryEventStoreOptions } from './memory';
export { KurrentDbEventStore, KurrentNotifier, isKurrentDbReachable, type KurrentDbEventStoreOptions } from './kurrentdb';
