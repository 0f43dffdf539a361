import { type DynamicModule, Module } from '@nestjs/common';
import type { ServiceConfig } from '@budgetflow/platform';
import { ExecutionModule } from '@budgetflow/execution-application';
import { RemindersModule } from '@budgetflow/reminders-application';
import { PersistenceModule } from '@budgetflow/platform';
import { ApprovedBudgetsFromBudgetStreams, MonitoringExecutionFigures, READ_MODEL_PROJECTIONS } from '@budgetflow/context-map';
import { BudgetApplicationModule } from '@budgetflow/budget-application';

/**
 * `apps/worker`: the reminder planner, the BullMQ processors and (unless `RUN_PROJECTIONS=false`) the read-model
 * projections, no HTTP. api instances started with `RUN_PROJECTIONS=false` leave the projections to it.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot(config, { projections: READ_MODEL_PROJECTIONS, applicationName: 'budgetflow-worker' }),
        ExecutionModule.forRoot({ approvedBudgets: ApprovedBudgetsFromBudgetStreams, imports: [BudgetApplicationModule] }),
        RemindersModule.forRoot({ ...config, reminders: { ...config.reminders, runWorker: true } }, { executionFigures: MonitoringExecutionFigures }),
      ],
    };
  }
}
