/**
 * Projection rebuild: N events (default 1,000,000 × BENCH_SCALE) of realistic budget streams generated
 * straight into a fresh schema with appendMany in big batches, then the ProjectionRunner (production batch
 * size) builds the budget overview read model from the start — run 1 builds v1, each further run rebuilds
 * a bumped version beside the serving one and switches. Events per second from start until the switched
 * version's checkpoint is at the head. Reference: the same runner with a projection that writes nothing
 * (read, batch, checkpoint only). Target: ≥ 20,000 events/s.
 * Env: BENCH_REBUILD_EVENTS (overrides the count), BENCH_SCALE.
 */
import { randomUUID } from 'node:crypto';
import { budgetOverviewProjection } from '@budgetflow/budget-application';
import { compareCheckpoints, type EventMetadata, type NewEvent, PgSqlClient, PostgresEventStore, type Projection, ProjectionRunner, runMigrations } from '@budgetflow/event-store';
import type { BenchContext, BenchSection } from './support/report';
import { median } from './support/stats';

const EVENTS_PER_STREAM = 200;
const YEAR = 2030;

/** One budget stream: opened, one basic line, then that line revised over and over. */
function budgetStream(department: string, count: number): NewEvent[] {
  const events: NewEvent[] = [{ type: 'DraftOpened', data: { department: { code: department, name: `重建部门${department}`, unitKind: '行政' }, fiscalYear: YEAR } }];
  const line = { lineId: 'L1', functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款' };
  events.push({ type: 'BasicLineProposed', data: { line: { ...line, amount: '1000.00' } } });
  for (let i = events.length; i < count; i++) events.push({ type: 'BasicLineRevised', data: { line: { ...line, amount: `${1000 + i}.00` } } });
  return events;
}

export async function runProjectionRebuildBench(context: BenchContext): Promise<BenchSection[]> {
  const total = Number(process.env['BENCH_REBUILD_EVENTS'] ?? Math.round(1_000_000 * context.scale));
  const schema = `bench_rebuild_${randomUUID().slice(0, 8)}`;
  const sql = new PgSqlClient({ connectionString: context.databaseUrl, schema, max: 6, applicationName: 'bench-rebuild' });
  const store = new PostgresEventStore(sql, { notify: 'off' });
  const metadata: EventMetadata = { userId: 'bench', role: 'department', correlationId: randomUUID(), recordedAt: new Date().toISOString() };
  // BENCH_REBUILD_BATCH: the runner's batch size (default: the one the api uses, see PROJECTION_BATCH_SIZE below).
  const batchSize = Number(process.env['BENCH_REBUILD_BATCH'] ?? 0) || undefined;
  const rates: number[] = [];
  const referenceRates: number[] = [];
  let generateRate = 0;
  try {
    await runMigrations(sql);
    const streams = Math.ceil(total / EVENTS_PER_STREAM);
    const t0 = process.hrtime.bigint();
    const perCall = 25; // 25 streams × 200 events = 5,000 events per appendMany
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < streams) {
        const first = next;
        next = Math.min(streams, next + perCall);
        const writes = [];
        for (let s = first; s < next; s++) {
          const count = Math.min(EVENTS_PER_STREAM, total - s * EVENTS_PER_STREAM);
          writes.push({ streamId: `budget-R${s}-${YEAR}`, events: budgetStream(`R${s}`, count), expected: 'no-stream' as const });
        }
        await store.appendMany(writes, metadata);
      }
    };
    await Promise.all([writer(), writer()]);
    const generated = Number((await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    generateRate = generated / (Number(process.hrtime.bigint() - t0) / 1e9);
    context.log(`rebuild: generated ${generated} events (${generateRate.toFixed(0)}/s)`);
    // The commit-safe head lags while any transaction in the cluster is open (other sessions on a shared
    // Postgres): wait until it covers every generated event.
    const lastRow = (await sql.query<{ transaction_id: bigint; global_position: bigint }>('SELECT transaction_id, global_position FROM events ORDER BY transaction_id DESC, global_position DESC LIMIT 1')).rows[0]!;
    const last = { transactionId: BigInt(lastRow.transaction_id), globalPosition: BigInt(lastRow.global_position) };
    let head = await store.head();
    for (let waited = 0; compareCheckpoints(head, last) < 0; waited += 100) {
      if (waited > 120_000) throw new Error('the commit-safe head never reached the generated events (a long transaction elsewhere?)');
      await new Promise((resolve) => setTimeout(resolve, 100));
      head = await store.head();
    }

    const replay = async (projection: Projection): Promise<number> => {
      const runner = new ProjectionRunner({ sql, store, projections: [projection], ...(batchSize ? { batchSize } : {}) });
      const started = process.hrtime.bigint();
      runner.start();
      try {
        // Until this version serves (a rebuild switches only once caught up) and its checkpoint is at the head.
        const deadline = Date.now() + 30 * 60_000;
        for (;;) {
          const { rows } = await sql.query<{ active_version: number }>('SELECT active_version FROM projection_versions WHERE name = $1', [projection.name]);
          if (rows[0]?.active_version === projection.version && runner.status()[0]?.mode === 'active') break;
          if (Date.now() > deadline) throw new Error(`${projection.name}@v${projection.version} never switched in`);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        const caughtUp = await runner.waitFor(projection.name, head, Math.max(1, deadline - Date.now()));
        if (!caughtUp) throw new Error(`${projection.name}@v${projection.version} did not catch up`);
      } finally {
        await runner.stop();
      }
      return generated / (Number(process.hrtime.bigint() - started) / 1e9);
    };

    for (let run = 0; run < context.runs; run++) {
      const version = run + 1;
      const rate = await replay({ ...budgetOverviewProjection, version });
      const count = await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM budget_overview');
      if (Number(count.rows[0]!.n) !== streams) throw new Error(`rebuild left ${count.rows[0]!.n} overview rows, expected ${streams}`);
      const reference = await replay({ name: 'bench_noop', version, apply: async () => undefined });
      rates.push(rate);
      referenceRates.push(reference);
      context.log(`rebuild run ${run + 1}: budget_overview v${version} ${rate.toFixed(0)} events/s, no-op projection ${reference.toFixed(0)} events/s`);
    }
  } finally {
    await store.close();
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await sql.close();
  }
  return [
    {
      title: 'Projection rebuild',
      rows: [
        {
          measure: `rebuild budget_overview over ${total.toLocaleString('en-US')} events (${Math.ceil(total / EVENTS_PER_STREAM).toLocaleString('en-US')} budgets)`,
          value: median(rates),
          unit: 'events/s',
          reference: { label: 'same runner, projection that writes nothing', value: median(referenceRates) },
          target: { kind: 'value-min', value: 20_000 },
          runs: rates.map(Math.round),
        },
      ],
      notes: [
        `Events generated with appendMany (5,000 events a call, 2 writers) at ${Math.round(generateRate).toLocaleString('en-US')} events/s; streams of ${EVENTS_PER_STREAM} events (opened, one line, revisions).`,
        'Run 1 builds v1 from nothing; later runs bump the version: the new tables are built beside the serving ones, then switched and the old ones dropped (the production rebuild path). Time runs until the switched version has caught up.',
      ],
    },
  ];
}
