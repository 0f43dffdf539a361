import { Inject, Injectable } from '@nestjs/common';
import type { SqlClient, SqlQueryable } from '@budgetflow/event-store';
import { DEFAULT_LEAD_DAYS } from '@budgetflow/reminders-domain';
import { SQL_CLIENT } from '@budgetflow/platform';
import type { ReminderSettings } from '@budgetflow/contracts';

/** 提醒设置 (lead times, confirmations for departments on plan, which channels deliver): what the API reads and answers. */
export type { ReminderSettings } from '@budgetflow/contracts';

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = {
  leadDays: [...DEFAULT_LEAD_DAYS],
  confirmOnPlan: false,
  channels: { inbox: true, email: true, webhook: true },
};

interface SettingsRow {
  lead_days: number[];
  confirm_on_plan: boolean;
  inbox_enabled: boolean;
  email_enabled: boolean;
  webhook_enabled: boolean;
  updated_by: string | null;
  updated_at: Date;
}

@Injectable()
export class ReminderSettingsStore {
  constructor(@Inject(SQL_CLIENT) private readonly sql: SqlClient) {}

  async current(db: SqlQueryable = this.sql): Promise<ReminderSettings> {
    const row = (await db.query<SettingsRow>('SELECT * FROM reminder_settings WHERE id = 1')).rows[0];
    if (!row) return DEFAULT_REMINDER_SETTINGS;
    return {
      leadDays: row.lead_days,
      confirmOnPlan: row.confirm_on_plan,
      channels: { inbox: row.inbox_enabled, email: row.email_enabled, webhook: row.webhook_enabled },
      ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async save(settings: ReminderSettings, by: string, at: Date): Promise<void> {
    await this.sql.query(
      `INSERT INTO reminder_settings (id, lead_days, confirm_on_plan, inbox_enabled, email_enabled, webhook_enabled, updated_by, updated_at)
       VALUES (1, $1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (id) DO UPDATE SET lead_days = EXCLUDED.lead_days, confirm_on_plan = EXCLUDED.confirm_on_plan,
         inbox_enabled = EXCLUDED.inbox_enabled, email_enabled = EXCLUDED.email_enabled, webhook_enabled = EXCLUDED.webhook_enabled,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [JSON.stringify(settings.leadDays), settings.confirmOnPlan, settings.channels.inbox, settings.channels.email, settings.channels.webhook, by, at],
    );
  }
}
