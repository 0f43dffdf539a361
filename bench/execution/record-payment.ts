/**
 * RECORD PAYMENT over HTTP (POST /v1/execution/{dept}/2024/payments, one payment a request) at 1, 8 and 32
 * closed-loop clients (read models in the api, or in a worker process beside it), each client on its own approved
 * department, against the same number of clients doing plain single-row INSERTs of a PaymentRecorded event row
 * (same table, same columns, data and metadata of the shape the api wrote) into the api's schema.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { BenchApi } from '../support/api-process';
import { waitForProjectionsIdle } from '../support/projections-idle';
import type { BenchRow } from '../support/report';
import { closedLoop, median, percentile } from '../support/stats';
import { commandRatioTarget } from '../support/command-targets';
import { type ApprovedDepartment, YEAR, approvedDepartments, paymentRow } from './approved-budgets';
import { INSERT_REFERENCE_EVENT } from '../support/reference-events';

export interface RecordPaymentOptions {
  clientCounts: readonly number[];
  /** Where the read models run: in the api (the one-process default) or in a worker process beside it. */
  readModels: 'in the api' | 'in a worker';
  seconds: number;
  runs: number;
  log(message: string): void;
}

interface Side {
  rate: number;
  latencies: number[];
}

const plural = (clients: number): string => `${clients} client${clients > 1 ? 's' : ''}`;

/** The HTTP side: each client records the next payment of its own department when the previous one answered. */
function recordOverHttp(api: BenchApi, departments: readonly ApprovedDepartment[]): (client: number) => Promise<void> {
  const counts = new Array<number>(departments.length).fill(0);
  return async (client) => {
    const department = departments[client]!;
    const n = counts[client]!++;
    const answer = await api.call('POST', `/v1/execution/${department.code}/${YEAR}/payments`, department.token, paymentRow(department, 'HTTP', n));
    if (answer.status !== 201) throw new Error(`record payment failed: ${answer.status} ${answer.body.slice(0, 500)}`);
  };
}

/** A PaymentRecorded row as the api stored it: the plain side inserts rows of this shape. */
async function storedPayment(api: BenchApi, department: ApprovedDepartment): Promise<{ data: Record<string, unknown>; metadata: unknown }> {
  const { rows } = await api.sql.query<{ data: Record<string, unknown>; metadata: unknown }>(
    `SELECT data, metadata FROM events WHERE stream_id = $1 AND type = 'PaymentRecorded' ORDER BY stream_version LIMIT 1`,
    [`execution-${department.code}-${YEAR}`],
  );
  if (!rows[0]) throw new Error(`no PaymentRecorded event stored for ${department.code}`);
  return rows[0];
}

/** The reference side: each client appends one event row to its own stream per statement. */
function plainInsert(plain: Pool, tag: string, clients: number, sample: { data: Record<string, unknown>; metadata: unknown }): (client: number) => Promise<void> {
  const versions = new Array<number>(clients).fill(0);
  const metadata = JSON.stringify(sample.metadata);
  return async (client) => {
    const version = ++versions[client]!;
    await plain.query(`${INSERT_REFERENCE_EVENT} ($1, $2, $3, $4, $5, $6, $7)`, [
      `plain-pay-${tag}-${client}`,
      version,
      randomUUID(),
      'PaymentRecorded',
      1,
      JSON.stringify({ ...sample.data, voucher: `PLAIN-${version}` }),
      metadata,
    ]);
  };
}

async function oneRun(api: BenchApi, plain: Pool, departments: readonly ApprovedDepartment[], tag: string, seconds: number): Promise<{ http: Side; reference: Side }> {
  const clients = departments.length;
  const record = recordOverHttp(api, departments);
  await closedLoop(clients, 0.5, record); // warm-up: connections, plan caches, JIT
  const insert = plainInsert(plain, tag, clients, await storedPayment(api, departments[0]!));
  await closedLoop(clients, 0.3, insert);
  await waitForProjectionsIdle(api.sql);
  const h = await closedLoop(clients, seconds, record);
  // Projection catch-up left over from the HTTP side must not take CPU from the reference.
  await waitForProjectionsIdle(api.sql);
  const p = await closedLoop(clients, seconds, insert);
  await waitForProjectionsIdle(api.sql);
  return { http: { rate: h.perSecond, latencies: h.latencies }, reference: { rate: p.perSecond, latencies: p.latencies } };
}

export async function recordPaymentRows(api: BenchApi, plain: Pool, options: RecordPaymentOptions): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // The worker layout's rows say so, and its departments and reference streams carry a W.
  const [label, mode] = options.readModels === 'in the api' ? ['', ''] : [', projections in a worker process', 'W'];
  for (const clients of options.clientCounts) {
    // Fresh departments per run: every run starts from the same ledger lengths.
    const codes = Array.from({ length: options.runs * clients }, (_, i) => `PAY${mode}${clients}R${Math.floor(i / clients)}C${i % clients}`);
    const departments = await approvedDepartments(api, codes);
    const http: Side[] = [];
    const reference: Side[] = [];
    for (let run = 0; run < options.runs; run++) {
      const result = await oneRun(api, plain, departments.slice(run * clients, (run + 1) * clients), `${mode}${clients}-${run}`, options.seconds);
      http.push(result.http);
      reference.push(result.reference);
      options.log(`record payment, ${plural(clients)}${label}, run ${run + 1}: ${result.http.rate.toFixed(0)}/s vs plain ${result.reference.rate.toFixed(0)}/s`);
    }
    const allHttp = http.flatMap((side) => side.latencies);
    const allPlain = reference.flatMap((side) => side.latencies);
    rows.push({
      measure: `record payment over HTTP, ${plural(clients)}${label}`,
      value: median(http.map((side) => side.rate)),
      unit: 'commands/s',
      reference: { label: `plain single-row INSERT, ${plural(clients)}`, value: median(reference.map((side) => side.rate)) },
      p50: percentile(allHttp, 50),
      p99: percentile(allHttp, 99),
      ...commandRatioTarget(clients, options.readModels),
      runs: http.map((side) => Math.round(side.rate)),
      note: `plain INSERT p50/p99 ${percentile(allPlain, 50).toFixed(1)}/${percentile(allPlain, 99).toFixed(1)} ms`,
    });
  }
  return rows;
}
