export { EXECUTION_ACTUALS, type ExecutionActuals, type ExecutionActualsOfYear, type IndicatorActual } from './execution-actuals.port';
