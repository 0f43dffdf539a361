/**
 * Real service processes for the multi-instance tests: the built api (`dist/`, as `npm start` runs it) and
 * the built worker (as `npm run start:worker` runs it) started as child processes on one Postgres schema,
 * each api on its own port, all sharing a DATA_DIR (signing key).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { buildService, freePort, root } from '../support/built-service';

export { freePort, root };

/** Compiles the service into dist/ once (what `npm start` runs). */
export const buildDist = (): void => buildService();

/** A child process running part of the built service. */
export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr so far (for failure messages). */
  stderr(): string;
}

export interface ApiProcess extends ServiceProcess {
  port: number;
  url(pathAndQuery: string): string;
}

export interface SpawnOptions {
  /**
   * Runs the process's clock (`Date`) this many ms off real time (`test/reminders/support/shifted-clock.js`).
   * Every process touching the same BullMQ queues needs the same offset: BullMQ stamps jobs with it.
   */
  clockOffsetMs?: number;
}

const SHIFTED_CLOCK = './test/reminders/support/shifted-clock.js';

function spawnService(name: string, script: string, env: Record<string, string>, options: SpawnOptions): ServiceProcess {
  const shifted = options.clockOffsetMs !== undefined;
  const child = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', ...(shifted ? ['-r', SHIFTED_CLOCK] : []), script], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, ...(shifted ? { BUDGETFLOW_TEST_CLOCK_OFFSET_MS: String(options.clockOffsetMs) } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
  });
  return { name, child, stderr: () => stderr };
}

export function startApi(name: string, port: number, env: Record<string, string>, options: SpawnOptions = {}): ApiProcess {
  const service = spawnService(name, 'dist/apps/api/src/main.js', { HOST: '127.0.0.1', PORT: String(port), ...env }, options);
  return { ...service, port, url: (p) => `http://127.0.0.1:${port}${p}` };
}

/** `apps/worker` (reminder planner, BullMQ processors, projections); needs DATABASE_URL and REDIS_URL in `env`. */
export function startWorker(name: string, env: Record<string, string>, options: SpawnOptions = {}): ServiceProcess {
  return spawnService(name, 'dist/apps/worker/src/main.js', env, options);
}

export const hasExited = (service: ServiceProcess): boolean => service.child.exitCode !== null || service.child.signalCode !== null;

export async function waitForHealth(api: ApiProcess, timeoutMs = 60_000): Promise<HealthBody> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(api)) throw new Error(`${api.name} exited (${api.child.exitCode ?? api.child.signalCode}): ${api.stderr()}`);
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

/** Sends `signal` and resolves with how the process ended (the signal's name or the exit code). */
export function kill(service: ServiceProcess, signal: NodeJS.Signals): Promise<NodeJS.Signals | number | null> {
  return new Promise((resolve) => {
    if (hasExited(service)) return resolve(service.child.signalCode ?? service.child.exitCode);
    service.child.once('exit', (code, endedBy) => resolve(endedBy ?? code));
    service.child.kill(signal);
  });
}
