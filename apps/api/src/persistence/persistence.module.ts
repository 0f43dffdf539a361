import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type DynamicModule, Global, Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ServiceConfig } from '@budgetflow/config';
import { CLOCK, EVENT_STORE, SQL_CLIENT } from '@budgetflow/budget-application';
import { PostgresEventStore, type SqlClient, createSqlClient, runMigrations } from '@budgetflow/event-store';

/** Closes the store and its connections when the app stops. */
@Injectable()
class PersistenceLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.sql.close();
  }
}

/**
 * The store behind every port: Postgres through `pg` when `DATABASE_URL` is set, otherwise PGlite in
 * `DATA_DIR` (the embedded default). Migrations run before anything else uses the database.
 */
@Global()
export class PersistenceModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        {
          provide: SQL_CLIENT,
          useFactory: async (): Promise<SqlClient> => {
            if (!config.databaseUrl) mkdirSync(path.join(config.dataDir, 'pglite'), { recursive: true });
            const sql = await createSqlClient(
              config.databaseUrl
                ? { kind: 'pg', connectionString: config.databaseUrl, schema: config.databaseSchema, applicationName: 'budgetflow' }
                : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), schema: config.databaseSchema },
            );
            await runMigrations(sql);
            return sql;
          },
        },
        { provide: EVENT_STORE, inject: [SQL_CLIENT], useFactory: (sql: SqlClient) => new PostgresEventStore(sql) },
        { provide: CLOCK, useValue: () => new Date() },
        PersistenceLifecycle,
      ],
      exports: [SQL_CLIENT, EVENT_STORE, CLOCK],
    };
  }
}
