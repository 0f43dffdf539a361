/**
 * Pure mappings between the event store port and KurrentDB (no I/O, unit-tested without a server):
 * expected versions ↔ stream states, 1-based versions ↔ 0-based revisions, positions ↔ checkpoints,
 * the stored event shape, and KurrentDB's errors ↔ the port's typed errors.
 */
import type { AppendStreamState, Position } from '@kurrent/kurrentdb-client';
import { ConcurrencyError, EventStoreInputError, StoreUnavailableError } from '../errors';
import type { Checkpoint, EventMetadata, ExpectedVersion } from '../event-store.port';
import { START } from '../event-store.port';

// The client's stream-state constants, as values: importing them would load the gRPC client (≈ 30 MB, 150 ms)
// into every process that uses the event store, KurrentDB or not.
const ANY = 'any' satisfies AppendStreamState;
const NO_STREAM = 'no_stream' satisfies AppendStreamState;
const STREAM_EXISTS = 'stream_exists' satisfies AppendStreamState;

/** Streams that hold one reservation event per caller-supplied event id (global event id uniqueness). */
export const EVENT_ID_STREAM_PREFIX = 'bf-event-id-';
/** Server-side $all filter: no system streams ($…, $$…) and no event id reservations. */
export const USER_STREAMS_REGEX = `^(?!\\$|${EVENT_ID_STREAM_PREFIX}).*`;

/** Port expected version → KurrentDB stream state. Version n (1-based, 0 = empty) is revision n − 1. */
export function toStreamState(expected: ExpectedVersion): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected === 0 ? NO_STREAM : BigInt(expected - 1);
      throw new EventStoreInputError('invalid-expected-version', `Unknown expected version ${JSON.stringify(expected) ?? String(expected)}`);
  }
}

/** KurrentDB's current stream state (revision, or no_stream / deleted markers) → port version (0 = no events). */
export function versionOfState(state: unknown): number {
  if (typeof state === 'bigint') return state < 0n ? 0 : Number(state) + 1;
  if (typeof state === 'number') return state < 0 ? 0 : state + 1;
  return 0; // 'no_stream' and anything else
}

/** A 0-based revision → the port's 1-based stream version. */
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/** $all positions are (commit, prepare), ordered by commit then prepare — the port's checkpoint pair. */
export const checkpointOf = (position: Position): Checkpoint => ({ transactionId: BigInt(position.commit), globalPosition: BigInt(position.prepare) });
export const positionOf = (checkpoint: Checkpoint): Position => ({ commit: checkpoint.transactionId, prepare: checkpoint.globalPosition });
export const isStart = (checkpoint: Checkpoint): boolean => checkpoint.transactionId === START.transactionId && checkpoint.globalPosition === START.globalPosition;

/**
 * What is stored per event: JSON objects and arrays as they are; any other JSON value (a number, null …)
 * is wrapped so KurrentDB (which takes objects, arrays or strings) can hold it. The port's type version
 * and metadata go into the KurrentDB metadata.
 */
export interface StoredMetadata {
  typeVersion: number;
  /** True when `data` is `{ value }` around a non-object value. */
  wrapped?: true;
  metadata: EventMetadata;
}

export function toStoredData(data: unknown): { data: Record<string, unknown> | unknown[]; wrapped: boolean } {
  if (typeof data === 'object' && data !== null) return { data: data as Record<string, unknown> | unknown[], wrapped: false };
  return { data: { value: data === undefined ? null : data }, wrapped: true };
}

export function fromStoredData(data: unknown, stored: Partial<StoredMetadata> | undefined): unknown {
  return stored?.wrapped ? (data as { value: unknown }).value : data;
}

interface KurrentError {
  type?: string;
  streamName?: string;
  actualState?: unknown;
  violations?: Array<{ streamName: string; actualState: unknown }>;
  message?: string;
}

/**
 * A KurrentDB client error → the port's error: wrong expected version → ConcurrencyError (or
 * duplicate-event-id when it is an event id reservation that already exists), unavailable/deadline →
 * StoreUnavailableError, size limits → payload-too-large. Anything else is returned unchanged.
 */
export function mapKurrentError(error: unknown, expectations: ReadonlyMap<string, ExpectedVersion>): unknown {
  const e = error as KurrentError | undefined;
  switch (e?.type) {
    case 'wrong-expected-version':
    case 'append-consistency-violation': {
      const conflicts = e.type === 'wrong-expected-version' ? [{ streamName: e.streamName ?? '', actualState: e.actualState }] : (e.violations ?? []);
      const reservation = conflicts.find((c) => c.streamName.startsWith(EVENT_ID_STREAM_PREFIX));
      if (reservation) return new EventStoreInputError('duplicate-event-id', `Event id ${reservation.streamName.slice(EVENT_ID_STREAM_PREFIX.length)} already exists`);
      const conflict = conflicts.find((c) => expectations.has(c.streamName)) ?? conflicts[0];
      const streamId = conflict?.streamName ?? '';
      return new ConcurrencyError(streamId, expectations.get(streamId) ?? 'any', versionOfState(conflict?.actualState));
    }
    case 'unavailable':
    case 'deadline-exceeded':
    case 'timeout':
    case 'not-leader':
    case 'cancelled':
      return new StoreUnavailableError(`KurrentDB unavailable: ${e.message ?? e.type}`, error);
    case 'maximum-append-size-exceeded':
    case 'append-record-size-exceeded':
    case 'transaction-max-size-exceeded':
      return new EventStoreInputError('payload-too-large', `KurrentDB refused the append size: ${e.message ?? e.type}`);
    default:
      return error;
  }
}

/** host:port of a KurrentDB connection string (first host of a cluster list), for a reachability probe. */
export function firstEndpoint(connectionString: string): { host: string; port: number } | undefined {
  const match = /^(?:kurrentdb|kurrent|kdb|esdb)(?:\+discover)?:\/\/(?:[^@/]*@)?([^,/?]+)/i.exec(connectionString.trim());
  if (!match) return undefined;
  const hostPort = match[1]!;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1]!, port: Number(bracketed[2] ?? 2113) };
  const [host, port] = hostPort.split(':');
  return { host: host!, port: Number(port ?? 2113) };
}
