/**
 * Commands per second over HTTP (propose a basic line; the built api as a child process on a fresh schema)
 * at 1, 8 and 32 concurrent clients, against plain single-row INSERTs of event rows into the same Postgres
 * at the same concurrency. p50/p99 latency of both. Targets (issue 19, at 8 and 32 clients): HTTP ≥ 0.25× plain with
 * the projections in the api, ≥ 0.35× with them left to a real worker process (RUN_PROJECTIONS=false).
 * Env: BENCH_SECONDS (per side, run and concurrency; default 3), BENCH_CLIENTS (default "1,8,32"),
 *      REDIS_URL (for that worker; default local).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import * as path from 'node:path';
import { Pool } from 'pg';
import { startBenchWorker } from './reminders/worker-process';
import { type BenchApi, benchCatalog, benchLineCodes, freePort, startBenchApi } from './support/api-process';
import { INSERT_REFERENCE_EVENT } from './support/reference-events';
import type { BenchContext, BenchRow, BenchSection } from './support/report';
import { closedLoop, median, percentile } from './support/stats';
import { commandRatioTarget } from './support/command-targets';

const YEAR = 2024;

export async function runHttpCommandsBench(context: BenchContext): Promise<BenchSection[]> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 3);
  const clientCounts = (process.env['BENCH_CLIENTS'] ?? '1,8,32').split(',').map(Number);
  const rows = await measureProposeLine(context, { seconds, clientCounts, label: '', floor: true });
  // Where the gap lies: the same api with the read models left to a worker process (the province topology).
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const split = await measureProposeLine(context, { seconds, clientCounts, label: ', projections in a worker process', redisUrl });
  return [
    {
      title: 'Commands over HTTP vs plain single-row INSERTs',
      rows: [...rows, ...split],
      notes: [
        `Closed loop: each client sends its next command when the previous one answered; ${seconds} s per side, run and concurrency; each client writes its own budget (fresh per run).`,
        'HTTP side: POST /v1/budgets/{dept}/2024/basic-lines on the built api (one process, keep-alive); every command loads and folds the budget stream, decides, appends with the expected version.',
        'The default api also runs every projection (the county default). The rows "projections in a worker process" start the api with RUN_PROJECTIONS=false and RUN_WORKER=false next to dist/apps/worker, which leads the projections, on the same 2 cores: what the api process itself costs per command.',
        'Targets (issue 19): at 8 and 32 clients ≥ 0.25× plain INSERTs with the projections in the api, ≥ 0.35× with them in a worker process; none at 1 client.',
        'The floor rows: a bare node:http server in its own process doing one INSERT (into reference_events) per POST (no framework, token, read or decision), same clients and reference. Its ratio is the ceiling any HTTP service reaches on this machine: the real command (routing, token, validation, stream read, decide, append with the expected version, answer) has to fit in what is left between it and the target.',
        'Reference: the same number of clients each doing INSERT INTO reference_events (one row, the shape of events; its own table so the api projections do not read it) through a pg pool.',
        'Record payment over HTTP: see "Record payment over HTTP vs plain single-row INSERTs".',
      ],
    },
  ];
}

async function measureProposeLine(
  context: BenchContext,
  options: { seconds: number; clientCounts: number[]; label: string; floor?: boolean; redisUrl?: string },
): Promise<BenchRow[]> {
  const { seconds, clientCounts } = options;
  const api = await startBenchApi(context.databaseUrl, options.redisUrl ? { RUN_PROJECTIONS: 'false', RUN_WORKER: 'false' } : {});
  const worker = options.redisUrl ? await startBenchWorker({ databaseUrl: context.databaseUrl, schema: api.schema, redisUrl: options.redisUrl }) : undefined;
  const plain = new Pool({ connectionString: context.databaseUrl, max: Math.max(...clientCounts), options: `-c search_path=${api.schema}` });
  const rows: BenchRow[] = [];
  try {
    const admin = await api.token('admin');
    const loaded = await api.call('PUT', `/v1/catalogs/${YEAR}`, admin, benchCatalog());
    if (loaded.status !== 200) throw new Error(`catalog load failed: ${loaded.status} ${loaded.body}`);
    const metadataJson = JSON.stringify({ userId: 'bench', role: 'department', department: '900', correlationId: randomUUID(), recordedAt: new Date().toISOString() });

    for (const clients of clientCounts) {
      const http: { rate: number; latencies: number[] }[] = [];
      const reference: { rate: number; latencies: number[] }[] = [];
      for (let run = 0; run < context.runs; run++) {
        // Fresh budgets per run and client: every run starts from the same stream lengths.
        const departments = Array.from({ length: clients }, (_, client) => `B${clients}R${run}C${client}`);
        const tokens = await Promise.all(departments.map((department) => api.token('department', department)));
        await Promise.all(departments.map((department, client) => open(api, department, tokens[client]!)));
        const lines = new Array<number>(clients).fill(0);
        const propose = async (client: number): Promise<void> => {
          const n = lines[client]!++;
          const answer = await api.call('POST', `/v1/budgets/${departments[client]}/${YEAR}/basic-lines`, tokens[client], {
            ...benchLineCodes(n),
            fundSource: '一般公共预算拨款',
            amount: `${1000 + n}.00`,
          });
          if (answer.status !== 201) throw new Error(`propose failed: ${answer.status} ${answer.body}`);
        };
        await closedLoop(clients, 0.5, propose); // warm-up (connections, plan caches, JIT)

        const versions = new Array<number>(clients).fill(0);
        const insert = async (client: number): Promise<void> => {
          const version = ++versions[client]!;
          await plain.query(
            `${INSERT_REFERENCE_EVENT} ($1, $2, $3, $4, $5, $6, $7)`,
            [`plain-${clients}-${run}-${client}`, version, randomUUID(), 'BasicLineProposed', 1, JSON.stringify({ line: { lineId: randomUUID(), ...benchLineCodes(version), fundSource: '一般公共预算拨款', amount: `${1000 + version}.00` } }), metadataJson],
          );
        };
        await closedLoop(clients, 0.3, insert);
        const h = await closedLoop(clients, seconds, propose);
        const p = await closedLoop(clients, seconds, insert);
        http.push({ rate: h.perSecond, latencies: h.latencies });
        reference.push({ rate: p.perSecond, latencies: p.latencies });
        context.log(`http commands, ${clients} clients, run ${run + 1}: ${h.perSecond.toFixed(0)}/s vs plain ${p.perSecond.toFixed(0)}/s`);
      }
      const allHttp = http.flatMap((r) => r.latencies);
      const allPlain = reference.flatMap((r) => r.latencies);
      rows.push({
        measure: `propose basic line over HTTP, ${clients} client${clients > 1 ? 's' : ''}${options.label}`,
        value: median(http.map((r) => r.rate)),
        unit: 'commands/s',
        reference: { label: `plain single-row INSERT, ${clients} client${clients > 1 ? 's' : ''}`, value: median(reference.map((r) => r.rate)) },
        p50: percentile(allHttp, 50),
        p99: percentile(allHttp, 99),
        ...commandRatioTarget(clients, options.redisUrl ? 'in a worker' : 'in the api'),
        runs: http.map((r) => Math.round(r.rate)),
        note: `plain INSERT p50/p99 ${percentile(allPlain, 50).toFixed(1)}/${percentile(allPlain, 99).toFixed(1)} ms`,
      });
    }
    if (options.floor) rows.push(...(await measureFloor(context, plain, api.schema, metadataJson, options)));
  } finally {
    await plain.end();
    await worker?.stop();
    await api.stop();
  }
  return rows;
}

/**
 * What any HTTP service on this machine needs at least for a command: a bare node:http server (its own process)
 * that does one INSERT per POST, with no framework, token, read or decision. Its ratio to the plain INSERT is
 * the ceiling the api's ratio can approach here.
 */
async function measureFloor(context: BenchContext, plain: Pool, schema: string, metadataJson: string, options: { seconds: number; clientCounts: number[] }): Promise<BenchRow[]> {
  const port = await freePort();
  const script = `
    const { Pool } = require('pg');
    const { randomUUID } = require('node:crypto');
    const pool = new Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 32, options: '-c search_path=' + process.env.FLOOR_SCHEMA });
    require('node:http').createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const command = JSON.parse(body);
        pool.query('${INSERT_REFERENCE_EVENT} ($1, $2, $3, $4, $5, $6, $7)',
          [command.stream, command.version, randomUUID(), 'BasicLineProposed', 1, JSON.stringify(command.data), process.env.FLOOR_METADATA])
          .then(() => { response.writeHead(201, { 'content-type': 'application/json' }); response.end('{}'); },
                (error) => { response.writeHead(500); response.end(String(error)); });
      });
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('up'));`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: { ...process.env, FLOOR_DATABASE_URL: context.databaseUrl, FLOOR_SCHEMA: schema, FLOOR_METADATA: metadataJson },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor server exited with ${code}`)));
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const post = (body: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (response) => {
        response.resume();
        response.on('end', () => (response.statusCode === 201 ? resolve() : reject(new Error(`floor server answered ${response.statusCode}`))));
      });
      request.on('error', reject);
      request.end(body);
    });
  const rows: BenchRow[] = [];
  try {
    for (const clients of options.clientCounts) {
      const floor: number[] = [];
      const reference: number[] = [];
      for (let run = 0; run < context.runs; run++) {
        const versions = new Array<number>(clients).fill(0);
        const command = (side: string) => async (client: number): Promise<void> => {
          const version = ++versions[client]!;
          const stream = `floor-${side}-${clients}-${run}-${client}`;
          const data = { line: { lineId: randomUUID(), ...benchLineCodes(version), fundSource: '一般公共预算拨款', amount: `${1000 + version}.00` } };
          if (side === 'http') return post(JSON.stringify({ stream, version, data }));
          await plain.query(`${INSERT_REFERENCE_EVENT} ($1, $2, $3, $4, $5, $6, $7)`, [stream, version, randomUUID(), 'BasicLineProposed', 1, JSON.stringify(data), metadataJson]);
        };
        await closedLoop(clients, 0.3, command('http'));
        floor.push((await closedLoop(clients, options.seconds, command('http'))).perSecond);
        reference.push((await closedLoop(clients, options.seconds, command('plain'))).perSecond);
      }
      context.log(`floor, ${clients} clients: ${median(floor).toFixed(0)}/s vs plain ${median(reference).toFixed(0)}/s`);
      rows.push({
        measure: `floor: bare node:http + one INSERT per POST, ${clients} client${clients > 1 ? 's' : ''}`,
        value: median(floor),
        unit: 'requests/s',
        reference: { label: `plain single-row INSERT, ${clients} client${clients > 1 ? 's' : ''}`, value: median(reference) },
        runs: floor.map(Math.round),
      });
    }
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
  }
  return rows;
}

async function open(api: BenchApi, department: string, token: string): Promise<void> {
  const answer = await api.call('POST', `/v1/budgets/${department}/${YEAR}`, token, { name: `压测部门${department}`, unitKind: '行政' });
  if (answer.status !== 201) throw new Error(`open failed: ${answer.status} ${answer.body}`);
}
