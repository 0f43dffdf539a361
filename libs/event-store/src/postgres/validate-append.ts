import { randomUUID } from 'node:crypto';
import { EventStoreInputError } from '../errors';
import type { EventMetadata, ExpectedVersion, NewEvent } from '../event-store.port';

/** Upper bound of one event's data + metadata, as JSON bytes. */
export const MAX_EVENT_PAYLOAD_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The append as the SQL function takes it. */
export interface PreparedAppend {
  streamId: string;
  expected: ExpectedVersion;
  /** 'any' | 'no-stream' | 'stream-exists' | decimal version. */
  expectedText: string;
  eventIds: string[];
  types: string[];
  typeVersions: number[];
  /** Each event's data as JSON text. */
  data: string[];
}

export function expectedVersionText(expected: unknown): string {
  if (expected === 'any' || expected === 'no-stream' || expected === 'stream-exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0 && expected <= 999_999_999) return String(expected);
  throw new EventStoreInputError('invalid-expected-version', `Unknown expected version ${JSON.stringify(expected) ?? String(expected)}`);
}

function jsonText(value: unknown, what: string): string {
  try {
    return JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    throw new EventStoreInputError('invalid-payload', `${what} is not serialisable as JSON: ${(error as Error).message}`);
  }
}

/** Serialises the metadata once per append; it is shared by all events of the append. */
export function prepareMetadata(metadata: EventMetadata): string {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new EventStoreInputError('invalid-metadata', 'Metadata must be an object');
  }
  return jsonText(metadata, 'metadata');
}

/** Validates everything up front so a bad write is rejected before any SQL runs (nothing written). */
export function prepareAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion, metadataJson: string): PreparedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0 || streamId.length > 512) {
    throw new EventStoreInputError('invalid-stream-id', 'Stream id must be a non-empty string of at most 512 characters');
  }
  const expectedText = expectedVersionText(expected);
  if (!Array.isArray(events)) throw new EventStoreInputError('invalid-payload', 'Events must be an array');
  const metadataBytes = Buffer.byteLength(metadataJson, 'utf8');
  const eventIds: string[] = [];
  const types: string[] = [];
  const typeVersions: number[] = [];
  const datas: string[] = [];
  events.forEach((event, index) => {
    if (typeof event !== 'object' || event === null) throw new EventStoreInputError('invalid-payload', `Event #${index} is not an object`);
    if (typeof event.type !== 'string' || event.type.trim().length === 0) {
      throw new EventStoreInputError('missing-event-type', `Event #${index} has no type`);
    }
    const typeVersion = event.typeVersion ?? 1;
    if (!Number.isSafeInteger(typeVersion) || typeVersion < 1) {
      throw new EventStoreInputError('invalid-payload', `Event #${index} has an invalid typeVersion`);
    }
    const id = event.id ?? randomUUID();
    if (typeof id !== 'string' || !UUID.test(id)) throw new EventStoreInputError('invalid-event-id', `Event #${index} id is not a uuid`);
    const data = jsonText(event.data, `Event #${index} data`);
    if (Buffer.byteLength(data, 'utf8') + metadataBytes > MAX_EVENT_PAYLOAD_BYTES) {
      throw new EventStoreInputError('payload-too-large', `Event #${index} (${event.type}) exceeds ${MAX_EVENT_PAYLOAD_BYTES} bytes of data + metadata`);
    }
    eventIds.push(id);
    types.push(event.type);
    typeVersions.push(typeVersion);
    datas.push(data);
  });
  return { streamId, expected, expectedText, eventIds, types, typeVersions, data: datas };
}
