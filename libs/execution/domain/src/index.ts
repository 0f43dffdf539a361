/** execution-domain: the pure side of 预算执行 and 绩效运行监控 (双监控) — payments, indicator progress, monitoring figures. */
export * from './errors';
export * from './fiscal-calendar';
export * from './approved-budget';
export * from './execution-events';
export * from './ledger';
export * from './payment-entry';
export * from './decide';
export * from './indicator-status';
export * from './monitoring';
