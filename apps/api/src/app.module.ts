import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { ServiceConfig } from '@budgetflow/config';
import { BUDGET_PROBLEM_MAPPERS, BudgetApplicationModule, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/budget-application';
import { AuthGuard, TOKEN_VERIFIER, loadOrCreateLocalKey, localTokenVerifier, oidcTokenVerifier } from '@budgetflow/http';
import type { ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { SecurityModule } from '@budgetflow/security';
import { ExecutionModule } from '@budgetflow/execution-application';
import { RemindersModule } from '@budgetflow/reminders-application';
import { HEALTH_PROBES, HealthController, type HealthProbe } from './health/health.controller';
import { APP_CONFIG, PROBLEM_MAPPERS } from './http/http-tokens';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { RetentionSweeper } from './http/retention';
import { logStream } from './http/log-destination';
import { PersistenceModule, READ_MODEL_PROJECTIONS } from '@budgetflow/runtime';
import { WebConsoleModule } from './web/web-console.module';

export const CONFIG = Symbol('CONFIG');

@Module({})
export class AppModule {
  static readonly PROBLEM_MAPPERS = PROBLEM_MAPPERS;

  static forRoot(config: ServiceConfig, extra: Array<Type | DynamicModule> = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request) => (request as { id?: string }).id ?? 'unknown',
            // Tokens never reach the logs.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            customProps: (request) => ({ actor: (request as { actor?: { userId: string; role: string } }).actor?.userId }),
            autoLogging: { ignore: (request) => request.url === '/health' },
            ...logStream(config),
          },
        }),
        PersistenceModule.forRoot(config),
        BudgetApplicationModule,
        ExecutionModule,
        RemindersModule.forRoot(config),
        WebConsoleModule.forRoot(config),
        SecurityModule.forRoot({ sqlClient: SQL_CLIENT }),
        ...extra,
      ],
      controllers: [HealthController],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: APP_CONFIG, useValue: config },
        RetentionSweeper,
        {
          provide: TOKEN_VERIFIER,
          useFactory: async () =>
            config.auth.issuer && config.auth.jwksUrl
              ? oidcTokenVerifier(config.auth.issuer, config.auth.audience, config.auth.jwksUrl)
              : localTokenVerifier((await loadOrCreateLocalKey(config.dataDir)).publicKey, config.auth.audience),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: AppModule.PROBLEM_MAPPERS, useValue: BUDGET_PROBLEM_MAPPERS },
        {
          provide: HEALTH_PROBES,
          inject: [SQL_CLIENT, PROJECTION_RUNNER],
          useFactory: (sql: SqlClient, runner: ProjectionRunner): HealthProbe[] => [
            {
              name: 'event-store',
              check: async () => {
                await sql.query('SELECT 1 FROM events LIMIT 1');
                return { ok: true, detail: { backend: sql.kind } };
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
