import { type Checkpoint, type EventReader, type EventStore, type Projection, type ProjectionContext, type RecordedEvent, type SqlClient, START } from '@budgetflow/event-store';

/** What one batch of a read model asked: its store reads (`method firstArgument`) and its statements, in order. */
export interface CountedBatch {
  reads: string[];
  statements: string[];
}

/** The store as a projection sees it, each call recorded as `method firstArgument`. */
const countingReads = (store: EventStore, reads: string[]): EventReader =>
  new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        reads.push(`${String(property)} ${String(args[0])}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });

/**
 * One read model applied batch by batch as the projection runner applies it (its tables set up, a memo kept between
 * batches, `lead` starting a new memo as a new leader does), recording what each batch reads and writes: for specs
 * that hold a read model to its reads and statements per batch.
 */
export async function projectionBatches(projection: Projection, sql: SqlClient, store: EventStore) {
  await sql.transaction((tx) => projection.setup!(tx, `_v${projection.version}`));
  let memo = new Map<string, unknown>();
  let checkpoint: Checkpoint = START;
  return {
    lead: () => void (memo = new Map()),
    /** Applies the events after the last batch (those `keep` keeps). */
    async batch(keep: (event: RecordedEvent) => boolean = () => true): Promise<CountedBatch> {
      const read = await store.readAll({ after: checkpoint, types: projection.types });
      checkpoint = read.checkpoint;
      const counted: CountedBatch = { reads: [], statements: [] };
      const ctx: ProjectionContext = {
        name: projection.name,
        version: projection.version,
        tableSuffix: `_v${projection.version}`,
        table: (base) => `${base}_v${projection.version}`,
        checkpoint,
        rebuilding: false,
        memo,
        store: countingReads(store, counted.reads),
      };
      await sql.transaction(async (tx) => {
        const counting: SqlClient = Object.assign(Object.create(tx) as SqlClient, {
          query: (text: string, values?: unknown[]) => {
            counted.statements.push(text);
            return tx.query(text, values);
          },
        });
        await projection.apply(counting, read.events.filter(keep), ctx);
      });
      return counted;
    },
  };
}
