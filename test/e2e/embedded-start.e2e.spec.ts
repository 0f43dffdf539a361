import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildService, freePort } from '../support/built-service';

const root = path.resolve(__dirname, '..', '..');

/** The built service as `npm start` runs it, with no DATABASE_URL or REDIS_URL: the embedded default. */
function startEmbedded(dataDir: string, port: number): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env['DATABASE_URL'];
  delete env['REDIS_URL'];
  return spawn(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
}

async function waitForHealth(port: number, child: ChildProcess): Promise<Response> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  for (let attempt = 0; attempt < 120; attempt++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${stderr}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return response;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy answer: ${stderr}`);
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

describe('the embedded default (npm start without Postgres or Redis)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-embedded-'));

  beforeAll(() => buildService(), 240_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves /health and /docs, and keeps its data across a restart', async () => {
    const port = await freePort();
    let child = startEmbedded(dataDir, port);
    try {
      const health = await waitForHealth(port, child);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      expect((await fetch(`http://127.0.0.1:${port}/docs`)).status).toBe(200);

      const token = execFileSync(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/token.cli.js', '--role', 'admin'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir },
      })
        .toString()
        .trim();
      const load = await fetch(`http://127.0.0.1:${port}/v1/catalogs/2031`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ functional: [{ code: '2014001', name: '行政运行' }], economic: [{ code: '30101', name: '基本工资' }] }),
      });
      expect(load.status).toBe(200);
      await stop(child);

      child = startEmbedded(dataDir, port);
      await waitForHealth(port, child);
      const read = await fetch(`http://127.0.0.1:${port}/v1/catalogs/2031`, { headers: { authorization: `Bearer ${token}` } });
      expect(await read.json()).toMatchObject({ functional: [{ code: '2014001', name: '行政运行' }], economic: [{ code: '30101', name: '基本工资' }] });
    } finally {
      await stop(child);
    }
  }, 180_000);

  it('refuses a bad environment value at start with a message naming it', () => {
    let failure: { status: number | null; stderr: Buffer } | undefined;
    try {
      execFileSync(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], {
        cwd: root,
        env: { ...process.env, PORT: 'eighty', DATA_DIR: dataDir },
        stdio: 'pipe',
      });
    } catch (error) {
      failure = error as { status: number; stderr: Buffer };
    }
    expect(failure?.status).toBe(78);
    expect(failure?.stderr.toString()).toContain('PORT');
  });
});
