/** reminders-domain: the spending-plan checkpoint calendar and the reminder policy (pure). */
export * from './checkpoint-calendar';
export * from './reminder-jobs';
export * from './reminder-policy';
export * from './delivery-retry';
