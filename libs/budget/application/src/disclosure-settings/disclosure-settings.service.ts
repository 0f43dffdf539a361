import { Inject, Injectable } from '@nestjs/common';
import {
  type ChangeDisclosureSettings,
  DEFAULT_DISCLOSURE_SETTINGS,
  type DisclosureSettings,
  decideDisclosureSettings,
  disclosureSettingsOf,
  disclosureSettingsStreamId,
} from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { type CommandInput, EVENT_STORE, EventSourcedStreams } from '@budgetflow/platform';

interface SettingsState {
  settings: DisclosureSettings;
  version: number;
}

/** Finance's per-year disclosure settings (打印取整方式), kept as events in `settings-disclosure-{year}`. */
@Injectable()
export class DisclosureSettingsService {
  private readonly streams: EventSourcedStreams<SettingsState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new EventSourcedStreams<SettingsState>(store, {
      initial: () => ({ settings: DEFAULT_DISCLOSURE_SETTINGS, version: 0 }),
      fold: (events, from) => ({ settings: disclosureSettingsOf(events, from.settings), version: from.version + events.length }),
      versionOf: (state) => state.version,
      cacheWeight: 50,
    });
  }

  async current(fiscalYear: number): Promise<{ settings: DisclosureSettings; version: number }> {
    return this.streams.state(disclosureSettingsStreamId(fiscalYear));
  }

  async change(fiscalYear: number, command: ChangeDisclosureSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date) {
    const outcome = await this.streams.handle(disclosureSettingsStreamId(fiscalYear), (state) => decideDisclosureSettings(command, state.settings), {
      metadata: input.metadata(now),
      expectedVersion: input.ifMatch,
    });
    return { settings: outcome.after.settings, changed: outcome.events.length > 0, version: outcome.version, ...(outcome.position ? { position: outcome.position } : {}) };
  }
}
