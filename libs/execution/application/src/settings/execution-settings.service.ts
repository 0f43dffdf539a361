import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '@budgetflow/budget-application';
import type { EventMetadata, EventStore } from '@budgetflow/event-store';
import {
  type ChangeExecutionSettings,
  type ExecutionSettings,
  type ExecutionSettingsChanged,
  decideSettings,
  executionSettingsStreamId,
  settingsFrom,
} from '@budgetflow/execution-domain';

/** Finance's per-year settings (超支控制方式, 预警阈值), kept as events in `settings-execution-{year}`. */
@Injectable()
export class ExecutionSettingsService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  private async load(fiscalYear: number): Promise<{ settings: ExecutionSettings; version: number }> {
    const events = await this.store.readStream(executionSettingsStreamId(fiscalYear));
    return { settings: settingsFrom(events.map((e) => ({ type: e.type, data: e.data }) as ExecutionSettingsChanged)), version: events.length };
  }

  async current(fiscalYear: number): Promise<ExecutionSettings> {
    return (await this.load(fiscalYear)).settings;
  }

  async change(fiscalYear: number, command: ChangeExecutionSettings, metadata: EventMetadata): Promise<{ settings: ExecutionSettings; changed: boolean }> {
    const { settings, version } = await this.load(fiscalYear);
    const events = decideSettings(command, settings);
    if (events.length === 0) return { settings, changed: false };
    await this.store.append(executionSettingsStreamId(fiscalYear), events, version === 0 ? 'no-stream' : version, metadata);
    return { settings: events[events.length - 1].data, changed: true };
  }
}
