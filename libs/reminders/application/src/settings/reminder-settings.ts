import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, SqlClient, SqlQueryable } from '@budgetflow/event-store';
import { DEFAULT_LEAD_DAYS } from '@budgetflow/reminders-domain';
import { CLOCK, type Clock, type CommandInput, EVENT_STORE, SQL_CLIENT, SettingsStreams, lastChangeStands } from '@budgetflow/platform';
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

/** 提醒设置已修改 — the whole settings as finance or an admin left them. */
export const REMINDER_SETTINGS_CHANGED = 'ReminderSettingsChanged';
export const REMINDER_SETTINGS_STREAM = 'settings-reminders';

/**
 * The reminder settings, kept as events in `settings-reminders` and changed through the command primitive (expected
 * version, If-Match). Installations from before kept them in the `reminder_settings` row: until the first change
 * through the stream, that row (or the defaults) stands.
 */
@Injectable()
export class ReminderSettingsStore {
  /** Undefined until the first change through the stream (then the legacy row, or the defaults, stand). */
  private readonly streams: SettingsStreams<ReminderSettings | undefined>;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) clock: Clock,
  ) {
    this.streams = new SettingsStreams<ReminderSettings | undefined>(store, clock, { initial: undefined, fold: lastChangeStands, cacheWeight: 1 });
  }

  async current(): Promise<ReminderSettings> {
    return (await this.streams.current(REMINDER_SETTINGS_STREAM)).settings ?? (await this.legacy());
  }

  /** The stream's version: how planners in every process notice a change (and what `If-Match` names). */
  version(): Promise<number> {
    return this.store.streamVersion(REMINDER_SETTINGS_STREAM);
  }

  /** Replaces the settings; the same settings again append nothing. */
  async change(next: ReminderSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>): Promise<{ changed: boolean; version: number }> {
    const legacy = await this.legacy();
    const { changed, version } = await this.streams.change(
      REMINDER_SETTINGS_STREAM,
      (settings, now) => {
        const { leadDays, confirmOnPlan, channels } = settings ?? legacy;
        const same = JSON.stringify({ leadDays, confirmOnPlan, channels }) === JSON.stringify({ leadDays: next.leadDays, confirmOnPlan: next.confirmOnPlan, channels: next.channels });
        return same ? [] : [{ type: REMINDER_SETTINGS_CHANGED, data: { ...next, updatedBy: input.metadata(now).userId, updatedAt: now.toISOString() } }];
      },
      input,
    );
    return { changed, version };
  }

  private async legacy(db: SqlQueryable = this.sql): Promise<ReminderSettings> {
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
}
