import type { EventStore, NewEvent } from '@budgetflow/event-store';
import type { Clock } from '../ports/tokens';
import type { CommandInput } from './command-input';
import { EventSourcedStreams } from './event-sourced-streams';

/** How a kind of settings folds: what stands before any change, and the settings after stored changes. */
export interface SettingsModel<Settings> {
  initial: Settings;
  fold: (events: readonly { type: string; data: unknown }[], from: Settings) => Settings;
  /** Bound of the fold cache: how many settings streams (years) are kept folded (default 200). */
  cacheWeight?: number;
}

/** Settings the way they are kept as events, and the stream version that `If-Match` names. */
export interface SettingsState<Settings> {
  settings: Settings;
  version: number;
}

/** What a settings change answers: the settings as they now stand, whether anything was appended, the ETag. */
export interface SettingsChange<Settings> extends SettingsState<Settings> {
  changed: boolean;
  /** Global position of the change (`?after=`); absent when nothing changed. */
  position?: string;
}

/** Each change carries the whole settings: the last one stands. */
export const lastChangeStands =
  <Settings>(events: readonly { data: unknown }[], from: Settings): Settings =>
    events.length === 0 ? from : (events[events.length - 1]!.data as Settings);

/**
 * Settings kept as events — one stream per fiscal year (disclosure, execution monitoring) or one for the whole
 * service (reminders) — read from the cached fold and changed through the command primitive with `If-Match`;
 * each change is stamped with the request's metadata at the injected clock's time.
 */
export class SettingsStreams<Settings> {
  private readonly streams: EventSourcedStreams<SettingsState<Settings>>;

  constructor(
    store: EventStore,
    private readonly clock: Clock,
    model: SettingsModel<Settings>,
  ) {
    this.streams = new EventSourcedStreams<SettingsState<Settings>>(store, {
      initial: () => ({ settings: model.initial, version: 0 }),
      fold: (events, from) => ({ settings: model.fold(events, from.settings), version: from.version + events.length }),
      versionOf: (state) => state.version,
      cacheWeight: model.cacheWeight ?? 200,
    });
  }

  current(streamId: string): Promise<SettingsState<Settings>> {
    return this.streams.state(streamId);
  }

  /** For a command: unless `fresh`, the settings this process last folded (the command's append checks their version). */
  forCommand(streamId: string, fresh: boolean): Promise<SettingsState<Settings>> {
    return this.streams.forCommand(streamId, fresh);
  }

  /** Decides on the settings as they stand; a decision with no events (the same settings again) appends nothing. */
  async change(streamId: string, decide: (settings: Settings, now: Date) => readonly NewEvent[], input: Pick<CommandInput, 'metadata' | 'ifMatch'>): Promise<SettingsChange<Settings>> {
    const now = this.clock();
    const outcome = await this.streams.handle(streamId, (state) => decide(state.settings, now), { metadata: input.metadata(now), expectedVersion: input.ifMatch });
    return { settings: outcome.after.settings, changed: outcome.events.length > 0, version: outcome.version, ...(outcome.position ? { position: outcome.position } : {}) };
  }
}
