import type { ExpectedVersion } from './event-store.port';

/** The stream was not at the version the caller expected (HTTP 409/412). */
export class ConcurrencyError extends Error {
  override readonly name = 'ConcurrencyError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** Current version of the stream (0 when it does not exist). */
    readonly actual: number,
  ) {
    super(`Wrong expected version for stream "${streamId}": expected ${String(expected)}, actual ${actual}`);
  }
}

export type EventStoreInputErrorCode =
  | 'invalid-stream-id'
  | 'invalid-expected-version'
  | 'missing-event-type'
  | 'invalid-event-id'
  | 'duplicate-event-id'
  | 'invalid-metadata'
  | 'invalid-payload'
  | 'payload-too-large';

/** The caller's input is unusable; nothing was written (HTTP 400/422). */
export class EventStoreInputError extends Error {
  override readonly name = 'EventStoreInputError';
  constructor(
    readonly code: EventStoreInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The database cannot be reached or is shutting down (HTTP 503); retrying later may succeed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A read model asked for before its projection has created its tables (HTTP 503: ready in a moment). */
export class ProjectionNotReadyError extends Error {
  override readonly name = 'ProjectionNotReadyError';
  constructor(readonly projection: string) {
    super(`Projection "${projection}" has not been set up yet`);
  }
}
