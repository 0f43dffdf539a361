import type { EventMetadata, RecordedEvent } from '../event-store.port';
import type { UpcasterChain } from './upcaster-chain';

/** The columns every read selects, in one place so all reads map rows the same way. */
export const EVENT_COLUMNS =
  'global_position, transaction_id, stream_id, stream_version, event_id, type, type_version, data, metadata, recorded_at';

export interface EventRow {
  global_position: bigint;
  transaction_id: bigint;
  stream_id: string;
  stream_version: number;
  event_id: string;
  type: string;
  type_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

function recordedAt(row: EventRow): Date {
  // The caller's decision time when it is a valid instant; the storage time otherwise.
  const fromMetadata = typeof row.metadata?.recordedAt === 'string' ? new Date(row.metadata.recordedAt) : undefined;
  return fromMetadata && !Number.isNaN(fromMetadata.getTime()) ? fromMetadata : new Date(row.recorded_at);
}

export function toRecordedEvent(row: EventRow, upcasters: UpcasterChain): RecordedEvent {
  const { typeVersion, data } = upcasters.size > 0 ? upcasters.upcast(row.type, row.type_version, row.data) : { typeVersion: row.type_version, data: row.data };
  return {
    id: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: BigInt(row.global_position),
    transactionId: BigInt(row.transaction_id),
    type: row.type,
    typeVersion,
    data,
    metadata: row.metadata,
    recordedAt: recordedAt(row),
  };
}
