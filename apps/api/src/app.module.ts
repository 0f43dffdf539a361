import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ServiceConfig } from '@budgetflow/platform';
import { BudgetApplicationModule, EXECUTION_ACTUALS } from '@budgetflow/budget-application';
import { AuthGuard, EVENT_STORE, TOKEN_VERIFIER, loadOrCreateLocalKey, localTokenVerifier, oidcTokenVerifier, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import type { EventStore, ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { SecurityModule } from '@budgetflow/security';
import { ExecutionModule } from '@budgetflow/execution-application';
import { RemindersModule } from '@budgetflow/reminders-application';
import { HEALTH_PROBES, HealthController, type HealthProbe } from './health/health.controller';
import { APP_CONFIG } from './http/http-tokens';
import { IdempotencyGuard } from './http/idempotency.guard';
import { RetentionSweeper } from './http/retention';
import { PersistenceModule } from '@budgetflow/platform';
import { ApprovedBudgetsFromBudgetStreams, ExecutionActualsFromExecutionStreams, MonitoringExecutionFigures, READ_MODEL_PROJECTIONS } from '@budgetflow/context-map';
import { WebConsoleModule } from './web/web-console.module';
import { AccountsModule } from '@budgetflow/accounts';

export const CONFIG = Symbol('CONFIG');

@Module({})
export class AppModule {

  static forRoot(config: ServiceConfig, extra: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(config, { projections: READ_MODEL_PROJECTIONS }),
        BudgetApplicationModule,
        ExecutionModule.forRoot({ approvedBudgets: ApprovedBudgetsFromBudgetStreams, imports: [BudgetApplicationModule] }),
        RemindersModule.forRoot(config, { executionFigures: MonitoringExecutionFigures }),
        WebConsoleModule.forRoot(config),
        SecurityModule.forRoot({ sqlClient: SQL_CLIENT, eventStore: EVENT_STORE, projectionRunner: PROJECTION_RUNNER }),
        AccountsModule.forRoot(config, { sqlClient: SQL_CLIENT }),
        ...extra,
      ],
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: APP_CONFIG, useValue: config },
        RetentionSweeper,
        // Execution → budget (调剂 sources, 年终结账, 决算): looked up by the budget context's handler and final accounts.
        { provide: EXECUTION_ACTUALS, useClass: ExecutionActualsFromExecutionStreams },
        {
          provide: TOKEN_VERIFIER,
          useFactory: async () =>
            config.auth.issuer && config.auth.jwksUrl
              ? oidcTokenVerifier(config.auth.issuer, config.auth.audience, config.auth.jwksUrl, { role: config.auth.roleClaim, department: config.auth.departmentClaim })
              : localTokenVerifier((await loadOrCreateLocalKey(config.dataDir)).publicKey, config.auth.audience),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        // After the caller is known (AuthGuard first); its onSend half is hooked in create-app.
        IdempotencyGuard,
        { provide: APP_GUARD, useExisting: IdempotencyGuard },
        {
          provide: HEALTH_PROBES,
          inject: [SQL_CLIENT, PROJECTION_RUNNER, EVENT_STORE],
          useFactory: (sql: SqlClient, runner: ProjectionRunner, store: EventStore): HealthProbe[] => [
            {
              name: 'event-store',
              check: async () => {
                // Through the port: the store that holds the events answers, whichever it is.
                await store.head();
                return { ok: true, detail: { backend: config.eventStore === 'postgres' ? sql.kind : config.eventStore } };
              },
            },
            {
              // Ready only while every read model is within the configured bound of the event store.
              name: 'projections',
              check: async () => {
                // Every read model, whether this process leads it or another one (RUN_PROJECTIONS=false) does.
                const modes = new Map(runner.status().map((status) => [status.name, status.mode]));
                const lags = await Promise.all(
                  READ_MODEL_PROJECTIONS.map(async ({ name }) => ({ name, mode: modes.get(name) ?? 'elsewhere', ...(await runner.lag(name)) })),
                );
                const ok = lags.every((lag) => lag.secondsBehind <= config.healthMaxLagSeconds);
                // leader/checkpoint: which instance runs each projection (multi-instance operation, failover).
                const statuses = new Map(runner.status().map((status) => [status.name, status]));
                const checkpointOf = (name: string) => {
                  const checkpoint = statuses.get(name)?.checkpoint;
                  return checkpoint ? { transactionId: checkpoint.transactionId.toString(), globalPosition: checkpoint.globalPosition.toString() } : null;
                };
                return {
                  ok,
                  detail: Object.fromEntries(
                    lags.map((lag) => [lag.name, { mode: lag.mode, leader: statuses.get(lag.name)?.leader ?? false, checkpoint: checkpointOf(lag.name), eventsBehind: lag.eventsBehind, secondsBehind: lag.secondsBehind }]),
                  ),
                };
              },
            },
          ],
        },
      ],
    };
  }
}
