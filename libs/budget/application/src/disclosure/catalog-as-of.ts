import type { Checkpoint, EventStore, RecordedEvent, SqlClient } from '@budgetflow/event-store';
import type { YearCatalog } from '../catalog/catalog-entries';
import { CatalogService } from '../catalog/catalog.service';

/**
 * The year's catalog as it stood at a point of the global order: the starter catalog plus the catalog events up
 * to and including `asOf`. Projections render names with it, so a rebuild, which replays the same events in the
 * same order, renders the same names whatever its batch boundaries are.
 *
 * It reuses `CatalogService` (the one place that knows how a year's catalog is merged) over a view of the
 * events table read inside the projection's transaction. Catalog events are a stream, so the events up to a
 * point are a prefix of it and their count identifies that prefix: the service's per-version cache stays right.
 */
export class CatalogAsOf {
  private tx: SqlClient | undefined;
  private asOf: Checkpoint | undefined;
  private readonly catalogs = new CatalogService(this.eventsView());

  async forYear(tx: SqlClient, fiscalYear: number, asOf: Checkpoint): Promise<YearCatalog> {
    this.tx = tx;
    this.asOf = asOf;
    try {
      return await this.catalogs.forYear(fiscalYear);
    } finally {
      this.tx = undefined;
      this.asOf = undefined;
    }
  }

  private eventsView(): EventStore {
    const visible = `stream_id = $1 AND (transaction_id, global_position) <= ($2::text::xid8, $3::bigint)`;
    const args = (streamId: string) => {
      if (!this.tx || !this.asOf) throw new Error('CatalogAsOf read outside forYear');
      return [streamId, this.asOf.transactionId.toString(), this.asOf.globalPosition.toString()];
    };
    const view: Pick<EventStore, 'streamVersion' | 'readStream'> = {
      streamVersion: async (streamId) => {
        const { rows } = await this.tx!.query<{ n: bigint }>(`SELECT count(*) AS n FROM events WHERE ${visible}`, args(streamId));
        return Number(rows[0]?.n ?? 0);
      },
      readStream: async (streamId) => {
        const { rows } = await this.tx!.query<{ type: string; data: unknown }>(
          `SELECT type, data FROM events WHERE ${visible} ORDER BY stream_version`,
          args(streamId),
        );
        return rows.map((row) => ({ type: row.type, data: row.data }) as RecordedEvent);
      },
    };
    // CatalogService reads nothing else of the store.
    return view as EventStore;
  }
}
