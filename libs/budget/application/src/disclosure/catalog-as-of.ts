import type { Checkpoint, EventStore, ProjectionContext, RecordedEvent } from '@budgetflow/event-store';
import type { YearCatalog } from '../catalog/catalog-entries';
import { CatalogService, catalogStreamId } from '../catalog/catalog.service';
import { eventsAsOf } from './stream-as-of';

/**
 * The year's catalog as it stood at a point of the global order: the starter catalog plus the catalog events up
 * to and including `asOf`. Projections render names with it, so a rebuild, which replays the same events in the
 * same order, renders the same names whatever its batch boundaries are.
 *
 * It reuses `CatalogService` (the one place that knows how a year's catalog is merged) over a view of the
 * catalog stream read through the event-store port (`ctx.store`). The stream's events are kept in `ctx.memo`
 * and read on only when its head has moved (one index look-up per render, as the count it replaces), or never
 * again in the lead when the projection follows the catalog streams through its batches (`followStreams`). Catalog
 * events are a stream, so the events up to a point are a prefix of it and their count identifies that prefix:
 * the service's per-version cache stays right.
 */
export class CatalogAsOf {
  private visible: readonly RecordedEvent[] | undefined;
  private readonly catalogs = new CatalogService(this.eventsView());

  /** `followed`: the caller passes each of its batches to `followStreams` for the catalog streams (see `eventsAsOf`). */
  async forYear(ctx: Pick<ProjectionContext, 'store' | 'memo'>, fiscalYear: number, asOf: Checkpoint, options: { followed?: boolean } = {}): Promise<YearCatalog> {
    this.visible = await eventsAsOf(ctx, catalogStreamId(fiscalYear), asOf, options);
    try {
      return await this.catalogs.forYear(fiscalYear);
    } finally {
      this.visible = undefined;
    }
  }

  private eventsView(): EventStore {
    const visible = (): readonly RecordedEvent[] => {
      if (!this.visible) throw new Error('CatalogAsOf read outside forYear');
      return this.visible;
    };
    const view: Pick<EventStore, 'streamVersion' | 'readStream'> = {
      streamVersion: async () => visible().length,
      readStream: async () => [...visible()],
    };
    // CatalogService reads nothing else of the store, and only the year's catalog stream.
    return view as EventStore;
  }
}
