import { compareCheckpoints, type Checkpoint, type ProjectionContext, type RecordedEvent } from '@budgetflow/event-store';

/**
 * The events of a small stream (a year's catalog, a year's disclosure settings) up to and including `asOf`, read
 * through the event-store port. The stream's events are kept in `ctx.memo` and read on only when its head has moved
 * (one index look-up per render), so a projection renders with what stood at each point of the global order and a
 * rebuild gives the same bytes whatever its batch boundaries are.
 */
export async function eventsAsOf(ctx: Pick<ProjectionContext, 'store' | 'memo'>, streamId: string, asOf: Checkpoint): Promise<readonly RecordedEvent[]> {
  const key = `stream-events:${streamId}`;
  let known = (ctx.memo.get(key) as RecordedEvent[] | undefined) ?? [];
  const [head] = await ctx.store.streamHeads([streamId]);
  if (head && head.version > known.length) {
    known = [...known, ...(await ctx.store.readStream(streamId, { fromVersion: known.length + 1 }))];
    ctx.memo.set(key, known);
  }
  const through = known.findIndex((event) => compareCheckpoints({ transactionId: event.transactionId, globalPosition: event.globalPosition }, asOf) > 0);
  return through === -1 ? known : known.slice(0, through);
}
