/**
 * Real service processes for the multi-instance tests: the built api (`dist/`, as `npm start` runs it)
 * started as child processes on one Postgres schema, each on its own port, sharing a DATA_DIR (signing key).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

/** Compiles the service into dist/ once (what `npm start` runs). */
export function buildDist(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export interface ApiProcess {
  name: string;
  port: number;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
  url(pathAndQuery: string): string;
}

export function startApi(name: string, port: number, env: Record<string, string>): ApiProcess {
  const child = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  return { name, port, child, stderr: () => stderr, url: (p) => `http://127.0.0.1:${port}${p}` };
}

export async function waitForHealth(api: ApiProcess, timeoutMs = 60_000): Promise<HealthBody> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null || api.child.signalCode !== null) throw new Error(`${api.name} exited (${api.child.exitCode ?? api.child.signalCode}): ${api.stderr()}`);
    try {
      const response = await fetch(api.url('/health'));
      if (response.status === 200) return (await response.json()) as HealthBody;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${api.name} never became healthy: ${api.stderr()}`);
}

export interface ProjectionHealth {
  mode: string;
  leader: boolean;
  checkpoint: { transactionId: string; globalPosition: string } | null;
  eventsBehind: number;
  secondsBehind: number;
}

export interface HealthBody {
  status: string;
  checks: Array<{ name: string; ok: boolean; detail?: Record<string, unknown> }>;
}

/** The projection part of /health (any status code: a lagging instance answers 503 with the same body). */
export async function projectionHealth(api: ApiProcess, projection: string): Promise<ProjectionHealth | undefined> {
  try {
    const response = await fetch(api.url('/health'));
    const body = (await response.json()) as HealthBody;
    return body.checks.find((check) => check.name === 'projections')?.detail?.[projection] as ProjectionHealth | undefined;
  } catch {
    return undefined;
  }
}

export function kill(api: ApiProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise<void>((resolve) => {
    if (api.child.exitCode !== null || api.child.signalCode !== null) return resolve();
    api.child.once('exit', () => resolve());
    api.child.kill(signal);
  });
}
