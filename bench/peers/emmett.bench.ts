/**
 * Peers in the same run: the propose-basic-line command over HTTP in budgetflow (the built api, projections in
 * the same process: the county default) beside the same command built with Emmett behind a bare Fastify route
 * (`emmett-server.ts`: ES256 token check with verified tokens cached, department authorization, JSON schema,
 * If-Match), (1) with Emmett's `CommandHandler` as documented and (2) with Emmett's store and a per-stream fold
 * cache; and the plain single-row INSERT reference. Sides interleave per run and client count, each client on a
 * budget of its own opened fresh per side and run. Targets: budgetflow ≥ 2× the CommandHandler row and ≥ 1.2×
 * the cached row at every client count.
 * Env: BENCH_SECONDS (per side; default 3), BENCH_CLIENTS (default "1,8,32").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Pool } from 'pg';
import { type BenchApi, benchCatalog, benchLineCodes, freePort, startBenchApi, stopChild } from '../support/api-process';
import { type HttpClient, keepAliveClient } from '../support/http-client';
import { INSERT_REFERENCE_EVENT } from '../support/reference-events';
import type { BenchContext, BenchRow, BenchSection } from '../support/report';
import { closedLoop, median, percentile } from '../support/stats';

const YEAR = 2024;
type Mode = 'handler' | 'cached';
const PEER_LABEL: Record<Mode, string> = { handler: 'Emmett CommandHandler (as documented)', cached: 'Emmett store + per-stream fold cache' };

interface Peer {
  client: HttpClient;
  stop(): Promise<void>;
}

async function startPeer(context: BenchContext, api: BenchApi, mode: Mode): Promise<Peer> {
  // A database of its own: Emmett keeps its tables, functions and migration record in the default schema.
  const database = `bench_emmett_${mode}_${randomBytes(3).toString('hex')}`;
  await api.sql.exec(`CREATE DATABASE "${database}"`);
  const url = new URL(context.databaseUrl);
  url.pathname = `/${database}`;
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/bench/peers/emmett-server.js'], {
    cwd: path.resolve(__dirname, '..', '..', '..'),
    env: { ...process.env, PEER_MODE: mode, PEER_DATABASE_URL: url.toString(), PEER_PORT: String(port), PEER_PUBLIC_JWK: JSON.stringify(api.publicJwk), PEER_AUDIENCE: 'budgetflow', PEER_CATALOG: JSON.stringify(benchCatalog()) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`Emmett peer (${mode}) exited with ${code}`)));
  });
  const client = keepAliveClient(port);
  return {
    client,
    stop: async () => {
      client.destroy();
      await stopChild(child);
      await api.sql.exec(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => undefined);
    },
  };
}

/** Opens one budget per client on `call`'s server and answers the propose-line operation of each client. */
async function proposer(call: HttpClient['call'], api: BenchApi, prefix: string, clients: number): Promise<(client: number) => Promise<void>> {
  const departments = Array.from({ length: clients }, (_, client) => `${prefix}C${client}`);
  const tokens = await Promise.all(departments.map((department) => api.token('department', department)));
  await Promise.all(
    departments.map(async (department, client) => {
      const opened = await call('POST', `/v1/budgets/${department}/${YEAR}`, tokens[client], { name: `压测部门${department}`, unitKind: '行政' });
      if (opened.status !== 201) throw new Error(`open failed: ${opened.status} ${opened.body}`);
    }),
  );
  const lines = new Array<number>(clients).fill(0);
  return async (client) => {
    const n = lines[client]!++;
    const answer = await call('POST', `/v1/budgets/${departments[client]}/${YEAR}/basic-lines`, tokens[client], { ...benchLineCodes(n), fundSource: '一般公共预算拨款', amount: `${1000 + n}.00` });
    if (answer.status !== 201) throw new Error(`propose failed: ${answer.status} ${answer.body}`);
  };
}

interface Side {
  rates: number[];
  latencies: number[];
}

const emptySide = (): Side => ({ rates: [], latencies: [] });
const plural = (clients: number): string => `${clients} client${clients > 1 ? 's' : ''}`;

export async function runPeersBench(context: BenchContext): Promise<BenchSection[]> {
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 3);
  const clientCounts = (process.env['BENCH_CLIENTS'] ?? '1,8,32').split(',').map(Number);
  const api = await startBenchApi(context.databaseUrl);
  const peers: Partial<Record<Mode, Peer>> = {};
  const plain = new Pool({ connectionString: context.databaseUrl, max: Math.max(...clientCounts), options: `-c search_path=${api.schema}` });
  const rows: BenchRow[] = [];
  try {
    const loaded = await api.call('PUT', `/v1/catalogs/${YEAR}`, await api.token('admin'), benchCatalog());
    if (loaded.status !== 200) throw new Error(`catalog load failed: ${loaded.status} ${loaded.body}`);
    peers.handler = await startPeer(context, api, 'handler');
    peers.cached = await startPeer(context, api, 'cached');
    const metadataJson = JSON.stringify({ userId: 'bench', role: 'department', department: '900', correlationId: randomUUID(), recordedAt: new Date().toISOString() });
    for (const clients of clientCounts) {
      const sides = { budgetflow: emptySide(), handler: emptySide(), cached: emptySide(), plain: emptySide() };
      for (let run = 0; run < context.runs; run++) {
        const operations = {
          budgetflow: await proposer(api.call, api, `F${clients}R${run}`, clients),
          handler: await proposer(peers.handler.client.call, api, `H${clients}R${run}`, clients),
          cached: await proposer(peers.cached.client.call, api, `K${clients}R${run}`, clients),
          plain: plainInsert(plain, `${clients}-${run}`, clients, metadataJson),
        };
        for (const [name, operation] of Object.entries(operations)) {
          await closedLoop(clients, 0.3, operation); // warm-up (connections, plan caches, JIT)
          const measured = await closedLoop(clients, seconds, operation);
          sides[name as keyof typeof sides].rates.push(measured.perSecond);
          sides[name as keyof typeof sides].latencies.push(...measured.latencies);
        }
        context.log(
          `peers, ${plural(clients)}, run ${run + 1}: budgetflow ${sides.budgetflow.rates[run]!.toFixed(0)}/s, Emmett handler ${sides.handler.rates[run]!.toFixed(0)}/s, cached ${sides.cached.rates[run]!.toFixed(0)}/s, plain ${sides.plain.rates[run]!.toFixed(0)}/s`,
        );
      }
      const reference = { label: `plain single-row INSERT, ${plural(clients)}`, value: median(sides.plain.rates) };
      const row = (measure: string, side: Side, extra: Partial<BenchRow> = {}): BenchRow => ({
        measure,
        value: median(side.rates),
        unit: 'commands/s',
        reference,
        p50: percentile(side.latencies, 50),
        p99: percentile(side.latencies, 99),
        runs: side.rates.map(Math.round),
        ...extra,
      });
      rows.push(
        row(`budgetflow: propose basic line over HTTP, ${plural(clients)}`, sides.budgetflow),
        row(`${PEER_LABEL.handler}: propose basic line over HTTP, ${plural(clients)}`, sides.handler),
        row(`${PEER_LABEL.cached}: propose basic line over HTTP, ${plural(clients)}`, sides.cached),
        {
          ...row(`budgetflow vs ${PEER_LABEL.handler}, ${plural(clients)}`, sides.budgetflow),
          reference: { label: `${PEER_LABEL.handler}, same run`, value: median(sides.handler.rates) },
          target: { kind: 'ratio-min', value: 2 },
        },
        {
          ...row(`budgetflow vs ${PEER_LABEL.cached}, ${plural(clients)}`, sides.budgetflow),
          reference: { label: `${PEER_LABEL.cached}, same run`, value: median(sides.cached.rates) },
          target: { kind: 'ratio-min', value: 1.2 },
        },
      );
    }
  } finally {
    await plain.end();
    await peers.handler?.stop();
    await peers.cached?.stop();
    await api.stop();
  }
  return [
    {
      title: 'Propose basic line: budgetflow beside Emmett peers',
      rows,
      notes: [
        `Closed loop, ${seconds} s per side after a 0.3 s warm-up; the four sides take turns within each run and client count; each client proposes lines on a budget of its own, opened fresh per side and run.`,
        'budgetflow: the built api (one process, projections in the same process — the county default), POST /v1/budgets/{dept}/2024/basic-lines.',
        'Emmett rows: bench/peers/emmett-server.ts in its own process — Fastify 5, the same ES256 tokens (verified tokens cached), department authorization, a JSON schema for the body, If-Match, the catalog checked in the decision, decimal.js money; Emmett 0.42 on a database of its own in the same Postgres cluster. "CommandHandler (as documented)" reads and folds the stream on every command; "store + per-stream fold cache" decides from the cached fold and appends with its version as the expected version (reads again on a conflict).',
        'The Emmett peer keeps no read models, audit, idempotency keys or request logging; budgetflow does all of these on every command.',
        'The "budgetflow vs …" rows have the peer as their reference: their ratio is budgetflow ÷ peer in the same run.',
      ],
    },
  ];
}

/** The reference: each client appends one event row to its own stream per statement (reference_events). */
function plainInsert(plain: Pool, tag: string, clients: number, metadataJson: string): (client: number) => Promise<void> {
  const versions = new Array<number>(clients).fill(0);
  return async (client) => {
    const version = ++versions[client]!;
    const data = { line: { lineId: randomUUID(), ...benchLineCodes(version), fundSource: '一般公共预算拨款', amount: `${1000 + version}.00` } };
    await plain.query(`${INSERT_REFERENCE_EVENT} ($1, $2, $3, $4, $5, $6, $7)`, [`plain-peer-${tag}-${client}`, version, randomUUID(), 'BasicLineProposed', 1, JSON.stringify(data), metadataJson]);
  };
}
