import { readFileSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@budgetflow/event-store';
import { type CommandInput, EVENT_STORE, EventSourcedStreams, projectPath } from '@budgetflow/platform';
import { CatalogEntries, YearCatalog, parseStarterCatalogCsv } from './catalog-entries';

/** Years that get the shipped starter catalog (observed 2024 codes) before any admin load. */
const STARTER_YEARS = new Set([2024, 2025]);
export const CATALOG_ENTRIES_LOADED = 'CatalogEntriesLoaded';
export const catalogStreamId = (fiscalYear: number) => `catalog-${fiscalYear}`;

/**
 * The classification catalog per fiscal year: the starter catalog merged with every `CatalogEntriesLoaded`
 * event of the year's stream. Cached per year and refreshed when the stream has moved (another instance loaded).
 */
@Injectable()
export class CatalogService {
  private starter?: CatalogEntries;
  private readonly cache = new Map<number, { version: number; catalog: YearCatalog }>();

  /** The year's stream as commands see it: its version (the merged catalog itself comes from `forYear`). */
  private readonly streams: EventSourcedStreams<{ version: number }>;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {
    this.streams = new EventSourcedStreams(store, { initial: () => ({ version: 0 }), fold: (events, from) => ({ version: from.version + events.length }), versionOf: (state) => state.version, cacheWeight: 200 });
  }

  /** The version of the year's catalog stream (`If-Match` of a load). */
  version(fiscalYear: number): Promise<number> {
    return this.store.streamVersion(catalogStreamId(fiscalYear));
  }

  async forYear(fiscalYear: number): Promise<YearCatalog> {
    return (await this.current(fiscalYear)).catalog;
  }

  /**
   * The year's catalog for a command and the version of its stream: unless `fresh`, the one this process has
   * cached, without asking the store (the command's append checks that the stream still stands at that version).
   */
  async forCommand(fiscalYear: number, fresh: boolean): Promise<{ version: number; catalog: YearCatalog }> {
    const cached = fresh ? undefined : this.cache.get(fiscalYear);
    return cached ?? this.current(fiscalYear);
  }

  private async current(fiscalYear: number): Promise<{ version: number; catalog: YearCatalog }> {
    const streamId = catalogStreamId(fiscalYear);
    const version = await this.store.streamVersion(streamId);
    const cached = this.cache.get(fiscalYear);
    if (cached && cached.version === version) return cached;
    const catalog = new YearCatalog(fiscalYear);
    if (STARTER_YEARS.has(fiscalYear)) catalog.merge(this.starterEntries());
    // Read up to the version asked: an entry never claims more than its version says.
    for (const event of await this.store.readStream(streamId, { toVersion: version })) {
      if (event.type === CATALOG_ENTRIES_LOADED) catalog.merge(event.data as CatalogEntries);
    }
    const entry = { version, catalog };
    this.cache.set(fiscalYear, entry);
    return entry;
  }

  /** Merges entries into the year: only what changes a name is appended; loading the same entries again appends nothing. */
  async load(fiscalYear: number, entries: CatalogEntries, input: Pick<CommandInput, 'metadata' | 'ifMatch'>, now: Date) {
    const outcome = await this.streams.handle(
      catalogStreamId(fiscalYear),
      (_stream, current: YearCatalog) => {
        const changed: CatalogEntries = {
          functional: entries.functional.filter((entry) => current.changes('functional', entry)),
          economic: entries.economic.filter((entry) => current.changes('economic', entry)),
        };
        return changed.functional.length + changed.economic.length === 0 ? [] : [{ type: CATALOG_ENTRIES_LOADED, data: changed }];
      },
      { metadata: input.metadata(now), expectedVersion: input.ifMatch, context: () => this.forYear(fiscalYear) },
    );
    return { appended: outcome.events.length > 0, version: outcome.version, catalog: await this.forYear(fiscalYear) };
  }

  private starterEntries(): CatalogEntries {
    this.starter ??= parseStarterCatalogCsv(readFileSync(projectPath('catalog', 'classification-2024-observed.csv'), 'utf8'));
    return this.starter;
  }
}
