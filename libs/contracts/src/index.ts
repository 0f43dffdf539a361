/**
 * @budgetflow/contracts — the API's request and response shapes, once: the server builds its answers as these
 * types and the web console imports them (`import type`), so neither side can drift without `tsc` saying so.
 * Types and constant lists only; nothing here imports anything else.
 */
export * from './problem';
export * from './roles';
export * from './budget-content';
export * from './budget';
export * from './budget-requests';
export * from './commands';
export * from './execution';
export * from './reminders';
export * from './accounts';
