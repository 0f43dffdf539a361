import { EventStoreInputError } from '../errors';
import { MAX_EVENT_PAYLOAD_BYTES, expectedVersionText, prepareAppend, prepareMetadata } from './validate-append';

const meta = prepareMetadata({ userId: 'u', role: 'admin', correlationId: 'c', recordedAt: '2024-01-01T00:00:00Z' });

describe('append validation', () => {
  it('accepts the four expected-version forms and nothing else', () => {
    expect(['any', 'no-stream', 'stream-exists', 0, 7].map(expectedVersionText)).toEqual(['any', 'no-stream', 'stream-exists', '0', '7']);
    for (const bad of ['latest', -1, 1.5, NaN, Infinity, null, undefined, '3', {}]) {
      expect(() => expectedVersionText(bad)).toThrow(EventStoreInputError);
    }
  });

  it('prepares arrays for the append statement with generated ids and default type version', () => {
    const prepared = prepareAppend('s', [{ type: 'A', data: { x: 1 } }, { type: 'B', typeVersion: 3, data: undefined }], 'any', meta);
    expect(prepared.types).toEqual(['A', 'B']);
    expect(prepared.typeVersions).toEqual([1, 3]);
    expect(prepared.data).toEqual(['{"x":1}', 'null']);
    expect(prepared.eventIds.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
  });

  it('measures data + metadata in UTF-8 bytes against 1 MiB', () => {
    const chinese = '预'.repeat(Math.floor(MAX_EVENT_PAYLOAD_BYTES / 3)); // 3 bytes each in UTF-8
    expect(() => prepareAppend('s', [{ type: 'A', data: chinese }], 'any', meta)).toThrow(expect.objectContaining({ code: 'payload-too-large' }));
  });

  it('rejects bad stream ids, event ids and metadata', () => {
    expect(() => prepareAppend('', [{ type: 'A', data: 1 }], 'any', meta)).toThrow(expect.objectContaining({ code: 'invalid-stream-id' }));
    expect(() => prepareAppend('s', [{ type: 'A', data: 1, id: 'nope' }], 'any', meta)).toThrow(expect.objectContaining({ code: 'invalid-event-id' }));
    expect(() => prepareMetadata(null as never)).toThrow(expect.objectContaining({ code: 'invalid-metadata' }));
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => prepareAppend('s', [{ type: 'A', data: cyclic }], 'any', meta)).toThrow(expect.objectContaining({ code: 'invalid-payload' }));
  });
});
