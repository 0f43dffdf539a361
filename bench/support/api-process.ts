/**
 * The built api (dist/, as `npm start` runs it) as a child process on a fresh schema of the local Postgres,
 * plus a keep-alive HTTP client and tokens minted with its signing key.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PgSqlClient } from '@budgetflow/event-store';
import { type Role, loadOrCreateLocalKey, mintLocalToken } from '@budgetflow/platform';
import { type JWK, exportJWK } from 'jose';
import { type HttpAnswer, keepAliveClient } from './http-client';
import { createReferenceEvents } from './reference-events';

const root = path.resolve(__dirname, '..', '..', '..');

export type { HttpAnswer } from './http-client';

export interface BenchApi {
  port: number;
  schema: string;
  pid: number;
  /** Postgres client on the api's schema (for references and checks). */
  sql: PgSqlClient;
  /** The public key the api verifies its tokens with (a peer in the same run accepts the same tokens). */
  publicJwk: JWK;
  token(role: Role, department?: string): Promise<string>;
  call(method: string, url: string, token: string | undefined, body?: unknown): Promise<HttpAnswer>;
  /** Resident set size of the api process now, MB. */
  rssMb(): number;
  /** CPU time (user + system) the api process has used so far, ms (from /proc/<pid>/stat, 10 ms ticks). */
  cpuMs(): number;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** User + system CPU time of a process so far, ms (/proc/<pid>/stat fields 14 and 15, in ticks of 1/100 s). */
export function cpuMsOfPid(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function rssOfPid(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

/** Children still running: killed if the bench process exits early (Ctrl-C, SIGTERM, a crash). */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Ends a child process with SIGTERM and waits for its exit (nothing to wait for once it has exited). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

/** `existingSchema`: start on a schema already filled (e.g. generated events); it is dropped at stop like a fresh one. */
/** `onSpawned`: called with the api's pid as soon as it runs, before it answers /health (e.g. to sample its RSS from the start). */
export async function startBenchApi(databaseUrl: string, env: Record<string, string> = {}, existingSchema?: string, healthTimeoutMs = 60_000, onSpawned?: (pid: number) => void): Promise<BenchApi> {
  const schema = existingSchema ?? `bench_api_${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-bench-'));
  const { privateKey, publicKey } = await loadOrCreateLocalKey(dataDir);
  const port = await freePort();
  // BENCH_API_NODE_ARGS: extra node flags for the api, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
  const nodeArgs = (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  // The heap bound `npm start`, the Dockerfile and the compose file give the api (see docs/operations.md).
  const child: ChildProcess = spawn(process.execPath, ['--max-old-space-size=320', ...nodeArgs, '-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: root,
    // No rate limit: the bench measures the service, not the per-user throttle (RATE_LIMIT_PER_MINUTE, default 1200/min).
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (child.pid !== undefined) onSpawned?.(child.pid);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)));
  const client = keepAliveClient(port);
  const call = client.call;
  const deadline = Date.now() + healthTimeoutMs;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}: ${stderr}`);
      const health = await call('GET', '/health', undefined).catch(() => undefined);
      if (health?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`api not healthy: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    child.kill('SIGKILL');
    client.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const sql = new PgSqlClient({ connectionString: databaseUrl, schema, max: 40, applicationName: 'bench-reference' });
  await createReferenceEvents(sql);
  return {
    port,
    schema,
    pid: child.pid!,
    sql,
    publicJwk: await exportJWK(publicKey),
    token: (role, department) => mintLocalToken(privateKey, { role, department, audience: 'budgetflow' }),
    call,
    rssMb: () => rssOfPid(child.pid!),
    cpuMs: () => cpuMsOfPid(child.pid!),
    stop: async () => {
      client.destroy();
      await stopChild(child);
      // BENCH_KEEP_SCHEMA=1 keeps it (to start the api on it again, e.g. to profile one read); drop it by hand.
      if (process.env['BENCH_KEEP_SCHEMA'] !== '1') await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await sql.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A catalog big enough for 10,000 distinct basic lines (functional × economic × fund source must be unique
 * within a budget): 99 functional 项 codes under 201/20101 and 198 economic 款 codes under 301/302.
 */
export function benchCatalog(): { functional: Array<{ code: string; name: string }>; economic: Array<{ code: string; name: string }> } {
  const functional = [{ code: '201', name: '一般公共服务支出' }, { code: '20101', name: '人大事务' }];
  for (let i = 1; i <= 99; i++) functional.push({ code: `20101${String(i).padStart(2, '0')}`, name: `测试功能科目${i}` });
  const economic = [{ code: '301', name: '工资福利支出' }, { code: '302', name: '商品和服务支出' }];
  for (let i = 1; i <= 99; i++) economic.push({ code: `301${String(i).padStart(2, '0')}`, name: `测试经济科目A${i}` });
  for (let i = 1; i <= 99; i++) economic.push({ code: `302${String(i).padStart(2, '0')}`, name: `测试经济科目B${i}` });
  return { functional, economic };
}

/** The n-th distinct (functional, economic) pair of benchCatalog() (n < 99 × 198 = 19,602). */
export function benchLineCodes(n: number): { functionalCode: string; economicCode: string } {
  const { functional, economic } = BENCH_CODES;
  return { functionalCode: functional[n % functional.length]!, economicCode: economic[Math.floor(n / functional.length) % economic.length]! };
}

const BENCH_CODES = (() => {
  const catalog = benchCatalog();
  return {
    functional: catalog.functional.map((entry) => entry.code).filter((code) => code.length === 7),
    economic: catalog.economic.map((entry) => entry.code).filter((code) => code.length === 5),
  };
})();
