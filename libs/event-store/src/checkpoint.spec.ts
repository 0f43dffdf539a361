import { compareCheckpoints, formatCheckpoint, parseCheckpoint } from './checkpoint';
import { START } from './event-store.port';

describe('checkpoints', () => {
  it('order by transaction id, then global position', () => {
    expect(compareCheckpoints({ transactionId: 5n, globalPosition: 100n }, { transactionId: 6n, globalPosition: 1n })).toBeLessThan(0);
    expect(compareCheckpoints({ transactionId: 6n, globalPosition: 2n }, { transactionId: 6n, globalPosition: 1n })).toBeGreaterThan(0);
    expect(compareCheckpoints(START, { transactionId: 0n, globalPosition: 0n })).toBe(0);
  });

  it('round-trip through text', () => {
    const checkpoint = { transactionId: 9007199254740993n, globalPosition: 42n };
    expect(parseCheckpoint(formatCheckpoint(checkpoint))).toEqual(checkpoint);
    expect(() => parseCheckpoint('12')).toThrow();
  });
});
