/** execution-application: 预算执行与绩效运行监控 (双监控) — routes, command handling, the monitoring read model. */
export * from './execution.module';
export { APPROVED_BUDGETS, type ApprovedBudgets, type ApprovedYear, HandleExecutionCommand } from './execution-commands/execution-commands';
export { inForceOf } from './monitoring/execution-monitoring.projection';
export * from './monitoring/execution-monitoring.projection';
export * from './monitoring/monitoring-table.xlsx';
export { MonitoringReader } from './monitoring/monitoring-reader';
