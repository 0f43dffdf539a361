import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { SECURITY_EVENT_SINK } from '@budgetflow/platform';
import { AuditReader } from './audit/audit-reader';
import { AuditController } from './audit/audit.http';
import { SecurityEventRecorder } from './security-events/security-event-recorder';

@Injectable()
class SecurityLifecycle implements OnApplicationShutdown {
  constructor(@Inject(SECURITY_EVENT_SINK) private readonly recorder: SecurityEventRecorder) {}

  /** Lets the last failed-login / refusal records land before the store closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.recorder.settled();
  }
}

/**
 * Audit and security events: `GET /v1/audit` and the sink the auth guard and the problem filter write to.
 * `sqlClient` is the app's SQL client token (the store this module reads and writes); `eventStore` and
 * `projectionRunner` the tokens of the event store and the runner that keeps the audit trail
 * (`auditTrailProjection`, which the app must run).
 */
@Global()
@Module({})
export class SecurityModule {
  static forRoot(options: { sqlClient: symbol | string; eventStore: symbol | string; projectionRunner: symbol | string }): DynamicModule {
    return {
      module: SecurityModule,
      controllers: [AuditController],
      providers: [
        {
          provide: AuditReader,
          inject: [options.sqlClient, options.eventStore, options.projectionRunner],
          useFactory: (sql: SqlClient, store: EventStore, runner: ProjectionRunner) => new AuditReader(sql, store, runner),
        },
        { provide: SECURITY_EVENT_SINK, inject: [options.sqlClient], useFactory: (sql: SqlClient) => new SecurityEventRecorder(sql) },
        SecurityLifecycle,
      ],
      exports: [SECURITY_EVENT_SINK],
    };
  }
}
