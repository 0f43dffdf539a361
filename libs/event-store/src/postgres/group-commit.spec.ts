import type { AppendResult } from '../event-store.port';
import { AppendQueue, type AppendRunner, type QueuedAppend, batchable } from './group-commit';
import { prepareAppend } from './validate-append';

const append = (streamId: string, expected: number | 'no-stream', unchanged: { streamId: string; version: number }[] = []): QueuedAppend => ({
  write: prepareAppend(streamId, [{ type: 'T', data: {} }], expected, '{}'),
  metadataJson: '{}',
  unchanged,
});
const result = (version: number): AppendResult => ({ nextExpectedVersion: version, globalPosition: BigInt(version), transactionId: 1n });

/** A runner whose statements finish when the test says so; it records what each statement carried. */
function heldRunner(writtenByBatch: (append: QueuedAppend) => boolean = () => true) {
  const statements: { kind: 'one' | 'many'; streams: string[]; finish: () => void }[] = [];
  const runner: AppendRunner = {
    one: (a) => new Promise((resolve) => statements.push({ kind: 'one', streams: [a.write.streamId], finish: () => resolve(result(1)) })),
    many: (as) => new Promise((resolve) => statements.push({ kind: 'many', streams: as.map((a) => a.write.streamId), finish: () => resolve(as.map((a) => (writtenByBatch(a) ? result(2) : undefined))) })),
  };
  return { runner, statements };
}
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('AppendQueue (group commit)', () => {
  it('given free statements, when appends arrive, then each goes at once on its own', async () => {
    const { runner, statements } = heldRunner();
    const queue = new AppendQueue(runner, { lanes: 2, stallMs: 60_000 });
    void queue.submit(append('a', 1));
    void queue.submit(append('b', 1));
    expect(statements.map((s) => [s.kind, s.streams])).toEqual([['one', ['a']], ['one', ['b']]]);
  });

  it('given every statement busy, when appends arrive, then they share the next statement in arrival order', async () => {
    const { runner, statements } = heldRunner();
    const queue = new AppendQueue(runner, { lanes: 1, stallMs: 60_000 });
    const first = queue.submit(append('a', 1));
    const waiting = ['b', 'c', 'd'].map((stream) => queue.submit(append(stream, 1)));
    expect(statements).toHaveLength(1);
    statements[0]!.finish();
    await first;
    await tick();
    expect(statements.map((s) => [s.kind, s.streams])).toEqual([['one', ['a']], ['many', ['b', 'c', 'd']]]);
    statements[1]!.finish();
    expect((await Promise.all(waiting)).map((r) => r.nextExpectedVersion)).toEqual([2, 2, 2]);
  });

  it('given two waiting appends to one stream, or one to a stream another relies on, then they go in separate statements', async () => {
    const { runner, statements } = heldRunner();
    const queue = new AppendQueue(runner, { lanes: 1, stallMs: 60_000 });
    void queue.submit(append('busy', 1));
    void queue.submit(append('x', 1));
    void queue.submit(append('x', 2));
    void queue.submit(append('line', 1, [{ streamId: 'catalog', version: 3 }]));
    void queue.submit(append('catalog', 3));
    statements[0]!.finish();
    await tick();
    expect(statements[1]!.streams).toEqual(['x', 'line']);
    statements[1]!.finish();
    await tick();
    await tick();
    expect(statements[2]!.streams).toEqual(['x', 'catalog']);
  });

  it('given a batch that did not write an append, then that append is retried on its own and answers for itself', async () => {
    const { runner, statements } = heldRunner((a) => a.write.streamId !== 'stale');
    const queue = new AppendQueue(runner, { lanes: 1, stallMs: 60_000 });
    void queue.submit(append('busy', 1));
    const fine = queue.submit(append('fine', 1));
    const stale = queue.submit(append('stale', 1));
    statements[0]!.finish();
    await tick();
    statements[1]!.finish();
    await tick();
    expect(statements.map((s) => [s.kind, s.streams])).toEqual([['one', ['busy']], ['many', ['fine', 'stale']], ['one', ['stale']]]);
    statements[2]!.finish();
    expect((await fine).nextExpectedVersion).toBe(2);
    expect((await stale).nextExpectedVersion).toBe(1);
  });

  it('given a batch statement that fails, then every append of it is retried on its own', async () => {
    const calls: string[][] = [];
    const runner: AppendRunner = {
      one: async (a) => (calls.push([a.write.streamId]), a.write.streamId === 'dup' ? Promise.reject(new Error('duplicate')) : result(1)),
      many: async (as) => (calls.push(as.map((a) => a.write.streamId)), Promise.reject(new Error('duplicate'))),
    };
    let release!: () => void;
    const busy = new Promise<AppendResult>((resolve) => (release = () => resolve(result(1))));
    const queue = new AppendQueue({ one: (a) => (a.write.streamId === 'busy' ? busy : runner.one(a)), many: runner.many }, { lanes: 1, stallMs: 60_000 });
    void queue.submit(append('busy', 1));
    const ok = queue.submit(append('ok', 1));
    const dup = queue.submit(append('dup', 1));
    release();
    await expect(ok).resolves.toMatchObject({ nextExpectedVersion: 1 });
    await expect(dup).rejects.toThrow('duplicate');
    expect(calls).toEqual([['ok', 'dup'], ['ok'], ['dup']]);
  });

  it('given the only statement stalled past stallMs while appends wait, then one more lane opens, and closes again when it finishes', async () => {
    const { runner, statements } = heldRunner();
    let clock = 0;
    const queue = new AppendQueue(runner, { lanes: 1, maxLanes: 2, stallMs: 5 }, () => clock);
    void queue.submit(append('locked', 1)); // waits on a row lock
    const waiting = queue.submit(append('other', 1));
    clock = 4;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statements).toHaveLength(1); // 4 < 5: not yet stalled by the queue's clock
    clock = 10;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statements.map((s) => s.streams)).toEqual([['locked'], ['other']]);
    statements[1]!.finish();
    await expect(waiting).resolves.toMatchObject({ nextExpectedVersion: 1 });
    // Still stalled: the next waiting appends get a second lane again, together; a third lane never opens.
    void queue.submit(append('third', 1));
    void queue.submit(append('fourth', 1));
    clock = 100;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statements.map((s) => s.streams)).toEqual([['locked'], ['other'], ['third', 'fourth']]);
    void queue.submit(append('fifth', 1));
    clock = 1_000;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statements).toHaveLength(3);
    statements[2]!.finish(); // the second lane is free again; the first still stalls, so the next watch opens it
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(statements.map((s) => s.streams)).toEqual([['locked'], ['other'], ['third', 'fourth'], ['fifth']]);
    statements[3]!.finish();
    statements[0]!.finish();
  });

  it('takes only appends of a few events with an exact version or a new stream', () => {
    const many = Array.from({ length: 101 }, () => ({ type: 'T', data: {} }));
    expect(batchable(prepareAppend('a', many.slice(1), 3, '{}'))).toBe(true);
    expect(batchable(prepareAppend('a', many, 3, '{}'))).toBe(false);
    expect(batchable(append('a', 3).write)).toBe(true);
    expect(batchable(append('a', 'no-stream').write)).toBe(true);
    expect(batchable(prepareAppend('a', [{ type: 'T', data: {} }], 'any', '{}'))).toBe(false);
    expect(batchable(prepareAppend('a', [{ type: 'T', data: {} }], 'stream-exists', '{}'))).toBe(false);
    expect(batchable(prepareAppend('a', [], 3, '{}'))).toBe(false);
  });
});
