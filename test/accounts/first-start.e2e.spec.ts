import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildService, freePort } from '../support/built-service';

/**
 * `npm start` as a county runs it (the built service, embedded default): nothing is handed to anonymous callers,
 * the first start prints a one-time administrator password once, and demo users exist only with DEMO=1 — then on
 * 127.0.0.1 only, with a loud warning in the log.
 */
const root = path.resolve(__dirname, '..', '..');
const ONE_TIME = /一次性密码 ([A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3})/;

interface Service {
  child: ChildProcess;
  base: string;
  /** Everything the process logged so far (stdout and stderr). */
  log: () => string;
}

async function start(dataDir: string, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const processEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info', ...env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'DEMO', 'DEMO_SIGN_IN', 'HOST', 'AUTH_ISSUER', 'LOG_FILE']) if (!(name in env)) delete processEnv[name];
  const child = spawn(process.execPath, ['-r', './tools/register-dist-paths.js', 'dist/apps/api/src/main.js'], { cwd: root, env: processEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 400; attempt++) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${output}`);
    try {
      if ((await fetch(`${base}/health`)).status === 200 && output.includes('listening on')) return { child, base, log: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no healthy answer: ${output}`);
}

const stop = (service: Service | undefined) =>
  new Promise<void>((resolve) => {
    if (!service || service.child.exitCode !== null) return resolve();
    service.child.once('exit', () => resolve());
    service.child.kill('SIGTERM');
  });

/** A browser's share of a sign-in: the session cookie and the CSRF token. */
async function signIn(base: string, login: string, password: string): Promise<{ status: number; cookie?: string; csrfToken?: string; body: Record<string, unknown> }> {
  const response = await fetch(`${base}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password }) });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('budgetflow_session='))?.split(';')[0];
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, cookie, csrfToken: body['csrfToken'] as string | undefined, body };
}

const postAs = (base: string, session: { cookie?: string; csrfToken?: string }, url: string, body?: unknown) =>
  fetch(`${base}${url}`, {
    method: 'POST',
    headers: { cookie: session.cookie ?? '', 'x-csrf-token': session.csrfToken ?? '', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe('npm start: first start, no anonymous tokens, demo users only when asked for', () => {
  const dataDirs: string[] = [];
  let service: Service | undefined;
  const freshDataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'budgetflow-first-start-'));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    buildService();
  }, 240_000);
  afterEach(() => stop(service));
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('a plain start answers no anonymous token request and listens on every interface without demo warnings', async () => {
    service = await start(freshDataDir(), {});
    const demoToken = await fetch(`${service.base}/v1/dev/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'finance' }) });
    expect(demoToken.status).toBe(404);
    const refusal = (await demoToken.json()) as Record<string, unknown>;
    expect(refusal['code']).toBe('ROUTE_NOT_FOUND');
    expect(refusal['token']).toBeUndefined();
    expect((await fetch(`${service.base}/v1/dev/demo-users`)).status).toBe(404);
    expect(await (await fetch(`${service.base}/v1/auth/methods`)).json()).toEqual({ password: true, demo: false });
    // Anonymous callers reach no private data either way.
    expect((await fetch(`${service.base}/v1/budgets?year=2024`)).status).toBe(401);
    expect((await fetch(`${service.base}/v1/users`)).status).toBe(401);
    expect(service.log()).toMatch(/listening on http:\/\/0\.0\.0\.0:/);
    expect(service.log()).not.toContain('DEMO USERS ARE ON');
  }, 300_000);

  it('prints a one-time administrator password once; it signs in once, the administrator chooses a password and creates a clerk', async () => {
    const dataDir = freshDataDir();
    service = await start(dataDir, {});
    const printed = ONE_TIME.exec(service.log());
    expect(printed).not.toBeNull();
    const oneTime = (printed as RegExpExecArray)[1];
    expect(service.log().match(new RegExp(oneTime, 'g'))?.length).toBe(2); // the Chinese and the English sentence of one message

    const first = await signIn(service.base, 'admin', oneTime);
    expect(first.status).toBe(200);
    // The request log (info level) shows the sign-in but never the session id it handed out.
    const sessionId = (first.cookie ?? '').split('=')[1];
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.log()).toContain('/v1/auth/login');
    expect(service.log()).not.toContain(sessionId);
    expect(first.body['user']).toMatchObject({ login: 'admin', role: 'admin', mustChangePassword: true });
    // Nothing but choosing a password until it is chosen.
    expect((await fetch(`${service.base}/v1/users`, { headers: { cookie: first.cookie ?? '' } })).status).toBe(403);
    expect((await postAs(service.base, first, '/v1/auth/password', { currentPassword: oneTime, newPassword: 'county-keeper-pass-1' })).status).toBe(200);
    expect((await postAs(service.base, first, '/v1/auth/logout')).status).toBe(204);

    // The one-time password is spent; the chosen one works.
    expect((await signIn(service.base, 'admin', oneTime)).status).toBe(401);
    const admin = await signIn(service.base, 'admin', 'county-keeper-pass-1');
    expect(admin.status).toBe(200);
    const clerk = await postAs(service.base, admin, '/v1/users', { login: 'li.ming', displayName: '李明', role: 'department', department: '501' });
    expect(clerk.status).toBe(201);
    await stop(service);

    // A restart creates no second administrator and prints no password.
    service = await start(dataDir, {});
    expect(service.log()).not.toMatch(ONE_TIME);
    expect((await signIn(service.base, 'admin', 'county-keeper-pass-1')).status).toBe(200);
  }, 300_000);

  it('DEMO=1 turns demo users on, listens on 127.0.0.1 only and says so loudly at warn level', async () => {
    service = await start(freshDataDir(), { DEMO: '1' });
    const warning = service
      .log()
      .split('\n')
      .filter((line) => line.includes('DEMO USERS ARE ON'))
      .map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(warning).toEqual([expect.objectContaining({ level: 40 })]);
    expect(warning[0].msg).toContain('演示用户已开启');
    expect(service.log()).toMatch(/listening on http:\/\/127\.0\.0\.1:/);
    const token = await fetch(`${service.base}/v1/dev/demo-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'finance' }) });
    expect(token.status).toBe(200);
    // Not reachable from another interface of this machine (when it has one).
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      const port = new URL(service.base).port;
      await expect(fetch(`http://${external.address}:${port}/health`)).rejects.toThrow();
    }
  }, 300_000);
});
