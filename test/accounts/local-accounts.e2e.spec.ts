import { PgSqlClient } from '@budgetflow/event-store';
import { testDatabaseUrl } from '@budgetflow/testing';
import { type TestApp, type TestResponse, createTestApp, useTestApp } from '../support/test-app';
import { loadBudgetFacts } from '../support/guantao-fixture';
import { SessionClient, sessionCookieOf, setCookies } from './support/session-client';

/**
 * Local accounts through the doors a county's people use: the administrator (here with an operator's bearer token,
 * as `npm run token -- --role admin` gives) creates users and hands them a one-time password; they sign in with a
 * session cookie, choose their own password, act with the CSRF token, are locked out after repeated failures,
 * sign out, and are refused at once when disabled. Every step lands in the audit.
 */
const CLERK_PASSWORD = 'qingshui-river-2024';
const MAX_FAILURES = 5;

const expectProblem = (response: TestResponse, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.body.title).toMatch(/[\u4e00-\u9fff]/);
};

describe('local accounts: sign-in, sessions, lockout, administration', () => {
  let t: TestApp;
  let admin: string;
  let counter = 0;
  const uniqueLogin = (prefix: string) => `${prefix}${++counter}`;

  /** An account created by the administrator; answers its one-time password. */
  const createUser = async (login: string, role: string, department?: string): Promise<string> => {
    const created = await t.request('POST', '/v1/users', { token: admin, body: { login, displayName: `测试${login}`, role, ...(department ? { department } : {}) } });
    expect(created.status).toBe(201);
    return created.body.oneTimePassword;
  };
  /** A clerk who has signed in once and chosen CLERK_PASSWORD; signed out again. */
  const readyClerk = async (department: string): Promise<string> => {
    const login = uniqueLogin(`clerk${department}-`);
    const client = new SessionClient(t);
    await client.firstSignIn(login, await createUser(login, 'department', department), CLERK_PASSWORD);
    return login;
  };

  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: String(MAX_FAILURES), LOGIN_LOCK_SECONDS: '3', LOGIN_FAILURE_DELAY_MS: '40', DEMO_SIGN_IN: 'false' });
    admin = await t.token('admin', undefined, 'operator');
  });
  afterAll(() => t.close());

  it('an administrator creates a clerk, who signs in with a cookie (no token), must choose a password, then acts on their own department only', async () => {
    const oneTime = await createUser('zhang.wei', 'department', '501');
    expect(oneTime).toMatch(/^[A-Za-z2-9]{4}(?:-[A-Za-z2-9]{4}){3}$/);

    const clerk = new SessionClient(t);
    const signedIn = await clerk.signIn('Zhang.Wei', oneTime);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user).toMatchObject({ login: 'zhang.wei', role: 'department', department: '501', mustChangePassword: true });
    expect(signedIn.body.token).toBeUndefined();
    expect(JSON.stringify(signedIn.body)).not.toMatch(/eyJ/); // no JWT anywhere in the answer
    const cookie = setCookies(signedIn).find((c) => c.startsWith('budgetflow_session='));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);

    // Before choosing a password: nothing but me / password / logout.
    expectProblem(await clerk.request('GET', '/v1/budgets/501/2024/history'), 403, 'PASSWORD_CHANGE_REQUIRED');
    expect((await clerk.request('GET', '/v1/auth/me')).body.user.mustChangePassword).toBe(true);
    const weak = await clerk.request('POST', '/v1/auth/password', { body: { currentPassword: oneTime, newPassword: 'zhang.wei-1234' } });
    expectProblem(weak, 400, 'PASSWORD_CONTAINS_LOGIN');
    expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword', code: 'PASSWORD_CONTAINS_LOGIN' })]);
    expectProblem(await clerk.request('POST', '/v1/auth/password', { body: { currentPassword: 'not-the-one-time', newPassword: CLERK_PASSWORD } }), 400, 'PASSWORD_INCORRECT');
    const changed = await clerk.request('POST', '/v1/auth/password', { body: { currentPassword: oneTime, newPassword: CLERK_PASSWORD } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);

    // Their own department: the import is theirs, recorded under their login.
    const imported = await clerk.request('POST', '/v1/budgets/501/2024/import', { body: loadBudgetFacts() });
    expect(imported.status).toBe(200);
    const history = await clerk.request('GET', '/v1/budgets/501/2024/history');
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).toContain('zhang.wei');
    // Another department's budget and the county listing are not theirs.
    const before = await t.eventCount();
    expectProblem(await clerk.request('POST', '/v1/budgets/502/2024/import', { body: { ...loadBudgetFacts(), department: { ...loadBudgetFacts().department, code: '502' } } }), 403, 'OTHER_DEPARTMENT');
    expectProblem(await clerk.request('GET', '/v1/budgets?year=2024'), 403, 'FORBIDDEN');
    expect(await t.eventCount()).toBe(before);
  });

  it('a one-time password signs in once only', async () => {
    const login = uniqueLogin('once-');
    const oneTime = await createUser(login, 'finance');
    const first = new SessionClient(t);
    expect((await first.signIn(login, oneTime)).status).toBe(200);
    expect((await first.request('POST', '/v1/auth/logout')).status).toBe(204);
    expectProblem(await new SessionClient(t).signIn(login, oneTime), 401, 'SIGN_IN_FAILED');
  });

  it('answers a wrong password and an unknown login alike: same status, code, title and detail', async () => {
    const login = await readyClerk('501');
    const wrong = await new SessionClient(t).signIn(login, 'not-my-password-1');
    const unknown = await new SessionClient(t).signIn('nobody-here', 'not-my-password-1');
    expectProblem(wrong, 401, 'SIGN_IN_FAILED');
    const shape = (r: TestResponse) => ({ status: r.status, code: r.body.code, title: r.body.title, detail: r.body.detail, cookie: sessionCookieOf(r) });
    expect(shape(unknown)).toEqual(shape(wrong));
    expect(shape(wrong).cookie).toBeUndefined();
  });

  it(`locks a login after ${MAX_FAILURES} failures in a row, each answered later than the last; the right password waits out the lock`, async () => {
    const login = await readyClerk('501');
    const client = new SessionClient(t);
    const took: number[] = [];
    for (let attempt = 1; attempt < MAX_FAILURES; attempt++) {
      const started = Date.now();
      expectProblem(await client.signIn(login, `guess-number-${attempt}`), 401, 'SIGN_IN_FAILED');
      took.push(Date.now() - started);
    }
    // 40 ms, 80, 160, 320: the fourth failure waits at least 8 times the base delay.
    expect(took[3]).toBeGreaterThanOrEqual(320);
    expect(took[3]).toBeGreaterThan(took[0]);
    const locking = await client.signIn(login, 'guess-number-5');
    expectProblem(locking, 429, 'SIGN_IN_LOCKED');
    expect(Number(locking.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Locked: even the right password is refused, and no session cookie is set.
    const during = await client.signIn(login, CLERK_PASSWORD);
    expectProblem(during, 429, 'SIGN_IN_LOCKED');
    expect(sessionCookieOf(during)).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const after = await client.signIn(login, CLERK_PASSWORD);
    expect(after.status).toBe(200);
    // A success starts the count again.
    expectProblem(await new SessionClient(t).signIn(login, 'guess-again-1'), 401, 'SIGN_IN_FAILED');
  });

  it('locks unknown login names the same way (a lock tells nothing about who exists)', async () => {
    const client = new SessionClient(t);
    for (let attempt = 1; attempt < MAX_FAILURES; attempt++) expectProblem(await client.signIn('ghost-user', `guess-${attempt}-xx`), 401, 'SIGN_IN_FAILED');
    expectProblem(await client.signIn('ghost-user', 'guess-5-xx'), 429, 'SIGN_IN_LOCKED');
  });

  it('refuses a cookie-signed-in write without the CSRF token, or with another session’s; a bearer request needs none', async () => {
    const login = await readyClerk('503');
    const clerk = new SessionClient(t);
    expect((await clerk.signIn(login, CLERK_PASSWORD)).status).toBe(200);
    const other = new SessionClient(t);
    expect((await other.signIn(login, CLERK_PASSWORD)).status).toBe(200);
    const before = await t.eventCount();
    const facts = { ...loadBudgetFacts(), department: { ...loadBudgetFacts().department, code: '503' } };
    expectProblem(await clerk.request('POST', '/v1/budgets/503/2024/import', { body: facts, csrf: false }), 403, 'CSRF_TOKEN_INVALID');
    expectProblem(await clerk.request('POST', '/v1/budgets/503/2024/import', { body: facts, csrf: other.csrfToken }), 403, 'CSRF_TOKEN_INVALID');
    expect(await t.eventCount()).toBe(before);
    // Reads need no token; the token the console reads from /v1/auth/me is the one that works.
    const me = await clerk.request('GET', '/v1/auth/me');
    expect(me.body).toMatchObject({ via: 'session', user: { login, role: 'department', department: '503' } });
    expect((await clerk.request('POST', '/v1/budgets/503/2024/import', { body: facts, csrf: me.body.csrfToken })).status).toBe(200);
    // A bearer token (API clients) is never asked for a CSRF token.
    const bearer = await t.token('department', '503', 'api-client-503');
    expect((await t.request('POST', '/v1/budgets/503/2024/submit', { token: bearer })).status).toBeLessThan(500);
    expect((await t.request('POST', '/v1/budgets/503/2024/submit', { token: bearer })).body?.code).not.toBe('CSRF_TOKEN_INVALID');
  });

  it('signs out: the session ends on the server and the cookie is cleared', async () => {
    const login = await readyClerk('501');
    const clerk = new SessionClient(t);
    await clerk.signIn(login, CLERK_PASSWORD);
    expect((await clerk.request('GET', '/v1/auth/me')).status).toBe(200);
    const out = await clerk.request('POST', '/v1/auth/logout');
    expect(out.status).toBe(204);
    expect(setCookies(out).find((c) => c.startsWith('budgetflow_session='))).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // The old cookie value, replayed, signs nobody in.
    expectProblem(await clerk.request('GET', '/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('a disabled user is refused at once, session and sign-in alike; enabled again, they sign in', async () => {
    const login = await readyClerk('501');
    const clerk = new SessionClient(t);
    await clerk.signIn(login, CLERK_PASSWORD);
    expect((await clerk.request('GET', '/v1/budgets/501/2024/history')).status).toBe(200);
    const disabled = await t.request('POST', `/v1/users/${login}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    expect(disabled.body.user.disabled).toBe(true);
    expectProblem(await clerk.request('GET', '/v1/budgets/501/2024/history'), 401, 'UNAUTHENTICATED');
    expectProblem(await new SessionClient(t).signIn(login, CLERK_PASSWORD), 401, 'SIGN_IN_FAILED');
    expect((await t.request('POST', `/v1/users/${login}/enable`, { token: admin })).status).toBe(200);
    expect((await new SessionClient(t).signIn(login, CLERK_PASSWORD)).status).toBe(200);
  });

  it('a password reset answers a new one-time password, ends the user’s sessions and lifts a lock', async () => {
    const login = await readyClerk('501');
    const clerk = new SessionClient(t);
    await clerk.signIn(login, CLERK_PASSWORD);
    for (let attempt = 1; attempt <= MAX_FAILURES; attempt++) await new SessionClient(t).signIn(login, `wrong-guess-${attempt}`);
    expectProblem(await new SessionClient(t).signIn(login, CLERK_PASSWORD), 429, 'SIGN_IN_LOCKED');
    const reset = await t.request('POST', `/v1/users/${login}/password-reset`, { token: admin });
    expect(reset.status).toBe(200);
    expect(reset.body.user.mustChangePassword).toBe(true);
    expectProblem(await clerk.request('GET', '/v1/auth/me'), 401, 'UNAUTHENTICATED');
    expectProblem(await new SessionClient(t).signIn(login, CLERK_PASSWORD), 401, 'SIGN_IN_FAILED');
    expect((await new SessionClient(t).signIn(login, reset.body.oneTimePassword)).status).toBe(200);
  });

  it.each([
    ['a malformed login', { login: 'Zhang Wei!', displayName: '张伟', role: 'finance' }, 'LOGIN_INVALID', 'login'],
    ['an unknown role', { login: 'li.na', displayName: '李娜', role: 'mayor' }, 'ROLE_INVALID', 'role'],
    ['a clerk without a department', { login: 'li.na', displayName: '李娜', role: 'department' }, 'DEPARTMENT_REQUIRED', 'department'],
    ['a department on a finance user', { login: 'li.na', displayName: '李娜', role: 'finance', department: '501' }, 'DEPARTMENT_NOT_ALLOWED', 'department'],
    ['a malformed department', { login: 'li.na', displayName: '李娜', role: 'department', department: '../501' }, 'DEPARTMENT_INVALID', 'department'],
    ['an empty display name', { login: 'li.na', displayName: ' ', role: 'finance' }, 'FIELD_REQUIRED', 'displayName'],
    ['a password smuggled in', { login: 'li.na', displayName: '李娜', role: 'finance', password: 'chosen-by-admin' }, 'FIELD_NOT_ALLOWED', 'password'],
  ])('refuses to create a user with %s: 400 with the field error, nobody created', async (_name, body, code, field) => {
    const before = (await t.request('GET', '/v1/users', { token: admin })).body.users.length;
    const response = await t.request('POST', '/v1/users', { token: admin, body });
    expectProblem(response, 400, code);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, code })]));
    expect(response.body.oneTimePassword).toBeUndefined();
    expect((await t.request('GET', '/v1/users', { token: admin })).body.users.length).toBe(before);
  });

  it('refuses a taken login (409), a non-administrator (403), an Idempotency-Key (400), disabling oneself or the last administrator (409)', async () => {
    await createUser('wang.fang', 'supervisor');
    expectProblem(await t.request('POST', '/v1/users', { token: admin, body: { login: 'WANG.FANG', displayName: '王芳', role: 'finance' } }), 409, 'LOGIN_TAKEN');
    const finance = await t.token('finance');
    expectProblem(await t.request('GET', '/v1/users', { token: finance }), 403, 'ADMIN_ONLY');
    expectProblem(await t.request('POST', '/v1/users/wang.fang/password-reset', { token: finance }), 403, 'ADMIN_ONLY');
    expectProblem(await t.request('POST', '/v1/users', { token: admin, headers: { 'idempotency-key': 'k-1' }, body: { login: 'zhao.lei', displayName: '赵磊', role: 'finance' } }), 400, 'IDEMPOTENCY_KEY_NOT_ACCEPTED');
    expectProblem(await t.request('POST', '/v1/users/nobody-at-all/disable', { token: admin }), 404, 'USER_NOT_FOUND');
    // The first-start administrator is the only one: it cannot be disabled, by itself or anyone.
    expectProblem(await t.request('POST', '/v1/users/admin/disable', { token: admin }), 409, 'LAST_ADMIN');
    const selfToken = await t.token('admin', undefined, 'admin');
    expectProblem(await t.request('POST', '/v1/users/admin/disable', { token: selfToken }), 409, 'CANNOT_DISABLE_SELF');
  });

  it('records every sign-in, failure, lock, sign-out and account change in the audit', async () => {
    const supervisor = await t.token('supervisor');
    const types = async (user?: string) =>
      new Set(((await t.request('GET', `/v1/audit?limit=1000${user ? `&user=${user}` : ''}`, { token: supervisor })).body.entries as Array<{ type: string }>).map((e) => e.type));
    const all = await types();
    for (const kind of ['ADMIN_CREATED', 'USER_CREATED', 'SIGNED_IN', 'SIGNED_OUT', 'LOGIN_FAILED', 'ACCOUNT_LOCKED', 'PASSWORD_CHANGED', 'PASSWORD_RESET', 'USER_DISABLED', 'USER_ENABLED']) {
      expect({ kind, recorded: all.has(kind) }).toEqual({ kind, recorded: true });
    }
    // Who: the administrator's changes under the administrator, the clerk's sign-ins under the clerk.
    expect(await types('operator')).toEqual(new Set(['USER_CREATED', 'USER_DISABLED', 'USER_ENABLED', 'PASSWORD_RESET']));
    const clerk = await types('zhang.wei');
    expect(clerk.has('SIGNED_IN')).toBe(true);
    expect(clerk.has('PASSWORD_CHANGED')).toBe(true);
    expect(clerk.has('LOGIN_FAILED')).toBe(true); // the wrong current password
  });
});

describe('local accounts: session expiry', () => {
  const IDLE_SECONDS = 2;
  const MAX_SECONDS = 6;
  const t = useTestApp(() => ({ SESSION_IDLE_SECONDS: String(IDLE_SECONDS), SESSION_MAX_SECONDS: String(MAX_SECONDS), DEMO_SIGN_IN: 'false' }));
  let admin: string;
  beforeAll(async () => {
    admin = await t.token('admin', undefined, 'operator');
  });

  const signedIn = async (login: string): Promise<SessionClient> => {
    const created = await t.request('POST', '/v1/users', { token: admin, body: { login, displayName: login, role: 'supervisor' } });
    const client = new SessionClient(t);
    await client.firstSignIn(login, created.body.oneTimePassword, 'supervision-pass-1');
    return client;
  };
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('ends a session left unused longer than SESSION_IDLE_SECONDS', async () => {
    const client = await signedIn('idle-user');
    expect((await client.request('GET', '/v1/auth/me')).status).toBe(200);
    await wait(2_300);
    expectProblem(await client.request('GET', '/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });

  it('sweeps sessions that ran out when someone signs in (the table holds live sessions only)', async () => {
    await signedIn('sweep-user');
    const sql = new PgSqlClient({ connectionString: testDatabaseUrl(), schema: t.schema, max: 1 });
    try {
      const sessionsOf = async (login: string) => Number((await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM local_account_sessions WHERE login = $1`, [login])).rows[0].n);
      expect(await sessionsOf('sweep-user')).toBe(1);
      await wait(2_300);
      await signedIn('another-user');
      expect(await sessionsOf('sweep-user')).toBe(0);
      expect(await sessionsOf('another-user')).toBe(1);
    } finally {
      await sql.close();
    }
  });

  it('ends a session SESSION_MAX_SECONDS after sign-in however busy it is', async () => {
    // Timed from the client's side, with margins for a loaded machine: the session starts after `before` and before `after`.
    const before = Date.now();
    const client = await signedIn('busy-user');
    const after = Date.now();
    const answered: number[] = [];
    while (Date.now() < before + MAX_SECONDS * 1000 - 1500) {
      expect((await client.request('GET', '/v1/auth/me')).status).toBe(200);
      answered.push(Date.now());
      await wait(500);
    }
    // Used all along for longer than the idle limit: only the absolute limit can end it.
    expect(answered[answered.length - 1] - answered[0]).toBeGreaterThan(IDLE_SECONDS * 1000);
    await wait(after + MAX_SECONDS * 1000 + 300 - Date.now());
    expectProblem(await client.request('GET', '/v1/auth/me'), 401, 'UNAUTHENTICATED');
  });
});
