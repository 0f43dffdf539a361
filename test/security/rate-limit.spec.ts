import { randomUUID } from 'node:crypto';
import { type TestApp, createTestApp, useTestApp } from '../support/test-app';

/** `RATE_LIMIT_PER_MINUTE` per signed-in user, else per client address; 429 problem+json with Retry-After. */

const LIMIT = 5;

async function burst(t: TestApp, count: number, options: { token?: string; ip?: string }): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const headers: Record<string, string> = options.ip ? { 'x-forwarded-for': options.ip } : {};
    statuses.push((await t.request('GET', '/v1/catalogs/2024', { token: options.token, headers })).status);
  }
  return statuses;
}

describe.each([
  ['in memory', {}],
  ['in Redis (REDIS_URL)', { REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379' }],
])('rate limits %s', (_label, env: Record<string, string>) => {
  const t = useTestApp(() => ({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true', ...env }));

  it('the user over the limit gets 429 RATE_LIMITED with Retry-After; another user is not affected', async () => {
    // Unique users: the Redis counters outlive this test.
    const alice = await t.token('supervisor', undefined, `alice-${randomUUID()}`);
    const bob = await t.token('supervisor', undefined, `bob-${randomUUID()}`);
    expect(await burst(t, LIMIT, { token: alice })).toEqual(Array(LIMIT).fill(200));

    const refused = await t.request('GET', '/v1/catalogs/2024', { token: alice });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED', title: '请求过于频繁' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);

    expect(await burst(t, 2, { token: bob })).toEqual([200, 200]);
  });

  it('one user counts as one, whichever address they come from; anonymous callers count per address', async () => {
    const carol = await t.token('finance', undefined, `carol-${randomUUID()}`);
    const addresses = Array.from({ length: LIMIT + 1 }, (_, i) => `198.51.100.${i + 1}`);
    const statuses: number[] = [];
    for (const ip of addresses) statuses.push(...(await burst(t, 1, { token: carol, ip })));
    expect(statuses).toEqual([...Array(LIMIT).fill(200), 429]);

    const ip = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const anonymous = await burst(t, LIMIT + 1, { ip });
    expect(anonymous.slice(0, LIMIT).every((status) => status === 401)).toBe(true);
    expect(anonymous[LIMIT]).toBe(429);
  });

  it('a forged token cannot spend another user\'s allowance: it counts against its address', async () => {
    const dave = `dave-${randomUUID()}`;
    const forged = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: dave, role: 'admin' })).toString('base64url')}.`;
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    expect(await burst(t, LIMIT + 1, { token: forged, ip })).toEqual([...Array(LIMIT).fill(401), 429]);
    expect(await burst(t, 1, { token: await t.token('admin', undefined, dave) })).toEqual([200]);
  });

  it('/health is never throttled', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < LIMIT + 3; i++) statuses.add((await t.request('GET', '/health', { headers: { 'x-forwarded-for': '192.0.2.250' } })).status);
    expect(statuses.has(429)).toBe(false);
  });
});

describe('the default limit', () => {
  it('is generous enough not to throttle ordinary use', async () => {
    const t = await createTestApp();
    try {
      const token = await t.token('admin');
      expect(new Set(await burst(t, 50, { token }))).toEqual(new Set([200]));
    } finally {
      await t.close();
    }
  });
});

describe('X-Forwarded-For without a trusted proxy', () => {
  it('cannot be used to escape the per-address limit', async () => {
    const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await t.request('GET', '/v1/catalogs/2024', { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});

describe('two installations on one Redis', () => {
  it('count apart: the rate-limit keys carry the installation prefix (BULLMQ_PREFIX)', async () => {
    const redis = { REDIS_URL: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', RATE_LIMIT_PER_MINUTE: '3' };
    const first = await createTestApp({ ...redis, BULLMQ_PREFIX: `install-a-${randomUUID()}` });
    const second = await createTestApp({ ...redis, BULLMQ_PREFIX: `install-b-${randomUUID()}` });
    try {
      // The same user id in both installations (e.g. both have an "admin").
      const user = `shared-${randomUUID()}`;
      expect(await burst(first, 3, { token: await first.token('admin', undefined, user) })).toEqual([200, 200, 200]);
      expect(await burst(second, 3, { token: await second.token('admin', undefined, user) })).toEqual([200, 200, 200]);
      expect(await burst(first, 1, { token: await first.token('admin', undefined, user) })).toEqual([429]);
    } finally {
      await first.close();
      await second.close();
    }
  });
});

describe('costly requests weigh more', () => {
  it('exports draw on an allowance 10 times smaller than plain reads; plain reads are unaffected', async () => {
    const t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '20' });
    try {
      const token = await t.token('supervisor', undefined, `exporter-${randomUUID()}`);
      const exports: number[] = [];
      for (let i = 0; i < 3; i++) exports.push((await t.request('GET', '/v1/monitoring/2024/monitoring-table.xlsx', { token })).status);
      // 20 per minute / cost 10 = 2 exports per minute (the first two may be 503 while the read model starts: not throttled).
      expect(exports.map((status) => status === 429)).toEqual([false, false, true]);
      const refused = await t.request('GET', '/v1/monitoring/2024/monitoring-table.xlsx', { token });
      expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(await burst(t, 5, { token })).toEqual(Array(5).fill(200));
    } finally {
      await t.close();
    }
  });
});
