import { serviceClock } from './demo-clock';
import { ConfigError, loadConfig } from './service-config';

describe('loadConfig', () => {
  it('gives the embedded defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.dataDir.endsWith('data')).toBe(true);
    expect(config.rateLimitPerMinute).toBe(1200);
    expect(config.logFile).toBeUndefined();
  });

  it('reads the security settings', () => {
    const config = loadConfig({ RATE_LIMIT_PER_MINUTE: '30', CORS_ORIGINS: 'https://a.example, http://localhost:5173', LOG_FILE: '/tmp/x.log' });
    expect(config.rateLimitPerMinute).toBe(30);
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
    expect(config.logFile).toBe('/tmp/x.log');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_SCHEMA: 'Robert"; drop' }, 'DATABASE_SCHEMA'],
    [{ AUTH_ISSUER: 'https://id.example' }, 'AUTH_JWKS_URL'],
    [{ RATE_LIMIT_PER_MINUTE: '-1' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ RATE_LIMIT_PER_MINUTE: 'lots' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ CORS_ORIGINS: 'https://ok.example,javascript:alert(1)' }, 'CORS_ORIGINS'],
    [{ CLOCK_START: 'tomorrow' }, 'CLOCK_START'],
    [{ CLOCK_START: '2024-06-20' }, 'CLOCK_START'],
    [{ CLOCK_START: '2024-06-20T09:00:00' }, 'CLOCK_START'],
    [{ CLOCK_START: '2024-02-30T09:00:00+08:00' }, 'CLOCK_START'],
    [{ CLOCK_START: '2024-06-20T24:00:00+08:00' }, 'CLOCK_START'],
    [{ CLOCK_START: '2024-06-20T09:00:00+08:00', DATABASE_URL: 'postgres://db/budgetflow' }, 'DATABASE_URL'],
    [{ CLOCK_START: '2024-06-20T09:00:00+08:00', AUTH_ISSUER: 'https://id.example', AUTH_JWKS_URL: 'https://id.example/jwks' }, 'AUTH_ISSUER'],
    [{ CLOCK_START: '2024-06-20T09:00:00+08:00', EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://k:2113?tls=false' }, 'EVENT_STORE=kurrentdb'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, and what the operator names otherwise', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1,10.0.0.2' }).trustProxy).toBe('10.0.0.1,10.0.0.2');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8' }).trustProxy).toBe('10.0.0.0/8');
  });

  it('refuses a hop count: it cannot check that the connected peer is the proxy, so any client could claim any address', () => {
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY="1" 是跳数/);
  });
});

describe('CLOCK_START', () => {
  it('is unset by default: the clock is real time', () => {
    expect(loadConfig({}).clockStart).toBeUndefined();
    expect(serviceClock({}, () => 1_700_000_000_000)().getTime()).toBe(1_700_000_000_000);
  });

  it('reads an ISO instant with its offset in the embedded default', () => {
    expect(loadConfig({ CLOCK_START: '2024-06-20T09:00:00+08:00' }).clockStart?.toISOString()).toBe('2024-06-20T01:00:00.000Z');
    expect(loadConfig({ CLOCK_START: '2024-06-27T00:59:55.5Z' }).clockStart?.toISOString()).toBe('2024-06-27T00:59:55.500Z');
  });

  it('names the production setting it may not be combined with', () => {
    expect(() => loadConfig({ CLOCK_START: '2024-06-20T09:00:00+08:00', DATABASE_URL: 'postgres://db/budgetflow' })).toThrow('production never time-travels');
  });

  it('runs from the start instant at real speed, counting from when the process started', () => {
    // Given a process that started at real time 1000 s and a clock set to start at 2024-06-27 08:59:55 (Shanghai)
    let real = 1_000_000 + 2_500;
    const clock = serviceClock({ clockStart: new Date('2024-06-27T08:59:55+08:00') }, () => real, 1_000_000);
    // When 2.5 s and then 10 s have passed since the process started
    const first = clock();
    real += 7_500;
    const second = clock();
    // Then the clock shows the start plus exactly that much
    expect(first.toISOString()).toBe('2024-06-27T00:59:57.500Z');
    expect(second.toISOString()).toBe('2024-06-27T01:00:05.000Z');
  });
});

describe('DEMO_SIGN_IN', () => {
  it('is off unless asked for with DEMO=1 or DEMO_SIGN_IN=true, whatever the store', () => {
    expect(loadConfig({}).demoSignIn).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/budget' }).demoSignIn).toBe(false);
    expect(loadConfig({ DEMO: '1' }).demoSignIn).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demoSignIn).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/budget', DEMO_SIGN_IN: 'true' }).demoSignIn).toBe(true);
    expect(loadConfig({ DEMO: '1', DEMO_SIGN_IN: 'false' }).demoSignIn).toBe(false);
  });

  it('binds to 127.0.0.1 while demo users are on, unless HOST is set explicitly', () => {
    expect(loadConfig({}).host).toBe('0.0.0.0');
    expect(loadConfig({ DEMO: '1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DEMO_SIGN_IN: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({ DEMO: '1', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('is never combined with an OIDC issuer', () => {
    const issuer = { AUTH_ISSUER: 'https://id.example', AUTH_JWKS_URL: 'https://id.example/jwks' };
    expect(loadConfig(issuer).demoSignIn).toBe(false);
    expect(() => loadConfig({ ...issuer, DEMO_SIGN_IN: 'true' })).toThrow('DEMO_SIGN_IN');
    expect(() => loadConfig({ ...issuer, DEMO: '1' })).toThrow('AUTH_ISSUER');
  });
});

describe('local accounts', () => {
  it('are on without an OIDC issuer, with 30-minute idle and 12-hour sessions and a 5-failure, 15-minute lock', () => {
    expect(loadConfig({}).accounts).toEqual({ enabled: true, sessionIdleSeconds: 1800, sessionMaxSeconds: 43_200, maxFailures: 5, lockSeconds: 900, failureDelayMs: 250 });
    expect(loadConfig({ AUTH_ISSUER: 'https://id.example', AUTH_JWKS_URL: 'https://id.example/jwks' }).accounts.enabled).toBe(false);
  });

  it.each(['SESSION_IDLE_SECONDS', 'SESSION_MAX_SECONDS', 'LOGIN_MAX_FAILURES', 'LOGIN_LOCK_SECONDS'])('refuses %s=0', (name) => {
    expect(() => loadConfig({ [name]: '0' })).toThrow(name);
  });
});

describe('console sign-in through the OIDC issuer', () => {
  const issuer = { AUTH_ISSUER: 'https://id.example', AUTH_JWKS_URL: 'https://id.example/jwks' };
  it('reads the client id, scopes and claim names, with defaults', () => {
    expect(loadConfig(issuer).auth).toMatchObject({ consoleClientId: undefined, scopes: 'openid profile', roleClaim: 'role', departmentClaim: 'department' });
    const config = loadConfig({ ...issuer, AUTH_CLIENT_ID: 'console', AUTH_SCOPES: 'openid budget', AUTH_ROLE_CLAIM: 'bf_role', AUTH_DEPARTMENT_CLAIM: 'bf_dept' });
    expect(config.auth).toMatchObject({ consoleClientId: 'console', scopes: 'openid budget', roleClaim: 'bf_role', departmentClaim: 'bf_dept' });
  });

  it('refuses a client id without an issuer, and scopes without openid', () => {
    expect(() => loadConfig({ AUTH_CLIENT_ID: 'console' })).toThrow('AUTH_CLIENT_ID');
    expect(() => loadConfig({ ...issuer, AUTH_CLIENT_ID: 'console', AUTH_SCOPES: 'profile' })).toThrow('AUTH_SCOPES');
  });
});
