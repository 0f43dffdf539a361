/**
 * 双监控 read latency after the payments are in: the supervisor's county dashboard and one department's
 * drill-down, sequential requests on the warmed api. Rows without targets (issue 8 sets none for them).
 */
import type { BenchApi } from '../support/api-process';
import type { BenchRow } from '../support/report';
import { median, percentile } from '../support/stats';
import { YEAR } from './approved-budgets';

const CHECKPOINT = encodeURIComponent('6月底');

async function latencies(api: BenchApi, url: string, token: string, requests: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = process.hrtime.bigint();
    const answer = await api.call('GET', url, token);
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.slice(0, 500)}`);
  }
  return samples;
}

const row = (measure: string, samples: number[], note: string): BenchRow => ({
  measure,
  value: median(samples),
  unit: 'ms',
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
  note,
});

export async function monitoringReadRows(api: BenchApi, drillDownDepartment: string, lastPosition: string, requests: number): Promise<BenchRow[]> {
  const supervisor = await api.token('supervisor');
  const county = `/v1/monitoring/${YEAR}?checkpoint=${CHECKPOINT}`;
  const first = await api.call('GET', `${county}&after=${lastPosition}`, supervisor);
  if (first.status !== 200) throw new Error(`GET ${county}: ${first.status} ${first.body.slice(0, 500)}`);
  const departments = (JSON.parse(first.body) as { departments: unknown[] }).departments.length;
  const { rows } = await api.sql.query<{ n: string }>(`SELECT count(*) AS n FROM events WHERE type = 'PaymentRecorded' AND stream_id LIKE 'execution-%'`);
  const payments = Number(rows[0]?.n ?? 0).toLocaleString('en-US');
  const drillDown = `/v1/execution/${drillDownDepartment}/${YEAR}/monitoring?checkpoint=${CHECKPOINT}`;
  return [
    row(`county dashboard (GET /v1/monitoring/2024, 6月底), ${departments} departments`, await latencies(api, county, supervisor, requests), `${payments} payments in the schema; ${requests} sequential requests`),
    row(`department drill-down (GET …/execution/{dept}/2024/monitoring) of a department that uploaded in bulk`, await latencies(api, drillDown, supervisor, requests), `${requests} sequential requests`),
  ];
}
