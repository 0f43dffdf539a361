/** 站内消息 of `GET /v1/notifications`: reminders, warnings and digests, read or not by the caller. */
export interface NotificationView {
  id: string;
  reminderKey: string;
  kind: string;
  title: string;
  body: string;
  figures: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

export interface Inbox {
  notifications: NotificationView[];
}

/** 提醒设置 (`GET`/`PUT /v1/reminder-settings`): lead times, confirmations for departments on plan, channels. */
export interface ReminderSettings {
  leadDays: number[];
  confirmOnPlan: boolean;
  channels: { inbox: boolean; email: boolean; webhook: boolean };
  updatedBy?: string;
  updatedAt?: string;
}
