/** reminders-application: the planner, schedulers, delivery channels and routes of spending-plan reminders. */
export * from './tokens';
export * from './reminders-options';
export * from './reminders.module';
export * from './execution-figures/execution-figures.port';
export * from './scheduling/reminder-scheduler.port';
export * from './scheduling/in-process-scheduler';
export * from './scheduling/bullmq-scheduler';
export { reminderPlanProjection, REMINDER_PLAN, REMINDER_PLAN_REVISION } from './planning/reminder-plan.projection';
export { ReminderPlanner, type ReconcileOutcome } from './planning/reminder-planner';
export { ReminderFiring } from './firing/reminder-firing';
export { signWebhookBody, verifyWebhookSignature, SIGNATURE_HEADER } from './delivery/webhook-signature';
export type { MailSender, MailMessage } from './delivery/email-channel';
export { QUEUE_DASHBOARD_PATH, DASHBOARD_TOKEN_COOKIE } from './dashboard/queue-dashboard';
export { checkWebhookUrl, isAllowedAddress, parseWebhookAllowList, resolveWebhookTarget, type WebhookAllowList } from './delivery/webhook-target';
export { WebhookChannel, type WebhookEndpoint } from './delivery/webhook-channel';
