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
import { CLOCK, type Clock, type CommandInput, EVENT_STORE, SettingsStreams } from '@budgetflow/platform';

/** Finance's per-year disclosure settings (打印取整方式), kept as events in `settings-disclosure-{year}`. */
@Injectable()
export class DisclosureSettingsService {
  private readonly streams: SettingsStreams<DisclosureSettings>;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(CLOCK) clock: Clock) {
    this.streams = new SettingsStreams(store, clock, { initial: DEFAULT_DISCLOSURE_SETTINGS, fold: disclosureSettingsOf, cacheWeight: 50 });
  }

  current(fiscalYear: number) {
    return this.streams.current(disclosureSettingsStreamId(fiscalYear));
  }

  change(fiscalYear: number, command: ChangeDisclosureSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>) {
    return this.streams.change(disclosureSettingsStreamId(fiscalYear), (settings) => decideDisclosureSettings(command, settings), input);
  }
}
