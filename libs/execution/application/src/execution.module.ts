import { type DynamicModule, Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { APPROVED_BUDGETS, type ApprovedBudgets, ExecutionCommandHandler, ExecutionLedgers } from './execution-commands/execution-commands';
import { ExecutionSettingsController } from './execution-settings/execution-settings.http';
import { ExecutionSettingsService } from './execution-settings/execution-settings.service';
import { CountyMonitoringController, DepartmentMonitoringController } from './monitoring/monitoring.http';
import { MonitoringReader } from './monitoring/monitoring-reader';
import { IndicatorProgressController } from './record-indicator-progress/record-indicator-progress.http';
import { PaymentsController } from './record-payment/record-payment.http';

/**
 * 预算执行与绩效运行监控 (双监控) over HTTP. Needs the platform's persistence (`EVENT_STORE`, `SQL_CLIENT`, `CLOCK`,
 * `PROJECTION_RUNNER`), `executionMonitoringProjection` in the runner's list, and an `ApprovedBudgets` adapter from the
 * app (the budget context implements it; `imports` brings the modules the adapter needs).
 */
@Module({})
export class ExecutionModule {
  static forRoot(options: { approvedBudgets: Type<ApprovedBudgets>; imports?: ModuleMetadata['imports'] }): DynamicModule {
    return {
      module: ExecutionModule,
      imports: [CqrsModule, ...(options.imports ?? [])],
      controllers: [PaymentsController, IndicatorProgressController, ExecutionSettingsController, DepartmentMonitoringController, CountyMonitoringController],
      providers: [ExecutionLedgers, ExecutionCommandHandler, ExecutionSettingsService, MonitoringReader, { provide: APPROVED_BUDGETS, useClass: options.approvedBudgets }],
      exports: [MonitoringReader],
    };
  }
}
