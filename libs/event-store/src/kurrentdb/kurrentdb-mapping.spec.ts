import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import { compareCheckpoints } from '../checkpoint';
import { ConcurrencyError, EventStoreInputError, StoreUnavailableError } from '../errors';
import type { ExpectedVersion } from '../event-store.port';
import {
  EVENT_ID_STREAM_PREFIX,
  checkpointOf,
  firstEndpoint,
  fromStoredData,
  mapKurrentError,
  positionOf,
  toStoredData,
  toStreamState,
  versionOfRevision,
  versionOfState,
} from './kurrentdb-mapping';

describe('KurrentDB mapping: expected versions', () => {
  it.each<[ExpectedVersion, unknown]>([
    ['any', ANY],
    ['no-stream', NO_STREAM],
    ['stream-exists', STREAM_EXISTS],
    [0, NO_STREAM], // version 0 = no events = no stream
    [1, 0n], // version n is revision n − 1
    [42, 41n],
  ])('port %p → stream state %p', (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it.each([['latest'], [-1], [1.5], [Number.NaN], [null], [undefined], ['5']])('refuses %p as invalid-expected-version', (expected) => {
    const error = (() => {
      try {
        toStreamState(expected as unknown as ExpectedVersion);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EventStoreInputError);
    expect(error).toMatchObject({ code: 'invalid-expected-version' });
  });

  it('turns revisions and current states into 1-based versions (0 = none)', () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(9n)).toBe(10);
    expect(versionOfState(4n)).toBe(5);
    expect(versionOfState('no_stream')).toBe(0);
    expect(versionOfState(-5n)).toBe(0); // deleted
  });
});

describe('KurrentDB mapping: positions and checkpoints', () => {
  it('maps (commit, prepare) to (transactionId, globalPosition) and back, keeping $all order', () => {
    const a = checkpointOf({ commit: 100n, prepare: 90n });
    const b = checkpointOf({ commit: 100n, prepare: 95n });
    const c = checkpointOf({ commit: 250n, prepare: 10n });
    expect(a).toEqual({ transactionId: 100n, globalPosition: 90n });
    expect(positionOf(a)).toEqual({ commit: 100n, prepare: 90n });
    expect(compareCheckpoints(a, b)).toBeLessThan(0);
    expect(compareCheckpoints(b, c)).toBeLessThan(0);
  });

  it('keeps positions beyond 2^53 exact (they go into projection_checkpoints as xid8/bigint)', () => {
    const big = { commit: 2n ** 62n + 7n, prepare: 2n ** 62n + 3n };
    expect(positionOf(checkpointOf(big))).toEqual(big);
  });
});

describe('KurrentDB mapping: stored data', () => {
  it.each([[{ a: 1 }], [[1, 2]], [1], ['text'], [null], [true]])('round-trips %p', (value) => {
    const { data, wrapped } = toStoredData(value);
    expect(typeof data).toBe('object');
    expect(fromStoredData(data, wrapped ? { wrapped: true } : {})).toEqual(value);
  });

  it('stores objects as they are (readable by other KurrentDB tools)', () => {
    expect(toStoredData({ line: { amount: '12.30' } })).toEqual({ data: { line: { amount: '12.30' } }, wrapped: false });
  });
});

describe('KurrentDB mapping: errors', () => {
  const expectations = new Map<string, ExpectedVersion>([['budget-501-2024', 3]]);

  it('wrong expected version → ConcurrencyError with the port version of the actual state', () => {
    const kurrent = new WrongExpectedVersionError(undefined, { streamName: 'budget-501-2024', expected: 2n, current: 6n });
    const mapped = mapKurrentError(kurrent, expectations);
    expect(mapped).toBeInstanceOf(ConcurrencyError);
    expect(mapped).toMatchObject({ streamId: 'budget-501-2024', expected: 3, actual: 7 });
  });

  it('a missing stream is actual version 0', () => {
    const kurrent = new WrongExpectedVersionError(undefined, { streamName: 'budget-501-2024', expected: 2n, current: NO_STREAM });
    expect(mapKurrentError(kurrent, expectations)).toMatchObject({ name: 'ConcurrencyError', actual: 0 });
  });

  it('an existing event id reservation → duplicate-event-id', () => {
    const id = '6f1c2b1e-8f0a-4d7e-9a55-3c2f1e0d9b8a';
    const mapped = mapKurrentError({ type: 'append-consistency-violation', violations: [{ streamName: `${EVENT_ID_STREAM_PREFIX}${id}`, actualState: 0n }] }, expectations);
    expect(mapped).toBeInstanceOf(EventStoreInputError);
    expect(mapped).toMatchObject({ code: 'duplicate-event-id' });
  });

  it('unavailable → StoreUnavailableError (HTTP 503); size limits → payload-too-large; others unchanged', () => {
    expect(mapKurrentError({ type: 'unavailable', message: 'down' }, expectations)).toBeInstanceOf(StoreUnavailableError);
    expect(mapKurrentError({ type: 'maximum-append-size-exceeded' }, expectations)).toMatchObject({ code: 'payload-too-large' });
    const other = new Error('other');
    expect(mapKurrentError(other, expectations)).toBe(other);
  });
});

describe('KurrentDB mapping: connection strings', () => {
  it.each([
    ['kurrentdb://127.0.0.1:2113?tls=false', { host: '127.0.0.1', port: 2113 }],
    ['kurrentdb+discover://admin:changeit@node1.example:2113,node2.example:2113?tls=true', { host: 'node1.example', port: 2113 }],
    ['kdb://kurrentdb', { host: 'kurrentdb', port: 2113 }],
  ])('%s → first endpoint', (url, endpoint) => {
    expect(firstEndpoint(url)).toEqual(endpoint);
  });

  it('refuses other schemes', () => {
    expect(firstEndpoint('postgres://localhost:5432')).toBeUndefined();
  });
});
