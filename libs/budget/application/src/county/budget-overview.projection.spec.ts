import { budgetStreamId } from '@budgetflow/budget-domain';
import { InMemoryEventStore, PgliteSqlClient } from '@budgetflow/event-store';
import { projectionBatches } from '@budgetflow/testing';
import { budgetOverviewProjection } from './budget-overview.projection';

/** The county overview writes every budget of a batch in one statement, and reads no stream the batch starts. */
describe('budget overview projection: one statement per batch', () => {
  const stamp = { by: 'u-clerk', at: '2024-01-15T09:00:00.000Z' };
  let sql: PgliteSqlClient;
  let store: InMemoryEventStore;

  beforeAll(async () => {
    sql = await PgliteSqlClient.create();
    store = new InMemoryEventStore();
    batches = await projectionBatches(budgetOverviewProjection, sql, store);
  });
  afterAll(async () => {
    await store.close();
    await sql.close();
  });

  const propose = async (department: string, ...amounts: string[]) => {
    const streamId = budgetStreamId(department, 2024);
    const version = await store.streamVersion(streamId);
    const events: { type: string; data: object }[] = amounts.map((amount, i) => ({
      type: 'BasicLineProposed',
      data: { line: { lineId: `L-${version + i}`, functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount }, ...stamp },
    }));
    if (version === 0) events.unshift({ type: 'DraftOpened', data: { department: { code: department, name: `部门${department}`, unitKind: '行政' }, fiscalYear: 2024, ...stamp } });
    const metadata = { userId: 'u-clerk', role: 'department' as const, department, correlationId: 'c-1', recordedAt: stamp.at };
    await store.append(streamId, events, version === 0 ? 'no-stream' : version, metadata);
  };

  let batches: Awaited<ReturnType<typeof projectionBatches>>;
  /** One batch: the streams it read and how many statements it sent. */
  const batch = async () => {
    const { reads, statements } = await batches.batch();
    return { reads: reads.filter((read) => read.startsWith('readStream ')).map((read) => read.slice('readStream '.length)), statements: statements.length };
  };
  const rows = async () => (await sql.query('SELECT department, stream_version, basic FROM budget_overview_v1 ORDER BY department')).rows;

  it('writes the budgets of a batch in one statement, reading only a stream that began before the batch and is not in the memo', async () => {
    await propose('501', '1000.00');
    await propose('502', '10.00', '20.00');
    expect(await batch()).toEqual({ reads: [], statements: 1 });
    expect(await rows()).toEqual([
      { department: '501', stream_version: 2, basic: '1000.00' },
      { department: '502', stream_version: 3, basic: '30.00' },
    ]);

    await propose('501', '500.00');
    await propose('502', '5.00');
    batches.lead(); // a new lead: both streams began before the batch, so both are read
    expect(await batch()).toEqual({ reads: [budgetStreamId('501', 2024), budgetStreamId('502', 2024)], statements: 1 });
    expect(await rows()).toEqual([
      { department: '501', stream_version: 3, basic: '1500.00' },
      { department: '502', stream_version: 4, basic: '35.00' },
    ]);
  });
});
