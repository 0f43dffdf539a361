import { Module } from '@nestjs/common';
import { BudgetApplicationModule } from '@budgetflow/budget-application';
import { IndicatorProgressController } from './indicator-progress/indicator-progress.http';
import { ExecutionLedgerService } from './ledger/execution-ledger.service';
import { CountyMonitoringController, DepartmentMonitoringController } from './monitoring/monitoring.http';
import { MonitoringReader } from './monitoring/monitoring-reader';
import { PaymentsController } from './payments/payments.http';
import { ExecutionSettingsController } from './settings/execution-settings.http';
import { ExecutionSettingsService } from './settings/execution-settings.service';

/**
 * 预算执行与绩效运行监控 (双监控) over HTTP. Needs `EVENT_STORE`, `SQL_CLIENT`, `CLOCK` and `PROJECTION_RUNNER`
 * from the app, and `executionMonitoringProjection` in the runner's list.
 */
@Module({
  imports: [BudgetApplicationModule],
  controllers: [PaymentsController, IndicatorProgressController, ExecutionSettingsController, DepartmentMonitoringController, CountyMonitoringController],
  providers: [ExecutionLedgerService, ExecutionSettingsService, MonitoringReader],
})
export class ExecutionModule {}
