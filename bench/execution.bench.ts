/**
 * 双监控 at county scale, through HTTP on real Postgres: bulk payment ingestion rate (payments per second, JSON bulk
 * uploads from concurrent clients) and the county dashboard latency for BENCH_DEPARTMENTS departments (default 300,
 * each an approved copy of the 馆陶县信访局 2024 fixture) holding BENCH_PAYMENTS payments (default 100,000).
 *
 * Run: `npm run build && node -r ./tools/register-dist-paths.js dist/bench/execution.bench.js`
 * Env: DATABASE_URL (default local Postgres; a fresh schema is created and dropped), BENCH_DEPARTMENTS,
 *      BENCH_PAYMENTS, BENCH_CONCURRENCY (concurrent upload clients, default 8), BENCH_DASHBOARD_RUNS (default 20).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, projectPath } from '@budgetflow/config';
import { DEFAULT_DATABASE_URL, PgSqlClient } from '@budgetflow/event-store';
import { loadOrCreateLocalKey, mintLocalToken, type Role } from '@budgetflow/http';
import { createApp } from '../apps/api/src/create-app';

export interface ExecutionBenchResult {
  departments: number;
  payments: number;
  uploads: number;
  concurrency: number;
  ingestSeconds: number;
  paymentsPerSecond: number;
  /** Time until the monitoring read model had applied every payment, after the last upload answered. */
  projectionCatchUpSeconds: number;
  dashboardMs: { p50: number; p95: number; max: number };
  departmentDrillDownMs: { p50: number; p95: number; max: number };
}

const env = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);

const PROJECTS = ['13043324P00007810001C', '13043324P00007410001M', '13043324P000073100010', '13043324P00007710001N', '13043324P000076100011', '13043324P00007510001B', '13043324P000079100012'];

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const timings = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), max: Math.round(sorted[sorted.length - 1]) };
};

/** Runs `tasks` with at most `concurrency` in flight. */
async function pool<T>(tasks: Array<() => Promise<T>>, concurrency: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

export async function runExecutionBench(): Promise<ExecutionBenchResult> {
  const departments = env('BENCH_DEPARTMENTS', 300);
  const payments = env('BENCH_PAYMENTS', 100_000);
  const concurrency = env('BENCH_CONCURRENCY', 8);
  const dashboardRuns = env('BENCH_DASHBOARD_RUNS', 20);
  const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const schema = `bench_execution_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-bench-'));
  const config = loadConfig({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', BODY_LIMIT_BYTES: String(20 * 1024 * 1024) });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpAdapter().getInstance().server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { privateKey } = await loadOrCreateLocalKey(dataDir);
  const token = (role: Role, department?: string) => mintLocalToken(privateKey, { role, department, userId: `${role}-${department ?? 'x'}`, audience: config.auth.audience });
  const call = async (method: string, url: string, bearer: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
    return JSON.parse(text);
  };

  try {
    const facts = JSON.parse(readFileSync(projectPath('test/fixtures/guantao-xinfang-2024/budget-facts.json'), 'utf8'));
    const finance = await token('finance');
    const codes = Array.from({ length: departments }, (_, i) => String(1000 + i));
    const clerks = new Map(await Promise.all(codes.map(async (code) => [code, await token('department', code)] as const)));
    await pool(
      codes.map((code) => async () => {
        const budget = `/v1/budgets/${code}/2024`;
        await call('POST', `${budget}/import`, clerks.get(code)!, { ...facts, department: { ...facts.department, code, name: `部门${code}` } });
        await call('POST', `${budget}/submit`, clerks.get(code)!);
        await call('POST', `${budget}/approve`, finance);
      }),
      concurrency,
    );
    const basicLineIds: string[] = (await call('GET', `/v1/budgets/${codes[0]}/2024?version=approved`, finance)).content.basicExpenditureLines.map((l: { lineId: string }) => l.lineId);

    // Payments of 1–99 元 spread over projects, basic lines and the first half of the year: never over the remainder.
    const perDepartment = Math.ceil(payments / departments);
    const uploads = codes.map((code, d) => {
      const count = Math.min(perDepartment, payments - d * perDepartment);
      return Array.from({ length: Math.max(0, count) }, (_, i) => ({
        voucher: `${code}-${i}`,
        date: `2024-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`,
        amount: `${1 + (i % 99)}.${String(i % 100).padStart(2, '0')}`,
        ...(i % 3 === 0 ? { basicLineId: basicLineIds[i % basicLineIds.length] } : { projectCode: PROJECTS[i % PROJECTS.length] }),
        payee: '馆陶县某服务商',
        note: `bench ${i}`,
      }));
    });
    const started = process.hrtime.bigint();
    const answers = await pool(
      uploads.map((rows, d) => () => (rows.length > 0 ? call('POST', `/v1/execution/${codes[d]}/2024/payments/bulk`, clerks.get(codes[d])!, rows) : Promise.resolve({ recorded: 0 }))),
      concurrency,
    );
    const ingestSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const recorded = answers.reduce((sum: number, a: { recorded: number }) => sum + a.recorded, 0);
    const lastPosition = answers.map((a: { position?: string }) => BigInt(a.position ?? 0)).reduce((a, b) => (a > b ? a : b), 0n);

    const supervisor = await token('supervisor');
    const catchUpStarted = process.hrtime.bigint();
    // Each read waits up to 10 s for the position; keep asking until the read model has it.
    let first: { departments: unknown[] } | undefined;
    while (!first) {
      try {
        first = await call('GET', `/v1/monitoring/2024?checkpoint=${encodeURIComponent('6月底')}&after=${lastPosition}`, supervisor);
      } catch (error) {
        if (!String(error).includes('503')) throw error;
      }
    }
    const projectionCatchUpSeconds = Number(process.hrtime.bigint() - catchUpStarted) / 1e9;
    if (first.departments.length !== departments) throw new Error(`dashboard lists ${first.departments.length} departments, expected ${departments}`);

    const measure = async (url: string) => {
      const samples: number[] = [];
      for (let run = 0; run < dashboardRuns; run++) {
        const t0 = process.hrtime.bigint();
        await call('GET', url, supervisor);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      return timings(samples);
    };
    const dashboardMs = await measure(`/v1/monitoring/2024?checkpoint=${encodeURIComponent('6月底')}`);
    const departmentDrillDownMs = await measure(`/v1/execution/${codes[0]}/2024/monitoring?checkpoint=${encodeURIComponent('6月底')}`);
    return {
      departments,
      payments: recorded,
      uploads: uploads.length,
      concurrency,
      ingestSeconds: Number(ingestSeconds.toFixed(2)),
      paymentsPerSecond: Math.round(recorded / ingestSeconds),
      projectionCatchUpSeconds: Number(projectionCatchUpSeconds.toFixed(2)),
      dashboardMs,
      departmentDrillDownMs,
    };
  } finally {
    await app.close();
    const admin = new PgSqlClient({ connectionString: databaseUrl, schema, max: 1 });
    try {
      await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await admin.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

if (require.main === module) {
  runExecutionBench().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
