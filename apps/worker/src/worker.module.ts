import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { ServiceConfig } from '@budgetflow/config';
import { CLOCK, EVENT_STORE, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/budget-application';
import { PostgresEventStore, ProjectionRunner, type SqlClient, createSqlClient, runMigrations } from '@budgetflow/event-store';
import { ExecutionModule, executionMonitoringProjection } from '@budgetflow/execution-application';
import { RemindersModule, reminderPlanProjection } from '@budgetflow/reminders-application';

@Injectable()
class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    await this.sql.close();
  }
}

/**
 * The worker's share of the store: Postgres (`DATABASE_URL`), and the read models reminders need — the plan
 * it follows and the execution figures it reads. (An api instance may lead them; one leader per projection.)
 */
@Global()
@Module({})
class WorkerPersistenceModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: WorkerPersistenceModule,
      providers: [
        {
          provide: SQL_CLIENT,
          useFactory: async (): Promise<SqlClient> => {
            const sql = await createSqlClient({ kind: 'pg', connectionString: config.databaseUrl!, schema: config.databaseSchema, applicationName: 'budgetflow-worker' });
            await runMigrations(sql);
            return sql;
          },
        },
        { provide: EVENT_STORE, inject: [SQL_CLIENT], useFactory: (sql: SqlClient) => new PostgresEventStore(sql) },
        {
          provide: PROJECTION_RUNNER,
          inject: [SQL_CLIENT, EVENT_STORE],
          useFactory: (sql: SqlClient, store: PostgresEventStore) => new ProjectionRunner({ sql, store, projections: [reminderPlanProjection, executionMonitoringProjection] }),
        },
        { provide: CLOCK, useValue: () => new Date() },
        WorkerLifecycle,
      ],
      exports: [SQL_CLIENT, EVENT_STORE, CLOCK, PROJECTION_RUNNER],
    };
  }
}

/** `apps/worker`: the reminder planner and the BullMQ processors, no HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        WorkerPersistenceModule.forRoot(config),
        ExecutionModule,
        RemindersModule.forRoot({ ...config, reminders: { ...config.reminders, runWorker: true } }),
      ],
    };
  }
}
