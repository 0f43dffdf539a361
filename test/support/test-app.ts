import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EVENT_STORE, loadConfig } from '@budgetflow/platform';
import { type Role, loadOrCreateLocalKey, mintLocalToken } from '@budgetflow/platform';
import { type EventStore, PgSqlClient, START } from '@budgetflow/event-store';
import { testDatabaseUrl, uniqueSchemaName } from '@budgetflow/testing';
import { createApp } from '../../apps/api/src/create-app';
import { eventStoreEnv, eventStoreUnderTest } from './event-store-under-test';

export interface TestApp {
  app: NestFastifyApplication;
  schema: string;
  /** A bearer token for a role (department tokens need the department code). */
  token(role: Role, department?: string, userId?: string): Promise<string>;
  /** Number of events in the store: the "nothing appended" check of every refusal test. */
  eventCount(): Promise<number>;
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Raw payload (malformed JSON, huge bodies, an uploaded file's bytes). */
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are inspected field by field
  text: string;
  /** The answer's bytes (a downloaded workbook). */
  bytes: Buffer;
}

/**
 * The whole HTTP app on real Postgres in a fresh schema of its own (and a temp DATA_DIR for the local
 * signing key); requests go through Fastify's inject, the same door a client uses. Events in that schema too,
 * or in memory with `TEST_EVENT_STORE=memory` (see `eventStoreUnderTest`).
 */
export async function createTestApp(env: Record<string, string> = {}, options: { clockStart?: Date } = {}): Promise<TestApp> {
  const schema = uniqueSchemaName('e2e');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-test-'));
  // Demo sign-in is off by default since issue 15; the test app turns it on (the authorization matrix walks its routes)
  // unless a test configures an OIDC issuer or says DEMO_SIGN_IN=false.
  const demoSignIn = env['AUTH_ISSUER'] ? {} : { DEMO_SIGN_IN: 'true' };
  const config = loadConfig({ DATABASE_URL: testDatabaseUrl(), DATABASE_SCHEMA: schema, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...demoSignIn, ...eventStoreEnv(), ...env });
  // A test's clock (the injected CLOCK runs from this instant): CLOCK_START itself is refused beside DATABASE_URL, so
  // production never time-travels; a test sets the parsed value directly.
  if (options.clockStart) config.clockStart = options.clockStart;
  const app = await createApp(config);
  await app.getHttpAdapter().getInstance().ready();
  const { privateKey } = await loadOrCreateLocalKey(dataDir);
  const admin = new PgSqlClient({ connectionString: testDatabaseUrl(), schema, max: 2 });

  return {
    app,
    schema,
    token: (role, department, userId) => mintLocalToken(privateKey, { role, department, userId, audience: config.auth.audience }),
    eventCount: async () =>
      eventStoreUnderTest() === 'memory'
        ? // Every event after the start: nothing is ever held back in memory (no commit-safe wait).
          (await app.get<EventStore>(EVENT_STORE).lag(START)).eventsBehind
        : Number((await admin.query<{ n: bigint }>('SELECT count(*) AS n FROM events')).rows[0].n),
    request: async (method, url, options = {}) => {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      let payload: string | Buffer | undefined = options.payload;
      if (options.body !== undefined) {
        payload = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      } else if (payload !== undefined) {
        headers['content-type'] ??= 'application/json';
      }
      const response = await app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
      let body: unknown = undefined;
      const raw = response.rawPayload;
      try {
        body = response.body ? JSON.parse(response.body) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.statusCode, headers: response.headers, body, text: response.body, bytes: raw };
    },
    close: async () => {
      await app.close();
      try {
        if (eventStoreUnderTest() === 'memory') {
          // The proof that memory mode is what it claims: not one event went to the SQL store.
          const inSql = Number((await admin.query<{ n: bigint }>('SELECT count(*) AS n FROM events')).rows[0].n);
          if (inSql > 0) throw new Error(`TEST_EVENT_STORE=memory, yet ${inSql} events are in the schema's events table`);
        }
        await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The test app of the enclosing `describe`: created before its tests (before the `beforeAll`s declared after this
 * call, which may use it) and closed after them. Used as the app itself: `const t = useTestApp(); … t.request(…)`.
 */
export function useTestApp(env: Record<string, string> | (() => Record<string, string>) = {}, timeoutMs?: number): TestApp {
  let current: TestApp | undefined;
  beforeAll(async () => {
    // A function when the settings are known only once earlier hooks ran (a provider's URL …).
    current = await createTestApp(typeof env === 'function' ? env() : env);
  }, timeoutMs);
  afterAll(() => current?.close());
  return new Proxy({} as TestApp, {
    get: (_, key) => {
      if (!current) throw new Error('the test app exists only while the tests of its describe run');
      return current[key as keyof TestApp];
    },
  });
}

/**
 * `GET url` as a client that waits for the projections: with `after` (an append's position) the answer is as of that
 * append; 503 (the projection is still behind, e.g. another suite's long transaction on the shared Postgres) is asked
 * again, at most `attempts` times more. The last answer is returned, whatever its status.
 */
export async function getCaughtUp(t: TestApp, url: string, options: { token?: string; after?: string | number; attempts?: number } = {}): Promise<TestResponse> {
  const { token, after, attempts = 10 } = options;
  const full = after !== undefined && after !== '' ? `${url}${url.includes('?') ? '&' : '?'}after=${after}` : url;
  let response = await t.request('GET', full, token ? { token } : {});
  for (let attempt = 0; response.status === 503 && attempt < attempts; attempt++) response = await t.request('GET', full, token ? { token } : {});
  return response;
}

type Grant = [role: Role, department?: string, userId?: string];

/**
 * Bearer tokens of the enclosing `describe`, minted in a `beforeAll` once `t` exists (declare after `useTestApp` or
 * the `beforeAll` that creates the app): `const as = useTokens(t, { finance: ['finance', undefined, 'finance-zhang'] })`.
 */
export function useTokens<K extends string>(t: TestApp | (() => TestApp), grants: Record<K, Grant>): Readonly<Record<K, string>> {
  const tokens = {} as Record<K, string>;
  beforeAll(async () => {
    const app = typeof t === 'function' ? t() : t;
    for (const [name, [role, department, userId]] of Object.entries(grants) as Array<[K, Grant]>) tokens[name] = await app.token(role, department, userId);
  });
  return tokens;
}
