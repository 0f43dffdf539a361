/**
 * The context map: how the bounded contexts meet. Each adapter implements one context's port with another context's
 * public face, and the apps wire them; no context imports another's application library.
 */
export { READ_MODEL_PROJECTIONS } from './read-model-projections';
export { ApprovedBudgetsFromBudgetStreams } from './approved-budgets-for-execution';
export { MonitoringExecutionFigures } from './execution-figures-for-reminders';
export { ExecutionActualsFromExecutionStreams } from './execution-actuals-for-budget';
