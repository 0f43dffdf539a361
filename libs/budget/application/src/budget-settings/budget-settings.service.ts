import { Inject, Injectable } from '@nestjs/common';
import {
  type BudgetYearSettings,
  type ChangeBudgetYearSettings,
  DEFAULT_BUDGET_YEAR_SETTINGS,
  budgetYearSettingsOf,
  budgetYearSettingsStreamId,
  decideBudgetYearSettings,
} from '@budgetflow/budget-domain';
import type { EventStore } from '@budgetflow/event-store';
import { type CommandInput, EVENT_STORE, EventSourcedStreams } from '@budgetflow/platform';

interface SettingsState {
  settings: BudgetYearSettings;
  version: number;
}

/** Finance's per-year budget settings (项目须入库 …), kept as events in `settings-budget-{year}`. */
@Injectable()
export class BudgetSettingsService {
  private readonly streams: EventSourcedStreams<SettingsState>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.streams = new EventSourcedStreams<SettingsState>(store, {
      initial: () => ({ settings: DEFAULT_BUDGET_YEAR_SETTINGS, version: 0 }),
      fold: (events, from) => ({ settings: budgetYearSettingsOf(events, from.settings), version: from.version + events.length }),
      versionOf: (state) => state.version,
      cacheWeight: 50,
    });
  }

  async current(fiscalYear: number): Promise<{ settings: BudgetYearSettings; version: number }> {
    return this.streams.state(budgetYearSettingsStreamId(fiscalYear));
  }

  /** For a command: unless `fresh`, the settings this process has folded (the command's append checks their version). */
  async forCommand(fiscalYear: number, fresh: boolean): Promise<{ settings: BudgetYearSettings; version: number }> {
    return this.streams.forCommand(budgetYearSettingsStreamId(fiscalYear), fresh);
  }

  async change(fiscalYear: number, command: ChangeBudgetYearSettings, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date) {
    const outcome = await this.streams.handle(budgetYearSettingsStreamId(fiscalYear), (state) => decideBudgetYearSettings(command, state.settings), {
      metadata: input.metadata(now),
      expectedVersion: input.ifMatch,
    });
    return { settings: outcome.after.settings, changed: outcome.events.length > 0, version: outcome.version, ...(outcome.position ? { position: outcome.position } : {}) };
  }
}
