/** execution-domain: the pure side of 预算执行 and 绩效运行监控 (双监控) — payments, indicator progress, monitoring figures. */
export * from './errors';
export * from './fiscal-calendar';
export * from './approved-budget';
export * from './commands/execution-commands';
export * from './events/execution-events';
export * from './ledger';
export * from './payment-entry';
export type { ExecutionContext } from './decide/execution-context';
export { decideExecution } from './decide/decide';
export { decideSettings } from './decide/execution-settings';
export { authorizeExecutionWrite } from './rules/access';
export * from './indicator-status';
export * from './monitoring';
