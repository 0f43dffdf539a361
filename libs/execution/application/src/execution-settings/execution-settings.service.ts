import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@budgetflow/event-store';
import {
  type ChangeExecutionSettings,
  DEFAULT_EXECUTION_SETTINGS,
  type ExecutionSettings,
  type ExecutionSettingsChanged,
  decideSettings,
  executionSettingsStreamId,
} from '@budgetflow/execution-domain';
import { type CommandInput, EVENT_STORE, EventSourcedStreams } from '@budgetflow/platform';

interface SettingsState {
  settings: ExecutionSettings;
  version: number;
}

/** Finance's per-year settings (超支控制方式, 预警阈值), kept as events in `settings-execution-{year}`. */
@Injectable()
export class ExecutionSettingsService {
  private readonly streams: EventSourcedStreams<SettingsState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new EventSourcedStreams<SettingsState>(store, {
      initial: () => ({ settings: DEFAULT_EXECUTION_SETTINGS, version: 0 }),
      // Each change carries the whole settings: the last one stands.
      fold: (events, from) => ({ settings: (events[events.length - 1] as ExecutionSettingsChanged | undefined)?.data ?? from.settings, version: from.version + events.length }),
      versionOf: (state) => state.version,
      cacheWeight: 200,
    });
  }

  async current(fiscalYear: number): Promise<ExecutionSettings> {
    return (await this.streams.state(executionSettingsStreamId(fiscalYear))).settings;
  }

  async change(fiscalYear: number, command: ChangeExecutionSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date) {
    const outcome = await this.streams.handle(executionSettingsStreamId(fiscalYear), (state) => decideSettings(command, state.settings), {
      metadata: input.metadata(now),
      expectedVersion: input.ifMatch,
    });
    return { settings: outcome.after.settings, changed: outcome.events.length > 0, version: outcome.version };
  }
}
