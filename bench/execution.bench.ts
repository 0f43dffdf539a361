/**
 * 支出执行 over HTTP on the built api (a child process on a fresh schema of the local Postgres), each measure
 * beside its physical reference on the same Postgres in the same run:
 *  - RECORD PAYMENT at 1, 8 and 32 closed-loop clients vs plain single-row INSERTs, read models in the api and in a
 *    worker process (issue 19: ≥ 0.25× and ≥ 0.35× at 8 and 32 clients);
 *  - 100,000 payments through the bulk route vs a plain batched INSERT of the same rows (target ≥ 0.5×);
 *  - 双监控 read latency (county dashboard, department drill-down), no target;
 *  - the api's RSS, sampled every 200 ms through the whole section (target < 300 MB).
 * Env: BENCH_SECONDS (per side, run and concurrency; default 3), BENCH_CLIENTS (default "1,8,32"),
 *      BENCH_PAYMENTS (default 100000 × BENCH_SCALE), BENCH_BULK_CLIENTS (default 4), BENCH_BULK_CHUNK (rows a
 *      request, default 5000), BENCH_MONITORING_REQUESTS (default 20).
 */
import { Pool } from 'pg';
import { bulkPaymentRows } from './execution/bulk-payments';
import { monitoringReadRows } from './execution/monitoring-reads';
import { recordPaymentRows } from './execution/record-payment';
import { startBenchApi } from './support/api-process';
import { startBenchWorker } from './reminders/worker-process';
import type { BenchContext, BenchRow, BenchSection } from './support/report';
import { sampleRss } from './support/rss-sampler';

const numberFromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Record payment on an api that leaves the read models to a worker process beside it (its own schema). */
async function recordPaymentsWithReadModelsInAWorker(context: BenchContext, options: { clientCounts: readonly number[]; seconds: number }): Promise<BenchRow[]> {
  const api = await startBenchApi(context.databaseUrl, { RUN_PROJECTIONS: 'false', RUN_WORKER: 'false' });
  const worker = await startBenchWorker({ databaseUrl: context.databaseUrl, schema: api.schema, redisUrl: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' });
  const plain = new Pool({ connectionString: context.databaseUrl, max: Math.max(...options.clientCounts), options: `-c search_path=${api.schema}` });
  try {
    return await recordPaymentRows(api, plain, { ...options, runs: context.runs, log: context.log, readModels: 'in a worker' });
  } finally {
    await plain.end();
    await worker.stop();
    await api.stop();
  }
}

export async function runExecutionBench(context: BenchContext): Promise<BenchSection[]> {
  const seconds = numberFromEnv('BENCH_SECONDS', 3);
  const clientCounts = (process.env['BENCH_CLIENTS'] ?? '1,8,32').split(',').map(Number);
  const payments = numberFromEnv('BENCH_PAYMENTS', Math.max(1000, Math.round(100_000 * Math.min(1, context.scale))));
  const bulkClients = numberFromEnv('BENCH_BULK_CLIENTS', 4);
  const chunk = numberFromEnv('BENCH_BULK_CHUNK', 5000);
  const monitoringRequests = numberFromEnv('BENCH_MONITORING_REQUESTS', 20);

  const api = await startBenchApi(context.databaseUrl);
  const rss = sampleRss(api.pid);
  const plain = new Pool({ connectionString: context.databaseUrl, max: Math.max(...clientCounts), options: `-c search_path=${api.schema}` });
  try {
    const atStart = rss.samples()[0] ?? Number.NaN;
    const recordRows = await recordPaymentRows(api, plain, { clientCounts, seconds, runs: context.runs, log: context.log, readModels: 'in the api' });
    const recordPeak = rss.peakMb();
    const bulkFrom = rss.samples().length;
    const bulk = await bulkPaymentRows(api, { payments, clients: bulkClients, chunk, runs: context.runs, log: context.log });
    const bulkPeak = rss.peakSinceMb(bulkFrom);
    const readRows = await monitoringReadRows(api, `BULK${context.runs - 1}C0`, bulk.lastPosition, monitoringRequests);
    const settled = await rss.settledMb(2000);
    context.log(`execution: api RSS ${atStart.toFixed(0)} MB at start, peak ${rss.peakMb().toFixed(0)} MB, ${settled.toFixed(0)} MB settled`);
    const splitRows = await recordPaymentsWithReadModelsInAWorker(context, { clientCounts, seconds });
    return [
      {
        title: 'Record payment over HTTP vs plain single-row INSERTs',
        rows: [...recordRows, ...splitRows],
        notes: [
          `Closed loop: each client records its next payment when the previous one answered; ${seconds} s per side, run and concurrency; each client pays against its own approved department budget (fresh per run: every run starts from the same ledger length).`,
          'HTTP side: POST /v1/execution/{dept}/2024/payments, one payment (1–9.99 元) each, on the built api (one process, keep-alive); every command loads the approved budget, the settings and the ledger stream, decides, appends with the expected version.',
          'Reference: the same number of clients each doing INSERT INTO reference_events (the shape of events; its own table so the api\'s projections do not read it) of one PaymentRecorded row (data and metadata of the shape the api stored) through a pg pool.',
          'Both sides start with every projection at the head: catch-up left over from the HTTP side is waited out before the reference runs.',
          'The rows "projections in a worker process" start a second api with RUN_PROJECTIONS=false and RUN_WORKER=false next to dist/apps/worker, which leads the projections, on the same 2 cores (issue 19: ≥ 0.35× at 8 and 32 clients there).',
        ],
      },
      {
        title: 'Bulk payments vs plain batched INSERT',
        rows: bulk.rows,
        notes: [
          `Bulk side: ${bulkClients} clients at once, each uploading its own department's ${Math.round(payments / bulkClients).toLocaleString('en-US')} payments in order as JSON arrays of ${chunk.toLocaleString('en-US')} to POST /v1/execution/{dept}/2024/payments/bulk (every row read, checked against the approved budget and the ledger, one atomic append a request); the clock runs from the first request to the last answer.`,
          'Reference: exactly the event rows the uploads wrote (read back from the events table), inserted by the same number of concurrent clients, a transaction per chunk, 1,000 rows a statement.',
        ],
      },
      {
        title: '双监控 reads and api memory under the execution load',
        rows: [
          ...readRows,
          {
            measure: 'api RSS, peak during the execution section (sampled every 200 ms)',
            value: rss.peakMb(),
            unit: 'MB',
            target: { kind: 'value-max', value: 300 },
            note: `${atStart.toFixed(0)} MB right after start; peak ${recordPeak.toFixed(0)} MB through the single payments, ${bulkPeak.toFixed(0)} MB through the bulk uploads; ${settled.toFixed(0)} MB settled after the last read`,
          },
        ],
        notes: ['The api is the built dist/apps/api (one process, projections and in-process reminders included); RSS from /proc/<pid>/status VmRSS.'],
      },
    ];
  } finally {
    rss.stop();
    await plain.end();
    await api.stop();
  }
}
