import { budgetStreamId } from '@budgetflow/budget-domain';
import { InMemoryEventStore, PgliteSqlClient, type Projection, type RecordedEvent } from '@budgetflow/event-store';
import { projectionBatches } from '@budgetflow/testing';
import { createDisclosureProjection } from './disclosure.projection';

/**
 * The disclosure projection's reads and statements per batch: a batch that goes on from the fold it keeps in the
 * memo reads nothing of the store and writes a budget in one statement; a batch with a gap in a stream, or a fresh
 * memo (a new lead), reads. Whatever it reads, the rows are those of one batch over every event with a fresh memo.
 */
describe('disclosure projection: folds its batches, reads only what they lack', () => {
  const stamp = { by: 'u-clerk', at: '2024-01-15T09:00:00.000Z' };
  const metadata = { userId: 'u-clerk', role: 'department' as const, department: '501', correlationId: 'c-1', recordedAt: '2024-01-15T09:00:00.000Z' };
  const streamId = budgetStreamId('501', 2024);
  let sql: PgliteSqlClient;
  let store: InMemoryEventStore;

  beforeEach(async () => {
    sql = await PgliteSqlClient.create();
    store = new InMemoryEventStore();
  });
  afterEach(async () => {
    await store.close?.();
    await sql.close();
  });

  const append = async (...amounts: string[]) => {
    const version = await store.streamVersion(streamId);
    const events = amounts.map((amount, i) => ({
      type: 'BasicLineProposed',
      // The first line under 类 208, the others under 201.
      data: { line: { lineId: `L-${version + i}`, functionalCode: version + i === 0 ? '2080505' : '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount }, ...stamp },
    }));
    if (version === 0) events.unshift({ type: 'DraftOpened', data: { department: { code: '501', name: '馆陶县信访局', unitKind: '行政' }, fiscalYear: 2024, ...stamp } as never });
    await store.append(streamId, events, version === 0 ? 'no-stream' : version, metadata);
  };

  /**
   * A runner of one projection, batch by batch, on a memo of its own (`lead` starts a new one, as the runner does):
   * each batch answers its reads of this budget and of stream heads, and its statements by their first words.
   */
  const runnerOf = async (projection: Projection) => {
    const batches = await projectionBatches(projection, sql, store);
    return {
      lead: batches.lead,
      async batch(keep?: (event: RecordedEvent) => boolean) {
        const { reads, statements } = await batches.batch(keep);
        return {
          reads: reads.filter((read) => read.includes(streamId) || read.startsWith('streamHeads')),
          statements: statements.map((text) => text.trim().split(/\s+/).slice(0, 3).join(' ')),
        };
      },
    };
  };

  const rowsOf = async (version: number) => ({
    documents: (await sql.query<Record<string, unknown>>(`SELECT version_label, stream_version, status, document FROM disclosure_documents_v${version} ORDER BY version_label`)).rows,
    classes: (await sql.query<Record<string, unknown>>(`SELECT version_label, class_code, class_name, basic, project, total FROM disclosure_functional_classes_v${version} ORDER BY version_label, class_code`)).rows,
  });

  it('goes on from its fold without reading, reads on a gap and on a new lead, and writes what one batch of everything writes', async () => {
    const live = await runnerOf(createDisclosureProjection(2));

    await append('1000.00');
    const first = await live.batch();
    // A batch that starts the stream folds it alone; the catalog and the settings are read once per lead.
    expect(first.reads.filter((read) => read.startsWith('readStream budget'))).toEqual([]);
    expect(first.reads.filter((read) => read.startsWith('streamHeads'))).toHaveLength(2);

    await append('2000.00', '3000.00');
    const next = await live.batch();
    expect(next.reads).toEqual([]);
    // The draft and its functional classes in one statement; no look-up of the rows written.
    expect(next.statements).toEqual(['WITH document AS']);

    // A batch that lacks the stream's next version (a hole in it) reads what the fold lacks.
    await append('4000.00');
    await append('5000.00');
    const gap = await live.batch((event) => event.streamVersion !== 5);
    expect(gap.reads).toEqual([`readStream ${streamId}`]);

    // A new lead: another leader may have written meanwhile, so the fold and the rows written are asked again.
    live.lead();
    await append('6000.00');
    const led = await live.batch();
    expect(led.reads.filter((read) => read.startsWith('readStream budget'))).toEqual([`readStream ${streamId}`]);
    expect(led.statements).toEqual(['SELECT version_label, published', 'WITH document AS']);

    // The only line of 类 208 withdrawn: the class goes from the rows too, in the same one statement.
    const version = await store.streamVersion(streamId);
    const before = await rowsOf(2);
    expect(before.classes.map((row) => row['class_code'])).toEqual(['201', '208']);
    await store.append(streamId, [{ type: 'BasicLineWithdrawn', data: { lineId: 'L-0', ...stamp } }], version, metadata);
    expect(await live.batch()).toEqual({ reads: [], statements: ['WITH document AS'] });

    const rebuilt = await runnerOf(createDisclosureProjection(3));
    await rebuilt.batch();
    const [liveRows, rebuiltRows] = [await rowsOf(2), await rowsOf(3)];
    expect(liveRows).toEqual(rebuiltRows);
    expect(liveRows.documents).toHaveLength(1);
    expect(liveRows.documents[0]).toMatchObject({ version_label: 'draft', stream_version: 8 });
    // Every line but the withdrawn one (1,000.00 under 208), the line the gap's batch lacked (4,000.00) among them.
    expect(liveRows.classes).toEqual([expect.objectContaining({ version_label: 'draft', class_code: '201', basic: '20000.00', total: '20000.00' })]);
  });
});
