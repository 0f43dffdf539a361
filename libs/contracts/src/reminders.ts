import { type Static, Type } from '@sinclair/typebox';
import { Text } from './schema';

/** 站内消息 of `GET /v1/notifications`: reminders, warnings and digests, read or not by the caller. */
export const NotificationView = Type.Object({
  id: Type.String(),
  reminderKey: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  figures: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Type.String(),
  read: Type.Boolean(),
});
export type NotificationView = Static<typeof NotificationView>;

export const Inbox = Type.Object({ notifications: Type.Array(NotificationView) }, { title: 'Inbox', description: '我的站内消息（新的在前）' });
export type Inbox = Static<typeof Inbox>;

/** 提醒设置 (`GET`/`PUT /v1/reminder-settings`): lead times, confirmations for departments on plan, channels. */
export const ReminderSettings = Type.Object(
  {
    leadDays: Type.Array(Type.Integer(), { description: '节点前几天提醒' }),
    confirmOnPlan: Type.Boolean({ description: '进度正常的部门也收到确认' }),
    channels: Type.Object({ inbox: Type.Boolean(), email: Type.Boolean(), webhook: Type.Boolean() }),
    updatedBy: Type.Optional(Type.String()),
    updatedAt: Type.Optional(Type.String()),
    version: Type.Optional(Type.Integer({ description: '（修改的答复）设置的新版本' })),
  },
  { title: 'ReminderSettings', description: '提醒设置：提前天数、渠道' },
);
export type ReminderSettings = Omit<Static<typeof ReminderSettings>, 'version'>;

export const ReminderSettingsRequest = Type.Object(
  {
    leadDays: Type.Array(Type.Integer({ minimum: 1, maximum: 60 }), { maxItems: 5, description: '节点前几天提醒（1–60 的整数，不重复，至多 5 个）', examples: [[7, 3]] }),
    confirmOnPlan: Type.Optional(Type.Boolean({ description: '进度正常的部门也收到确认（默认 false）' })),
    channels: Type.Optional(
      Type.Object(
        { inbox: Type.Optional(Type.Boolean()), email: Type.Optional(Type.Boolean()), webhook: Type.Optional(Type.Boolean()) },
        { additionalProperties: false, description: '渠道开关（省略的渠道为开）' },
      ),
    ),
  },
  { title: 'ReminderSettingsRequest', description: '修改提醒设置（财政、管理员）', additionalProperties: false, examples: [{ leadDays: [7, 3], confirmOnPlan: false, channels: { inbox: true, email: true, webhook: false } }] },
);

const audienceFields = {
  audience: Text(20, { description: 'department（须带 department）| finance | supervisor', examples: ['department'] }),
  department: Type.Optional(Text(32, { description: '部门编码（audience 为 department 时必填）', examples: ['501'] })),
};
const audienceView = { audience: Type.String(), department: Type.Optional(Type.String()) };

export const ContactRequest = Type.Object(
  { ...audienceFields, name: Text(100, { description: '姓名' }), email: Text(254, { description: '邮箱' }) },
  { title: 'ContactRequest', description: '邮件联系人', additionalProperties: false, examples: [{ audience: 'department', department: '501', name: '张会计', email: 'zhang@example.gov.cn' }] },
);
export const ContactView = Type.Object({ id: Type.String(), ...audienceView, name: Type.String(), email: Type.String() }, { title: 'ContactView', description: '邮件联系人' });
export const ContactList = Type.Object({ contacts: Type.Array(ContactView) }, { title: 'ContactList', description: '可管理的邮件联系人' });

export const WebhookRequest = Type.Object(
  { ...audienceFields, url: Text(2000, { description: 'https 地址（私网、回环地址须在 WEBHOOK_ALLOWED_HOSTS 中）' }), secret: Text(200, { description: 'HMAC-SHA256 签名密钥（至少 16 个字符）' }) },
  { title: 'WebhookRequest', description: 'Webhook 订阅', additionalProperties: false, examples: [{ audience: 'finance', url: 'https://hooks.example.gov.cn/budget', secret: '0123456789abcdef' }] },
);
export const WebhookView = Type.Object({ id: Type.String(), ...audienceView, url: Type.String() }, { title: 'WebhookView', description: 'Webhook 订阅（不含密钥）' });
export const WebhookList = Type.Object({ webhooks: Type.Array(WebhookView) }, { title: 'WebhookList', description: '可管理的 Webhook 订阅' });

export const WebhookDeadLetters = Type.Object(
  {
    deadLetters: Type.Array(
      Type.Object({
        reminderKey: Type.String(),
        webhookId: Type.String(),
        url: Type.Union([Type.String(), Type.Null()]),
        attempts: Type.Integer(),
        lastError: Type.Union([Type.String(), Type.Null()]),
        idempotencyKey: Type.String(),
        deadAt: Type.String(),
      }),
    ),
  },
  { title: 'WebhookDeadLetters', description: '投递失败（死信）的 Webhook' },
);
