import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@budgetflow/event-store';
import { type ChangeExecutionSettings, DEFAULT_EXECUTION_SETTINGS, type ExecutionSettings, decideSettings, executionSettingsStreamId } from '@budgetflow/execution-domain';
import { CLOCK, type Clock, type CommandInput, EVENT_STORE, SettingsStreams, lastChangeStands } from '@budgetflow/platform';

/** Finance's per-year settings (超支控制方式, 预警阈值), kept as events in `settings-execution-{year}`. */
@Injectable()
export class ExecutionSettingsService {
  private readonly streams: SettingsStreams<ExecutionSettings>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    // Each change (ExecutionSettingsChanged) carries the whole settings.
    this.streams = new SettingsStreams<ExecutionSettings>(store, clock, { initial: DEFAULT_EXECUTION_SETTINGS, fold: lastChangeStands });
  }

  async current(fiscalYear: number): Promise<ExecutionSettings> {
    return (await this.streams.current(executionSettingsStreamId(fiscalYear))).settings;
  }

  /** For a command: unless `fresh`, the settings this process has folded, and the version a command's append checks. */
  async forCommand(fiscalYear: number, fresh: boolean): Promise<{ settings: ExecutionSettings; version: number }> {
    return this.streams.forCommand(executionSettingsStreamId(fiscalYear), fresh);
  }

  async change(fiscalYear: number, command: ChangeExecutionSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>) {
    const { settings, changed, version } = await this.streams.change(executionSettingsStreamId(fiscalYear), (current) => decideSettings(command, current), input);
    return { settings, changed, version };
  }
}
