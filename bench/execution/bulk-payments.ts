/**
 * 100,000 payments through POST /v1/execution/{dept}/2024/payments/bulk (JSON arrays of `chunk` rows, a few
 * concurrent clients, each uploading its own department's year in order) against a plain batched INSERT of
 * exactly the event rows the uploads wrote (read back from the events table), with the same number of
 * concurrent clients, one transaction per chunk and 1,000 rows per statement.
 */
import type { BenchApi } from '../support/api-process';
import { waitForProjectionsIdle } from '../support/projections-idle';
import type { BenchRow } from '../support/report';
import { median } from '../support/stats';
import { type ApprovedDepartment, YEAR, approvedDepartments, paymentRow } from './approved-budgets';
import { insertReferenceRows } from '../support/reference-events';

export interface BulkPaymentsOptions {
  payments: number;
  clients: number;
  chunk: number;
  runs: number;
  log(message: string): void;
}

export interface BulkPaymentsOutcome {
  rows: BenchRow[];
  /** The global position of the last upload of the last run (read-your-writes for the monitoring reads). */
  lastPosition: string;
}

interface StoredRow {
  stream_id: string;
  type: string;
  type_version: number;
  data: unknown;
  metadata: unknown;
}

const STATEMENT_ROWS = 1000;

/** Each client's upload bodies, serialised before the clock starts (the bench client's JSON is not the service's cost). */
function uploadBodies(departments: readonly ApprovedDepartment[], payments: number, chunk: number): string[][] {
  return departments.map((department, client) => {
    const count = Math.floor(payments / departments.length) + (client < payments % departments.length ? 1 : 0);
    const bodies: string[] = [];
    for (let start = 0; start < count; start += chunk) {
      const rows = Array.from({ length: Math.min(chunk, count - start) }, (_, i) => paymentRow(department, 'BULK', start + i));
      bodies.push(JSON.stringify(rows));
    }
    return bodies;
  });
}

async function upload(api: BenchApi, department: ApprovedDepartment, bodies: readonly string[]): Promise<string> {
  let position = '0';
  for (const body of bodies) {
    const answer = await api.call('POST', `/v1/execution/${department.code}/${YEAR}/payments/bulk`, department.token, body);
    if (answer.status !== 201) throw new Error(`bulk upload failed: ${answer.status} ${answer.body.slice(0, 500)}`);
    const result = JSON.parse(answer.body) as { received: number; recorded: number; position?: string };
    if (result.recorded !== result.received) throw new Error(`bulk upload recorded ${result.recorded} of ${result.received}`);
    position = result.position ?? position;
  }
  return position;
}

/** The reference: one client per department, its rows in the uploads' chunks, one transaction each. */
async function plainBatches(api: BenchApi, rowsByClient: readonly StoredRow[][], chunk: number, tag: string): Promise<number> {
  const started = process.hrtime.bigint();
  await Promise.all(
    rowsByClient.map(async (rows, client) => {
      const stream = `plain-bulk-${tag}-${client}`;
      for (let start = 0; start < rows.length; start += chunk) {
        await api.sql.transaction(async (tx) => {
          for (let offset = start; offset < Math.min(start + chunk, rows.length); offset += STATEMENT_ROWS) {
            await insertReferenceRows(tx, stream, offset + 1, rows.slice(offset, Math.min(offset + STATEMENT_ROWS, start + chunk)));
          }
        });
      }
    }),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function storedRows(api: BenchApi, departments: readonly ApprovedDepartment[]): Promise<StoredRow[][]> {
  const streams = departments.map((department) => `execution-${department.code}-${YEAR}`);
  const { rows } = await api.sql.query<StoredRow>(
    `SELECT stream_id, type, type_version, data, metadata FROM events WHERE stream_id = ANY($1) ORDER BY stream_id, stream_version`,
    [streams],
  );
  return streams.map((stream) => rows.filter((row) => row.stream_id === stream));
}

export async function bulkPaymentRows(api: BenchApi, options: BulkPaymentsOptions): Promise<BulkPaymentsOutcome> {
  const bulkRates: number[] = [];
  const plainRates: number[] = [];
  const catchUps: number[] = [];
  let lastPosition = '0';
  let bodyBytes = 0;
  for (let run = 0; run < options.runs; run++) {
    const departments = await approvedDepartments(
      api,
      Array.from({ length: options.clients }, (_, client) => `BULK${run}C${client}`),
    );
    const bodies = uploadBodies(departments, options.payments, options.chunk);
    bodyBytes = bodies.flat().reduce((sum, body) => sum + Buffer.byteLength(body), 0);
    await waitForProjectionsIdle(api.sql);

    const t0 = process.hrtime.bigint();
    const positions = await Promise.all(departments.map((department, client) => upload(api, department, bodies[client]!)));
    const bulkSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    lastPosition = positions.reduce((a, b) => (BigInt(a) > BigInt(b) ? a : b));
    // How long the read models (monitoring, …) need after the last upload answered; also keeps the reference quiet.
    catchUps.push(await waitForProjectionsIdle(api.sql));

    const rowsByClient = await storedRows(api, departments);
    const written = rowsByClient.reduce((sum, rows) => sum + rows.length, 0);
    if (written !== options.payments) throw new Error(`the uploads wrote ${written} events, expected ${options.payments}`);
    const plainSeconds = await plainBatches(api, rowsByClient, options.chunk, String(run));
    await waitForProjectionsIdle(api.sql);
    bulkRates.push(written / bulkSeconds);
    plainRates.push(written / plainSeconds);
    options.log(`bulk payments run ${run + 1}: ${written} events in ${bulkSeconds.toFixed(2)} s vs plain ${plainSeconds.toFixed(2)} s; read models caught up ${catchUps.at(-1)!.toFixed(1)} s later`);
  }
  const rows: BenchRow[] = [
    {
      measure: `${options.payments.toLocaleString('en-US')} payments through the bulk route (JSON, ${options.chunk.toLocaleString('en-US')} a request, ${options.clients} clients, ${(bodyBytes / 1024 / 1024).toFixed(1)} MB in all)`,
      value: median(bulkRates),
      unit: 'rows/s',
      reference: { label: `plain batched INSERT of the same rows (1,000 a statement, a transaction per ${options.chunk.toLocaleString('en-US')}, ${options.clients} clients)`, value: median(plainRates) },
      target: { kind: 'ratio-min', value: 0.5 },
      runs: bulkRates.map(Math.round),
    },
    {
      measure: `read models caught up after the last of ${options.payments.toLocaleString('en-US')} payments answered`,
      value: median(catchUps),
      unit: 's',
      runs: catchUps.map((seconds) => Number(seconds.toFixed(1))),
      note: 'every projection of the schema at the head; not part of the rows/s above',
    },
  ];
  return { rows, lastPosition };
}
