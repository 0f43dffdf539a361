/**
 * @budgetflow/contracts — the API's request and response shapes, once: the server builds its answers as these
 * types and the web console imports them (`import type`), so neither side can drift without `tsc` saying so.
 * Each shape is a TypeBox schema (JSON Schema: it validates requests and is the OpenAPI document's named schema) and
 * its `Static<>` type of the same name; nothing here imports anything but TypeBox.
 */
export * from './schema';
export * from './problem';
export * from './roles';
export * from './budget-content';
export * from './budget';
export * from './budget-requests';
export * from './commands';
export * from './execution';
export * from './reminders';
export * from './accounts';
export * from './year-settings';
export * from './service';
export * from './client';
export * from './year-end';
