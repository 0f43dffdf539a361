import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import * as path from 'node:path';

/** The repository root (where `npm start` runs). */
export const root = path.resolve(__dirname, '..', '..');

/** A TCP port free on 127.0.0.1 right now. */
export const freePort = (): Promise<number> =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * The service (and, with `console`, the web console) exactly as `npm run build` makes them. `npm test` builds once
 * and says so with WEB_E2E_BUILT=1, which reuses dist/ (a suite's own build would empty dist/web under another's feet).
 */
export function buildService({ console = false }: { console?: boolean } = {}): void {
  if (process.env['WEB_E2E_BUILT'] === '1') return;
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (!console) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'apps/web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}

/** A built service started by `startBuiltService`. */
export interface StartedService {
  /** http://127.0.0.1:port */
  readonly base: string;
  /** The environment it runs with (a CLI of the same build run beside it uses it too). */
  readonly env: NodeJS.ProcessEnv;
  /** What it has printed so far: stderr, and stdout with `stdout: true`. */
  output(): string;
  /** SIGTERM, resolved once it has exited. */
  stop(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  port: number;
  /** Settings on top of the test's environment (DATA_DIR, PORT and HOST are set). */
  env?: Record<string, string>;
  /** Settings of the test's environment it must not see, besides DATABASE_URL, REDIS_URL, DEMO and AUTH_ISSUER. */
  unset?: readonly string[];
  /** Collect stdout too (what the first start prints). */
  stdout?: boolean;
  /** Started means healthy and, when given, this holds for what it printed. */
  ready?: (output: string) => boolean;
  /** Half-seconds to wait for it. */
  attempts?: number;
}

/**
 * The built service (see `buildService`) started as `npm start` starts it, on 127.0.0.1:`port` with `dataDir`, on its
 * own: without Postgres, Redis, the demo county or an identity provider from the test's environment. Resolves once
 * /health answers 200 (and `ready` holds); rejects with what it printed when it exits first or takes too long.
 */
export async function startBuiltService({ dataDir, port, env = {}, unset = [], stdout = false, ready = () => true, attempts = 240 }: StartOptions): Promise<StartedService> {
  const base = `http://127.0.0.1:${port}`;
  const environment: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', ...env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'DEMO', 'AUTH_ISSUER', ...unset]) delete environment[name];
  const child = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], {
    cwd: root,
    env: environment,
    stdio: ['ignore', stdout ? 'pipe' : 'ignore', 'pipe'],
  });
  let printed = '';
  child.stdout?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  };
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null || attempt > attempts) {
      await stop();
      throw new Error(`service did not start (exit ${child.exitCode}): ${printed}`);
    }
    const healthy = await fetch(`${base}/health`).then((response) => response.status === 200, () => false);
    if (healthy && ready(printed)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { base, env: environment, output: () => printed, stop };
}

/** A bearer token of a demo user (DEMO_SIGN_IN=true) from the running service. */
export const demoToken = async (base: string, role: string, department?: string): Promise<string> => {
  const response = await fetch(`${base}/v1/dev/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role, ...(department ? { department } : {}) }) });
  return ((await response.json()) as { token: string }).token;
};

/** One JSON call to the running service: its status and its answer's JSON. */
export const callService = async (base: string, method: string, url: string, token: string, body?: unknown) => {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};
