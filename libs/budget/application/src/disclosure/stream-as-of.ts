import { compareCheckpoints, type Checkpoint, type ProjectionContext, type RecordedEvent } from '@budgetflow/event-store';

/**
 * What the memo knows of a small stream: its first events in stream order. `followed`: the projection passes
 * every batch to `followStreams`, so the list holds every event up to the last batch's checkpoint and the head
 * need not be asked.
 */
interface KnownStream {
  events: readonly RecordedEvent[];
  followed: boolean;
}

const keyOf = (streamId: string): string => `stream-events:${streamId}`;

/**
 * The events of a small stream (a year's catalog, a year's disclosure settings) up to and including `asOf`, read
 * through the event-store port. The stream's events are kept in `ctx.memo`; a stream the projection follows
 * (`followed`, see `followStreams`) is read once per lead, any other is read on only when its head has moved (one
 * index look-up per render). So a projection renders with what stood at each point of the global order and a
 * rebuild gives the same bytes whatever its batch boundaries are.
 */
export async function eventsAsOf(
  ctx: Pick<ProjectionContext, 'store' | 'memo'>,
  streamId: string,
  asOf: Checkpoint,
  options: { followed?: boolean } = {},
): Promise<readonly RecordedEvent[]> {
  const key = keyOf(streamId);
  let known = ctx.memo.get(key) as KnownStream | undefined;
  if (!known?.followed) {
    const events = known?.events ?? [];
    const [head] = await ctx.store.streamHeads([streamId]);
    const read = head && head.version > events.length ? await ctx.store.readStream(streamId, { fromVersion: events.length + 1 }) : [];
    known = { events: read.length > 0 ? [...events, ...read] : events, followed: options.followed === true };
    ctx.memo.set(key, known);
  }
  const { events } = known;
  const through = events.findIndex((event) => compareCheckpoints({ transactionId: event.transactionId, globalPosition: event.globalPosition }, asOf) > 0);
  return through === -1 ? events : events.slice(0, through);
}

/**
 * Keeps the followed streams of `ctx.memo` up to date with a batch, before anything of the batch is rendered: for
 * a projection whose `types` hold every event type of the streams that `follows` accepts (so the batch holds every
 * new event of them) and that calls it with each of its batches. The runner clears the memo when it (re)gains the
 * lead or a batch fails, so consecutive batches of one lead cover the global order without a hole; a stream whose
 * next version is missing all the same is forgotten and read again.
 */
export function followStreams(ctx: Pick<ProjectionContext, 'memo'>, events: readonly RecordedEvent[], follows: (streamId: string) => boolean): void {
  for (const event of events) {
    if (!follows(event.streamId)) continue;
    const key = keyOf(event.streamId);
    const known = ctx.memo.get(key) as KnownStream | undefined;
    if (!known?.followed) continue;
    // A read during an earlier batch may already hold it (it read past that batch's checkpoint).
    if (event.streamVersion <= known.events.length) continue;
    if (event.streamVersion === known.events.length + 1) ctx.memo.set(key, { events: [...known.events, event], followed: true });
    else ctx.memo.delete(key);
  }
}
