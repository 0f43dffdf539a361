/** Injection tokens of the reminders module. */
/** `ExecutionFigures`: the latest execution figures (payments against the plan) a firing reminder reads. */
export const EXECUTION_FIGURES = Symbol('EXECUTION_FIGURES');
/** `ReminderScheduler`: BullMQ when `REDIS_URL` is set, the in-process scheduler otherwise. */
export const REMINDER_SCHEDULER = Symbol('REMINDER_SCHEDULER');
/** `RemindersOptions`, derived from the service configuration. */
export const REMINDERS_OPTIONS = Symbol('REMINDERS_OPTIONS');
/** `MailSender`: nodemailer over `SMTP_URL`; absent → no email. */
export const MAIL_SENDER = Symbol('MAIL_SENDER');
