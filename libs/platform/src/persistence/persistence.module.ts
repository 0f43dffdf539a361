import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { type DynamicModule, Global, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type EventStore, InMemoryEventStore, KurrentDbEventStore, PostgresEventStore, type Projection, ProjectionRunner, type SqlClient, createSqlClient, runMigrations } from '@budgetflow/event-store';
import { type ServiceConfig, serviceClock } from '../config';
import { CLOCK, EVENT_STORE, PROJECTION_RUNNER, SQL_CLIENT } from '../ports/tokens';
import { ReadModelRows } from './read-model';

const RUN_PROJECTIONS = Symbol('RUN_PROJECTIONS');
/** One line saying where events and read models live, for the start-up log. */
const STORE_SUMMARY = Symbol('STORE_SUMMARY');

/** Starts the projections once the app is up (where this process leads them); stops them, the store and its connections when it stops. */
@Injectable()
class PersistenceLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(RUN_PROJECTIONS) private readonly runProjections: boolean,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(STORE_SUMMARY) private readonly summary: string,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runProjections) this.runner.start();
    new Logger('store').log(`${this.summary}, ${this.runProjections ? 'led from this process while it holds their locks' : 'left to other processes (RUN_PROJECTIONS=false)'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
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
  static forRoot(config: ServiceConfig, options: { projections: readonly Projection[]; applicationName?: string }): DynamicModule {
    return {
      module: PersistenceModule,
      providers: [
        { provide: RUN_PROJECTIONS, useValue: config.runProjections },
        {
          provide: STORE_SUMMARY,
          useValue: `${config.databaseUrl ? `Postgres, schema ${config.databaseSchema}` : `PGlite in ${path.join(config.dataDir, 'pglite')}`}${config.eventStore === 'kurrentdb' ? ' (events in KurrentDB)' : ''}, ${options.projections.length} read models`,
        },
        {
          provide: SQL_CLIENT,
          useFactory: async (): Promise<SqlClient> => {
            if (!config.databaseUrl) mkdirSync(path.join(config.dataDir, 'pglite'), { recursive: true });
            const sql = await createSqlClient(
              config.databaseUrl
                ? { kind: 'pg', connectionString: config.databaseUrl, schema: config.databaseSchema, applicationName: options.applicationName ?? 'budgetflow' }
                : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite'), schema: config.databaseSchema },
            );
            await runMigrations(sql);
            return sql;
          },
        },
        {
          provide: EVENT_STORE,
          inject: [SQL_CLIENT],
          // EVENT_STORE=kurrentdb or memory (tests): events there, read models and projection checkpoints stay in this
          // SQL client. Read models get their events through the port only, so they work on any of them.
          useFactory: (sql: SqlClient): EventStore => {
            if (config.eventStore === 'kurrentdb' && config.kurrentdbUrl) return new KurrentDbEventStore({ connectionString: config.kurrentdbUrl });
            if (config.eventStore === 'memory') return new InMemoryEventStore();
            return new PostgresEventStore(sql);
          },
        },
        {
          provide: PROJECTION_RUNNER,
          inject: [SQL_CLIENT, EVENT_STORE],
          useFactory: (sql: SqlClient, store: EventStore) => new ProjectionRunner({ sql, store, projections: options.projections }),
        },
        // Real time; with CLOCK_START (embedded default only) a demo clock running from that instant.
        { provide: CLOCK, useValue: serviceClock(config) },
        PersistenceLifecycle,
        ReadModelRows,
      ],
      exports: [SQL_CLIENT, EVENT_STORE, CLOCK, PROJECTION_RUNNER, ReadModelRows],
    };
  }
}
