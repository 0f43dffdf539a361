import { type EventStore, PostgresEventStore, type SqlClient, type NewEvent } from '@budgetflow/event-store';
import { createPgliteTestDatabase, type TestDatabase } from '@budgetflow/testing';
import { ProblemException } from '../http';
import { EventSourcedStreams } from './event-sourced-streams';

/** A counter stream: its state is the sum of `Added` amounts and the version it has seen. */
interface Counter {
  total: number;
  version: number;
}
const added = (amount: number): NewEvent => ({ type: 'Added', data: { amount } });
const counterModel = {
  initial: (): Counter => ({ total: 0, version: 0 }),
  fold: (events: readonly { type: string; data: unknown }[], from: Counter): Counter =>
    events.reduce((state, event) => ({ total: state.total + (event.data as { amount: number }).amount, version: state.version + 1 }), from),
  versionOf: (state: Counter) => state.version,
};
const metadata = { userId: 'u-1', role: 'admin' as const, correlationId: 'c-1', recordedAt: '2024-01-15T09:00:00.000Z' };

describe('EventSourcedStreams: the one way a command is handled', () => {
  let db: TestDatabase<SqlClient>;
  let store: EventStore;
  let streams: EventSourcedStreams<Counter>;

  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    store = new PostgresEventStore(db.sql);
  });
  afterAll(async () => {
    await store.close();
    await db.drop();
  });
  beforeEach(() => {
    streams = new EventSourcedStreams(store, counterModel);
  });

  const streamId = () => `counter-${Math.random().toString(36).slice(2)}`;

  it('given no stream, when the decider answers events, then they are appended and the answer says where the stream stands', async () => {
    const id = streamId();
    const outcome = await streams.handle(id, (state) => [added(state.total + 5)], { metadata });
    expect(outcome).toMatchObject({ streamId: id, version: 1, before: { total: 0, version: 0 }, after: { total: 5, version: 1 } });
    expect(BigInt(outcome.position!)).toBeGreaterThan(0n);
    expect((await store.readStream(id)).map((event) => event.data)).toEqual([{ amount: 5 }]);
  });

  it('when the decider answers nothing, then nothing is appended and the version stays', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    const outcome = await streams.handle(id, () => [], { metadata });
    expect(outcome.version).toBe(1);
    expect(outcome.position).toBeUndefined();
    expect(await store.streamVersion(id)).toBe(1);
  });

  it('given If-Match of an older version, then 412 and nothing is appended', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    await expect(streams.handle(id, () => [added(2)], { metadata, expectedVersion: 0 })).rejects.toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    expect(await store.streamVersion(id)).toBe(1);
  });

  it('given a concurrent writer between load and append, then it decides again on the fresh stream', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    const seen: number[] = [];
    const outcome = await streams.handle(
      id,
      (state) => {
        seen.push(state.total);
        return [added(10)];
      },
      {
        metadata,
        // Another process appends while this one decides (the context loads beside the stream).
        context: async () => {
          if (seen.length === 0) await store.append(id, [added(100)], 'any', metadata);
        },
      },
    );
    expect(seen).toEqual([1, 101]);
    expect(outcome.after).toEqual({ total: 111, version: 3 });
  });

  it('given If-Match and a concurrent writer, then 412 (the caller’s version is gone) without deciding on the stale state', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    let decisions = 0;
    let raced = false;
    const attempt = streams.handle(
      id,
      () => {
        decisions++;
        return [added(10)];
      },
      {
        metadata,
        expectedVersion: 1,
        context: async () => {
          if (!raced) await store.append(id, [added(100)], 'any', metadata);
          raced = true;
        },
      },
    );
    await expect(attempt).rejects.toBeInstanceOf(ProblemException);
    await expect(attempt).rejects.toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    expect(decisions).toBe(1);
    expect((await store.readStream(id)).map((event) => event.data)).toEqual([{ amount: 1 }, { amount: 100 }]);
  });

  it('given pinned attempts and a writer that never stops, then 409 after the attempts', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    const attempt = streams.handle(id, () => [added(10)], { metadata, attempts: 2, context: async () => void (await store.append(id, [added(100)], 'any', metadata)) });
    await expect(attempt).rejects.toMatchObject({ status: 409, code: 'CONCURRENT_MODIFICATION' });
  });

  it('decides from the state it folded without reading the stream; a writer elsewhere costs one read of what it wrote', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1), added(2)], { metadata });
    const reads = jest.spyOn(store, 'readStream');
    await streams.handle(id, () => [added(3)], { metadata });
    expect(reads).not.toHaveBeenCalled();
    await store.append(id, [added(100)], 'any', metadata); // another process
    const outcome = await streams.handle(id, (state) => [added(state.total)], { metadata });
    expect(reads).toHaveBeenCalledWith(id, { fromVersion: 4 });
    reads.mockRestore();
    expect(outcome.after).toEqual({ total: 212, version: 5 });
    expect(await streams.state(id)).toEqual({ total: 212, version: 5 });
  });

  it('never answers a refusal or "nothing to do" decided on a state it has not read again', async () => {
    const id = streamId();
    await streams.handle(id, () => [added(1)], { metadata });
    await store.append(id, [added(100)], 'any', metadata); // another process: the folded state is behind
    // Nothing to do when the total is below 100: true of the folded state (1), not of the stream (101).
    const outcome = await streams.handle(id, (state) => (state.total < 100 ? [] : [added(-100)]), { metadata });
    expect(outcome.after).toEqual({ total: 1, version: 3 });
    // A refusal on the folded state that the stream does not support is not answered either.
    await store.append(id, [added(1000)], 'any', metadata);
    const refusing = await streams.handle(
      id,
      (state) => {
        if (state.total < 1000) throw new Error('too little');
        return [added(1)];
      },
      { metadata },
    );
    expect(refusing.after.total).toBe(1002);
  });

  describe('a context from cache, proved by the append (the catalog a command decides with)', () => {
    /** A "catalog": a counter stream of its own; the context loader answers its cached fold unless asked fresh. */
    /** A catalog stream holding `amount`, folded (cached) by this process; `elsewhere` is then appended by another one. */
    const givenCachedCatalog = async (amount: number, elsewhere?: number) => {
      const catalogId = streamId();
      await store.append(catalogId, [added(amount)], 'no-stream', metadata);
      const catalogStreams = new EventSourcedStreams(store, counterModel);
      await catalogStreams.state(catalogId);
      if (elsewhere !== undefined) await store.append(catalogId, [added(elsewhere)], 1, metadata);
      const calls: boolean[] = [];
      const options = {
        metadata,
        context: async (fresh: boolean) => {
          calls.push(fresh);
          return catalogStreams.forCommand(catalogId, fresh);
        },
        unchanged: (catalog: Counter) => [{ streamId: catalogId, version: catalog.version }],
      };
      return { calls, options };
    };

    it('given a cached context still current, then one append decides, with no read of the context stream', async () => {
      const id = streamId();
      const { calls, options } = await givenCachedCatalog(7);
      await streams.handle(id, () => [added(1)], { metadata });
      const reads = jest.spyOn(store, 'readStream');
      const outcome = await streams.handle(id, (_state, catalog: Counter) => [added(catalog.total)], options);
      expect(reads).not.toHaveBeenCalled();
      reads.mockRestore();
      expect(calls).toEqual([false]);
      expect(outcome.after).toEqual({ total: 8, version: 2 });
    });

    it('given the context stream moved elsewhere, when the append finds it, then the context is read again and the decision made on it', async () => {
      const id = streamId();
      const { calls, options } = await givenCachedCatalog(7, 100); // another process changes the catalog
      const decidedWith: number[] = [];
      const outcome = await streams.handle(
        id,
        (_state, catalog: Counter) => {
          decidedWith.push(catalog.total);
          return [added(catalog.total)];
        },
        options,
      );
      expect(calls).toEqual([false, true]);
      expect(decidedWith).toEqual([7, 107]);
      expect((await store.readStream(id)).map((event) => event.data)).toEqual([{ amount: 107 }]);
      expect(outcome.version).toBe(1);
    });

    it('never answers a refusal decided on a cached context before deciding on the stored one', async () => {
      const id = streamId();
      const { options } = await givenCachedCatalog(1, 1); // the code the command names is added elsewhere
      const outcome = await streams.handle(
        id,
        (_state, catalog: Counter) => {
          if (catalog.total < 2) throw new Error('code not in the catalog');
          return [added(1)];
        },
        options,
      );
      expect(outcome.version).toBe(1);
    });
  });
});
