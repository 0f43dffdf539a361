/**
 * The event store contract: every adapter must pass it. Call `describeEventStoreContract` from a spec
 * with a setup that yields stores over one fresh database. Tests use their own streams and read the
 * global log relative to `head()`, so they do not depend on each other or on their order.
 */
import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  EventStoreInputError,
  START,
  compareCheckpoints,
  type AppendResult,
  type Checkpoint,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllBatch,
  type RecordedEvent,
  type Upcaster,
} from '@budgetflow/event-store';

export interface ContractBackend {
  createStore(options?: { upcasters?: readonly Upcaster[] }): EventStore;
  dispose(): Promise<void>;
}

export const metadata = (overrides: Partial<EventMetadata> = {}): EventMetadata => ({
  userId: 'user-1',
  role: 'department',
  department: '501',
  correlationId: randomUUID(),
  recordedAt: '2024-03-01T08:00:00.000Z',
  ...overrides,
});

const stream = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;
const events = (n: number, type = 'Tested'): NewEvent[] => Array.from({ length: n }, (_, i) => ({ type, data: { i } }));

async function readAllFrom(store: EventStore, after: Checkpoint, limit = 500): Promise<{ events: RecordedEvent[]; batches: ReadAllBatch[] }> {
  const batches: ReadAllBatch[] = [];
  let checkpoint = after;
  for (;;) {
    const batch = await store.readAll({ after: checkpoint, limit });
    if (batch.events.length === 0) {
      expect(batch.checkpoint).toEqual(checkpoint);
      break;
    }
    batches.push(batch);
    checkpoint = batch.checkpoint;
  }
  return { events: batches.flatMap((b) => b.events), batches };
}

/**
 * Commit-safe reads see an event only once every transaction older than it has ended anywhere in the cluster;
 * on a Postgres shared with other test files that can take a moment. Waits until `appended` is visible.
 */
async function untilVisible(store: EventStore, appended: AppendResult, timeoutMs = 15_000): Promise<void> {
  const target = { transactionId: appended.transactionId, globalPosition: appended.globalPosition };
  const deadline = Date.now() + timeoutMs;
  while (compareCheckpoints(await store.head(), target) < 0) {
    if (Date.now() > deadline) throw new Error('appended events did not become visible in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** head() once everything written before this call is visible: a marker append waited for. */
async function settledHead(store: EventStore): Promise<Checkpoint> {
  await untilVisible(store, await store.append(`marker-${randomUUID().slice(0, 8)}`, [{ type: 'Marker', data: {} }], 'no-stream', metadata()));
  return store.head();
}

async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function describeEventStoreContract(label: string, setup: () => Promise<ContractBackend>): void {
  describe(`EventStore contract: ${label}`, () => {
    let backend: ContractBackend;
    let store: EventStore;

    beforeAll(async () => {
      backend = await setup();
      store = backend.createStore();
    });
    afterAll(async () => {
      await store?.close();
      await backend?.dispose();
    });

    describe('append and read a stream', () => {
      it('reads back what was appended, versioned from 1, with metadata', async () => {
        const id = stream('budget-501');
        const eventId = randomUUID();
        const meta = metadata({ reason: '调整' });
        const result = await store.append(
          id,
          [
            { type: 'DraftCreated', data: { year: 2024, amount: '12.30' }, id: eventId },
            { type: 'LineAdded', typeVersion: 2, data: { code: '2010301', 名称: '行政运行' } },
          ],
          'no-stream',
          meta,
        );
        expect(result.nextExpectedVersion).toBe(2);
        expect(typeof result.globalPosition).toBe('bigint');
        expect(typeof result.transactionId).toBe('bigint');

        const read = await store.readStream(id);
        expect(read.map((e) => [e.streamVersion, e.type, e.typeVersion])).toEqual([
          [1, 'DraftCreated', 1],
          [2, 'LineAdded', 2],
        ]);
        expect(read[0]?.id).toBe(eventId);
        expect(read[0]?.data).toEqual({ year: 2024, amount: '12.30' });
        expect(read[1]?.data).toEqual({ code: '2010301', 名称: '行政运行' });
        expect(read[0]?.metadata).toEqual(meta);
        expect(read[0]?.recordedAt.toISOString()).toBe(meta.recordedAt);
        expect(read[1]?.globalPosition).toBe(result.globalPosition);
        expect(read[1]?.transactionId).toBe(result.transactionId);
        expect(read.every((e) => e.streamId === id)).toBe(true);
        expect(await store.streamVersion(id)).toBe(2);
      });

      it('lastCommitted is the position of the newest event appended', async () => {
        const appended = await store.append(stream('last-committed'), events(2), 'any', metadata());
        expect(await store.lastCommitted()).toBe(appended.globalPosition);
      });

      it('reads a version range and reports 0 for a missing stream', async () => {
        const id = stream('range');
        await store.append(id, events(5), 'any', metadata());
        expect((await store.readStream(id, { fromVersion: 2, toVersion: 4 })).map((e) => e.streamVersion)).toEqual([2, 3, 4]);
        expect((await store.readStream(id, { fromVersion: 4 })).map((e) => e.streamVersion)).toEqual([4, 5]);
        expect(await store.readStream(stream('missing'))).toEqual([]);
        expect(await store.streamVersion(stream('missing'))).toBe(0);
      });
    });

    describe('expected version', () => {
      const expectConflict = async (promise: Promise<unknown>, streamId: string, expected: ExpectedVersion, actual: number): Promise<void> => {
        const error = await promise.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId, expected, actual });
      };

      it("'no-stream' creates a stream and fails on an existing one", async () => {
        const id = stream('no-stream');
        await store.append(id, events(2), 'no-stream', metadata());
        await expectConflict(store.append(id, events(1), 'no-stream', metadata()), id, 'no-stream', 2);
        expect(await store.streamVersion(id)).toBe(2);
      });

      it("'any' appends to a new and to an existing stream", async () => {
        const id = stream('any');
        expect((await store.append(id, events(1), 'any', metadata())).nextExpectedVersion).toBe(1);
        expect((await store.append(id, events(2), 'any', metadata())).nextExpectedVersion).toBe(3);
      });

      it("'stream-exists' fails on a new stream and appends to an existing one", async () => {
        const id = stream('exists');
        await expectConflict(store.append(id, events(1), 'stream-exists', metadata()), id, 'stream-exists', 0);
        expect(await store.streamVersion(id)).toBe(0);
        await store.append(id, events(1), 'any', metadata());
        expect((await store.append(id, events(1), 'stream-exists', metadata())).nextExpectedVersion).toBe(2);
      });

      it('an exact version must equal the current one (0 = no events)', async () => {
        const id = stream('exact');
        expect((await store.append(id, events(2), 0, metadata())).nextExpectedVersion).toBe(2);
        await expectConflict(store.append(id, events(1), 0, metadata()), id, 0, 2);
        await expectConflict(store.append(id, events(1), 1, metadata()), id, 1, 2);
        await expectConflict(store.append(id, events(1), 3, metadata()), id, 3, 2);
        expect((await store.append(id, events(1), 2, metadata())).nextExpectedVersion).toBe(3);
        const fresh = stream('exact-new');
        await expectConflict(store.append(fresh, events(1), 1, metadata()), fresh, 1, 0);
        expect((await store.readStream(id)).map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      });

      it('an empty append only checks the expectation', async () => {
        const id = stream('empty');
        expect((await store.append(id, [], 'no-stream', metadata())).nextExpectedVersion).toBe(0);
        expect(await store.streamVersion(id)).toBe(0);
        await store.append(id, events(1), 'no-stream', metadata());
        await expectConflict(store.append(id, [], 'no-stream', metadata()), id, 'no-stream', 1);
      });

      it.each([
        ['an exact version', (version: number): ExpectedVersion => version],
        ["'any'", (): ExpectedVersion => 'any'],
        ["'stream-exists'", (): ExpectedVersion => 'stream-exists'],
      ])('with %s, the append holds only while the streams the decision read stand where it saw them', async (_label, expectation) => {
        const id = stream('conditional');
        const catalog = stream('condition');
        const missing = stream('condition-none');
        await store.append(id, events(1), 'no-stream', metadata());
        await store.append(catalog, events(2), 'no-stream', metadata());
        const unchanged = [
          { streamId: catalog, version: 2 },
          { streamId: missing, version: 0 },
        ];
        expect((await store.append(id, events(1), expectation(1), metadata(), { unchanged })).nextExpectedVersion).toBe(2);
        await store.append(catalog, events(1), 2, metadata());
        await expectConflict(store.append(id, events(1), expectation(2), metadata(), { unchanged }), catalog, 2, 3);
        await expectConflict(store.append(id, events(1), expectation(2), metadata(), { unchanged: [{ streamId: missing, version: 1 }] }), missing, 1, 0);
        expect(await store.streamVersion(id)).toBe(2);
        expect((await store.append(id, events(1), expectation(2), metadata(), { unchanged: [{ streamId: catalog, version: 3 }] })).nextExpectedVersion).toBe(3);
      });

      it('a new stream is created only while the conditions hold', async () => {
        const id = stream('conditional-new');
        const catalog = stream('condition-new');
        await store.append(catalog, events(1), 'no-stream', metadata());
        await expectConflict(store.append(id, events(1), 'no-stream', metadata(), { unchanged: [{ streamId: catalog, version: 0 }] }), catalog, 0, 1);
        expect(await store.streamVersion(id)).toBe(0);
        expect((await store.append(id, events(2), 'no-stream', metadata(), { unchanged: [{ streamId: catalog, version: 1 }] })).nextExpectedVersion).toBe(2);
      });
    });

    describe('appendMany', () => {
      it('appends to several streams atomically', async () => {
        const a = stream('many-a');
        const b = stream('many-b');
        const results = await store.appendMany(
          [
            { streamId: a, events: events(2), expected: 'no-stream' },
            { streamId: b, events: events(1), expected: 'any' },
          ],
          metadata(),
        );
        expect(results.map((r) => r.nextExpectedVersion)).toEqual([2, 1]);
        expect(results[0]?.transactionId).toBe(results[1]?.transactionId);
      });

      it('writes nothing when one write fails', async () => {
        const a = stream('many-fail-a');
        const b = stream('many-fail-b');
        await store.append(b, events(1), 'any', metadata());
        await expect(
          store.appendMany(
            [
              { streamId: a, events: events(2), expected: 'no-stream' },
              { streamId: b, events: events(1), expected: 'no-stream' },
            ],
            metadata(),
          ),
        ).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.streamVersion(a)).toBe(0);
        expect(await store.readStream(a)).toEqual([]);
        expect(await store.streamVersion(b)).toBe(1);
      });
    });

    describe('bad input is a typed error and writes nothing', () => {
      it.each([['latest'], [-1], [1.5], [Number.NaN], [null], [undefined], ['5']])('unknown expected version %p', async (expected) => {
        const id = stream('bad-expected');
        const error = await store.append(id, events(1), expected as unknown as ExpectedVersion, metadata()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventStoreInputError);
        expect(error).toMatchObject({ code: 'invalid-expected-version' });
        expect(await store.streamVersion(id)).toBe(0);
      });

      it.each([[''], ['   '], [undefined], [42]])('event without a type (%p)', async (type) => {
        const id = stream('bad-type');
        const bad = [{ type: 'Fine', data: {} }, { type, data: {} } as unknown as NewEvent];
        const error = await store.append(id, bad, 'any', metadata()).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: 'EventStoreInputError', code: 'missing-event-type' });
        expect(await store.readStream(id)).toEqual([]);
      });

      it('payload over 1 MiB (data + metadata)', async () => {
        const id = stream('too-large');
        const big = { blob: 'x'.repeat(1024 * 1024) };
        const error = await store.append(id, [{ type: 'Big', data: big }], 'any', metadata()).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(EventStoreInputError);
        expect(error).toMatchObject({ code: 'payload-too-large' });
        // data under the limit, but data + metadata over it
        const half = 'y'.repeat(600 * 1024);
        const error2 = await store.append(id, [{ type: 'Big', data: { half } }], 'any', metadata({ note: half })).catch((e: unknown) => e);
        expect(error2).toMatchObject({ code: 'payload-too-large' });
        expect(await store.streamVersion(id)).toBe(0);
        // just under the limit is fine
        await store.append(id, [{ type: 'Fits', data: { blob: 'z'.repeat(900 * 1024) } }], 'any', metadata());
        expect(await store.streamVersion(id)).toBe(1);
      });

      it('bad input inside appendMany writes no stream at all', async () => {
        const a = stream('many-bad-a');
        const error = await store
          .appendMany(
            [
              { streamId: a, events: events(1), expected: 'any' },
              { streamId: stream('many-bad-b'), events: [{ type: '', data: {} }], expected: 'any' },
            ],
            metadata(),
          )
          .catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'missing-event-type' });
        expect(await store.streamVersion(a)).toBe(0);
      });

      it('a duplicate event id is rejected', async () => {
        const id = randomUUID();
        await store.append(stream('dup'), [{ type: 'T', data: {}, id }], 'any', metadata());
        const other = stream('dup2');
        await expect(store.append(other, [{ type: 'T', data: {}, id }], 'any', metadata())).rejects.toMatchObject({ code: 'duplicate-event-id' });
        expect(await store.streamVersion(other)).toBe(0);
      });
    });

    describe('readAll', () => {
      it('returns everything after a checkpoint in commit order, in batches, ending at head()', async () => {
        const start = await settledHead(store);
        const a = stream('all-a');
        const b = stream('all-b');
        const appended: string[] = [];
        let lastAppend: AppendResult | undefined;
        for (let round = 0; round < 4; round++) {
          for (const id of [a, b]) {
            lastAppend = await store.append(id, [{ type: 'Step', data: { round, id } }, { type: 'Step', data: { round, id, second: true } }], 'any', metadata());
            appended.push(`${id}:${round * 2 + 1}`, `${id}:${round * 2 + 2}`);
          }
        }
        await untilVisible(store, lastAppend!);
        const { events: read, batches } = await readAllFrom(store, start, 3);
        expect(read.map((e) => `${e.streamId}:${e.streamVersion}`)).toEqual(appended);
        expect(batches.every((batch) => batch.events.length <= 3)).toBe(true);
        expect(batches.length).toBe(Math.ceil(appended.length / 3));
        for (let i = 1; i < batches.length; i++) {
          expect(compareCheckpoints(batches[i - 1]!.checkpoint, batches[i]!.checkpoint)).toBeLessThan(0);
        }
        // strictly increasing commit-safe order of events
        for (let i = 1; i < read.length; i++) {
          const prev = { transactionId: read[i - 1]!.transactionId, globalPosition: read[i - 1]!.globalPosition };
          const cur = { transactionId: read[i]!.transactionId, globalPosition: read[i]!.globalPosition };
          expect(compareCheckpoints(prev, cur)).toBeLessThan(0);
        }
        const last = batches[batches.length - 1]!.checkpoint;
        expect(await store.head()).toEqual(last);
      });

      it('reading from START includes the first events ever written', async () => {
        const first = await store.readAll({ after: START, limit: 1 });
        expect(first.events).toHaveLength(1);
        expect(compareCheckpoints(first.checkpoint, START)).toBeGreaterThan(0);
      });

      it('filters by type but still advances the checkpoint past other events', async () => {
        const start = await settledHead(store);
        const id = stream('types');
        await untilVisible(store, await store.append(id, [{ type: 'Keep', data: 1 }, { type: 'Skip', data: 2 }, { type: 'Keep', data: 3 }, { type: 'Skip', data: 4 }], 'any', metadata()));
        const batch = await store.readAll({ after: start, types: ['Keep'] });
        expect(batch.events.map((e) => e.data)).toEqual([1, 3]);
        expect(batch.checkpoint).toEqual(await store.head());
      });

      it('a filtered read pages through windows of the log: a window without its types moves the checkpoint and counts what it looked at', async () => {
        const start = await settledHead(store);
        const id = stream('type-windows');
        await untilVisible(
          store,
          await store.append(id, [{ type: 'Skip', data: 1 }, { type: 'Skip', data: 2 }, { type: 'Skip', data: 3 }, { type: 'Keep', data: 4 }, { type: 'Skip', data: 5 }, { type: 'Skip', data: 6 }], 'any', metadata()),
        );
        const all = await store.readAll({ after: start, limit: 6 });
        const first = await store.readAll({ after: start, limit: 3, types: ['Keep'] });
        expect({ events: first.events, read: first.read, checkpoint: first.checkpoint }).toEqual({ events: [], read: 3, checkpoint: { transactionId: all.events[2]!.transactionId, globalPosition: all.events[2]!.globalPosition } });
        const second = await store.readAll({ after: first.checkpoint, limit: 3, types: ['Keep'] });
        expect({ data: second.events.map((e) => e.data), read: second.read, checkpoint: second.checkpoint }).toEqual({ data: [4], read: 3, checkpoint: all.checkpoint });
        const third = await store.readAll({ after: second.checkpoint, limit: 3, types: ['Keep'] });
        expect({ events: third.events, read: third.read, checkpoint: third.checkpoint }).toEqual({ events: [], read: 0, checkpoint: second.checkpoint });
      });

      it('resumes from a stored checkpoint without duplicates or gaps (another reader instance)', async () => {
        const start = await settledHead(store);
        const id = stream('resume');
        await untilVisible(store, await store.append(id, events(7), 'any', metadata()));
        const first = await store.readAll({ after: start, limit: 3 });
        const saved = JSON.parse(JSON.stringify({ t: first.checkpoint.transactionId.toString(), p: first.checkpoint.globalPosition.toString() })) as { t: string; p: string };
        const reader = backend.createStore();
        try {
          const rest = await readAllFrom(reader, { transactionId: BigInt(saved.t), globalPosition: BigInt(saved.p) });
          expect([...first.events, ...rest.events].map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        } finally {
          await reader.close();
        }
      });
    });

    describe('subscribe', () => {
      it('catches up, goes live, and resumes from its checkpoint', async () => {
        const start = await store.head();
        const id = stream('sub');
        await store.append(id, events(3), 'any', metadata()); // before subscribing: catch-up
        const seen: number[] = [];
        let checkpoint = start;
        const sub = store.subscribe({
          from: start,
          batchSize: 2,
          handle: async (batch) => {
            batch.events.filter((e) => e.streamId === id).forEach((e) => seen.push(e.streamVersion));
            checkpoint = batch.checkpoint;
          },
        });
        await eventually(() => seen.length === 3);
        await store.append(id, events(2), 'any', metadata()); // live
        await eventually(() => seen.length === 5);
        await sub.stop();
        expect(seen).toEqual([1, 2, 3, 4, 5]);

        await store.append(id, events(2), 'any', metadata()); // while stopped
        const resumed: number[] = [];
        const sub2 = store.subscribe({
          from: checkpoint,
          handle: async (batch) => {
            batch.events.filter((e) => e.streamId === id).forEach((e) => resumed.push(e.streamVersion));
          },
        });
        await eventually(() => resumed.length === 2);
        await store.append(id, events(1), 'any', metadata());
        await eventually(() => resumed.length === 3);
        await sub2.stop();
        expect(resumed).toEqual([6, 7, 8]);
      });

      it('retries a failing handler from the same checkpoint (nothing skipped) and reports the error', async () => {
        const start = await store.head();
        const id = stream('sub-retry');
        await store.append(id, events(3), 'any', metadata());
        const seen: number[] = [];
        const errors: unknown[] = [];
        let failures = 2;
        const sub = store.subscribe({
          from: start,
          handle: async (batch) => {
            if (failures-- > 0) throw new Error('handler down');
            batch.events.filter((e) => e.streamId === id).forEach((e) => seen.push(e.streamVersion));
          },
          onError: (e) => errors.push(e),
        });
        await eventually(() => seen.length === 3);
        await sub.stop();
        expect(seen).toEqual([1, 2, 3]);
        expect(errors).toHaveLength(2);
      });

      it('stop() waits for the running handler', async () => {
        const start = await store.head();
        await store.append(stream('sub-stop'), events(1), 'any', metadata());
        let running = false;
        let finished = false;
        const sub = store.subscribe({
          from: start,
          handle: async () => {
            running = true;
            await new Promise((resolve) => setTimeout(resolve, 300));
            finished = true;
          },
        });
        await eventually(() => running);
        await sub.stop();
        expect(finished).toBe(true);
      });
    });

    describe('what read models ask besides readAll', () => {
      it('streamHeads: version and checkpoint of each stream\'s last event, in the order asked, undefined for none', async () => {
        const a = stream('head-a');
        const b = stream('head-b');
        const missing = stream('head-missing');
        await store.append(a, events(2), 'no-stream', metadata());
        const lastOfA = await store.append(a, events(1), 2, metadata());
        const lastOfB = await store.append(b, events(4), 'no-stream', metadata());
        const heads = await store.streamHeads([b, missing, a]);
        expect(heads).toEqual([
          { version: 4, checkpoint: { transactionId: lastOfB.transactionId, globalPosition: lastOfB.globalPosition } },
          undefined,
          { version: 3, checkpoint: { transactionId: lastOfA.transactionId, globalPosition: lastOfA.globalPosition } },
        ]);
        expect(await store.streamHeads([])).toEqual([]);
        // The head is the stream's last event as readStream returns it.
        const [last] = (await store.readStream(a)).slice(-1);
        expect(heads[2]?.checkpoint).toEqual({ transactionId: last?.transactionId, globalPosition: last?.globalPosition });
      });

      it('checkpointOf: the position a command answers with becomes its checkpoint; unknown positions are undefined', async () => {
        const appended = await store.append(stream('position'), events(3), 'no-stream', metadata());
        await untilVisible(store, appended);
        expect(await store.checkpointOf(appended.globalPosition)).toEqual({ transactionId: appended.transactionId, globalPosition: appended.globalPosition });
        expect(await store.checkpointOf(appended.globalPosition + 1_000_000n)).toBeUndefined();
      });

      it('lag: counts the visible events after a checkpoint and how old the oldest is', async () => {
        const start = await settledHead(store);
        expect(await store.lag(start)).toEqual({ eventsBehind: 0, secondsBehind: 0 });
        await store.append(stream('lag-a'), events(2), 'no-stream', metadata());
        const last = await store.append(stream('lag-b'), events(1), 'no-stream', metadata());
        await untilVisible(store, last);
        const lag = await store.lag(start);
        expect(lag.eventsBehind).toBe(3);
        expect(lag.secondsBehind).toBeGreaterThanOrEqual(0);
        expect(lag.secondsBehind).toBeLessThan(60);
        expect((await store.lag({ transactionId: last.transactionId, globalPosition: last.globalPosition })).eventsBehind).toBe(0);
      });

      it('notifications: an append releases a wait begun before it (a token taken before the append counts)', async () => {
        const token = store.notifications.token;
        await store.append(stream('wake'), events(1), 'no-stream', metadata());
        const started = Date.now();
        await store.notifications.wait(token, 10_000);
        expect(Date.now() - started).toBeLessThan(5_000);
      });
    });

    describe('upcasting', () => {
      const upcasters: Upcaster[] = [
        { type: 'LineAdded', fromVersion: 1, upcast: (data) => ({ typeVersion: 2, data: { ...(data as object), currency: 'CNY' } }) },
        {
          type: 'LineAdded',
          fromVersion: 2,
          upcast: (data) => {
            const { amount, ...rest } = data as { amount: number };
            return { typeVersion: 3, data: { ...rest, amountYuan: String(amount) } };
          },
        },
      ];

      it('brings old shapes to the current version on every read path', async () => {
        const upcasting = backend.createStore({ upcasters });
        try {
          const start = await settledHead(upcasting);
          const id = stream('upcast');
          const appended = await upcasting.append(
            id,
            [
              { type: 'LineAdded', typeVersion: 1, data: { amount: 5 } },
              { type: 'LineAdded', typeVersion: 2, data: { amount: 6, currency: 'USD' } },
              { type: 'LineAdded', typeVersion: 3, data: { amountYuan: '7' } },
              { type: 'Other', typeVersion: 1, data: { amount: 8 } },
            ],
            'any',
            metadata(),
          );
          const expected = [
            [3, { currency: 'CNY', amountYuan: '5' }],
            [3, { currency: 'USD', amountYuan: '6' }],
            [3, { amountYuan: '7' }],
            [1, { amount: 8 }],
          ];
          expect((await upcasting.readStream(id)).map((e) => [e.typeVersion, e.data])).toEqual(expected);
          await untilVisible(upcasting, appended);
          expect((await upcasting.readAll({ after: start })).events.map((e) => [e.typeVersion, e.data])).toEqual(expected);
          // the stored shape is untouched: a store without upcasters reads the original
          expect((await store.readStream(id))[0]).toMatchObject({ typeVersion: 1, data: { amount: 5 } });
        } finally {
          await upcasting.close();
        }
      });
    });
  });
}
