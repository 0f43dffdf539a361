/**
 * Append throughput of the event store vs plain single-row INSERTs of the same rows, same Postgres,
 * same run, at 1 and 8 concurrent writers. Target: store ≥ 0.7× plain.
 *
 * Run: `npm run bench` (builds, then runs this file from dist/), or import runEventStoreBench() from a wrapper.
 * Env: DATABASE_URL, BENCH_SECONDS (per side and writer count, default 3), BENCH_WRITERS (default "1,8"),
 *      BENCH_NOTIFY (after-commit | in-transaction | off; default after-commit, the store's default).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DEFAULT_DATABASE_URL, PgSqlClient, PostgresEventStore, runMigrations, type EventMetadata } from '@budgetflow/event-store';

export interface BenchResult {
  writers: number;
  plainInsertsPerSecond: number;
  storeAppendsPerSecond: number;
  /** store / plain. */
  ratio: number;
}

const metadata: EventMetadata = {
  userId: 'bench-user',
  role: 'department',
  department: '501',
  correlationId: randomUUID(),
  recordedAt: new Date().toISOString(),
};

/** A budget-line-like payload of a few hundred bytes. */
function eventData(i: number): Record<string, unknown> {
  return { lineId: `L-${i}`, functional: '2010301', economic: '30101', amount: '12345.67', note: 'bench payload '.repeat(8) };
}

/** Runs `writers` loops of `op` for `seconds`; returns operations per second. */
async function measure(writers: number, seconds: number, op: (writer: number) => Promise<void>): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let count = 0;
      for (; Date.now() < deadline; count++) await op(writer);
      return count;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return counts.reduce((a, b) => a + b, 0) / elapsed;
}

export async function runEventStoreBench(
  options: { databaseUrl?: string; seconds?: number; writers?: readonly number[] } = {},
): Promise<BenchResult[]> {
  const databaseUrl = options.databaseUrl ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const seconds = options.seconds ?? Number(process.env['BENCH_SECONDS'] ?? 3);
  const writerCounts = options.writers ?? (process.env['BENCH_WRITERS'] ?? '1,8').split(',').map(Number);
  const maxWriters = Math.max(...writerCounts);
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const sql = new PgSqlClient({ connectionString: databaseUrl, schema, max: maxWriters });
  const plain = new Pool({ connectionString: databaseUrl, max: maxWriters, options: `-c search_path=${schema}` });
  const notify = (process.env['BENCH_NOTIFY'] ?? 'after-commit') as 'after-commit' | 'in-transaction' | 'off';
  const store = new PostgresEventStore(sql, { notify });
  const results: BenchResult[] = [];
  try {
    await runMigrations(sql);
    let run = 0;
    for (const writers of writerCounts) {
      run++;
      const metadataJson = JSON.stringify(metadata);
      // Warm both paths (connections, plan caches) before measuring.
      const warm = async (tag: string): Promise<void> => {
        await Promise.all(
          Array.from({ length: writers }, (_, w) =>
            store.append(`warm-${tag}-${run}-${w}`, [{ type: 'Warm', data: eventData(0) }], 'any', metadata),
          ),
        );
      };
      await warm('a');
      // Interleave half-second rounds of each side: the disk's fsync latency drifts, a long run of one
      // side then the other would compare two different disks.
      const rounds = Math.max(1, Math.round(seconds * 2));
      let plainTotal = 0;
      let storeTotal = 0;
      const versions = Array.from({ length: writers }, () => ({ plain: 0, store: 0 }));
      for (let round = 0; round < rounds; round++) {
        plainTotal += await measure(writers, seconds / rounds, async (writer) => {
          const v = versions[writer] as { plain: number };
          v.plain++;
          await plain.query(
            'INSERT INTO events (stream_id, stream_version, event_id, type, type_version, data, metadata) VALUES ($1, $2, $3, $4, $5, $6, $7)',
            [`plain-${run}-${writer}`, v.plain, randomUUID(), 'BudgetLineAdded', 1, JSON.stringify(eventData(v.plain)), metadataJson],
          );
        });
        storeTotal += await measure(writers, seconds / rounds, async (writer) => {
          const v = versions[writer] as { store: number };
          await store.append(`store-${run}-${writer}`, [{ type: 'BudgetLineAdded', data: eventData(v.store) }], v.store, metadata);
          v.store++;
        });
      }
      const plainRate = plainTotal / rounds;
      const storeRate = storeTotal / rounds;
      results.push({ writers, plainInsertsPerSecond: plainRate, storeAppendsPerSecond: storeRate, ratio: storeRate / plainRate });
    }
  } finally {
    await store.close();
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
    await plain.end();
    await sql.close();
  }
  return results;
}

export function formatBench(results: readonly BenchResult[]): string {
  const rows = results.map((r) =>
    [String(r.writers).padStart(7), r.plainInsertsPerSecond.toFixed(0).padStart(14), r.storeAppendsPerSecond.toFixed(0).padStart(14), `${r.ratio.toFixed(2)}×`.padStart(7), r.ratio >= 0.7 ? 'ok' : 'BELOW 0.7×'].join(' | '),
  );
  return ['writers |  plain INSERT/s |  store append/s |   ratio | target ≥ 0.7×', ...rows].join('\n');
}

if (require.main === module) {
  runEventStoreBench().then(
    (results) => console.log(formatBench(results)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
