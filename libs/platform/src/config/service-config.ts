import * as path from 'node:path';
import { type SecurityConfig, loadSecurityConfig } from './security-config';

/**
 * The service's configuration, read once from the environment at start.
 * A bad value stops the process with a message that names the variable and what it expects.
 */
export interface ServiceConfig {
  port: number;
  host: string;
  /** Where the embedded database (PGlite) and the local signing key live. */
  dataDir: string;
  /** Postgres connection string; when absent the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  /** Postgres schema holding events and read models. */
  databaseSchema: string;
  /**
   * Where events live: `postgres` (DATABASE_URL or the embedded PGlite), `kurrentdb` (KURRENTDB_URL) or `memory`
   * (tests only: NODE_ENV=test or ALLOW_IN_MEMORY_EVENT_STORE=true; lost when the process ends). Read models stay
   * in Postgres/PGlite in every mode.
   */
  eventStore: 'postgres' | 'kurrentdb' | 'memory';
  /** KurrentDB connection string, e.g. `kurrentdb://kurrentdb:2113?tls=false`; required when `eventStore` is `kurrentdb`. */
  kurrentdbUrl?: string;
  /** Redis for BullMQ; when absent an in-process scheduler is used. */
  redisUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** /health answers 503 while a projection is further behind than this. */
  healthMaxLagSeconds: number;
  /** Largest accepted request body, bytes. */
  bodyLimitBytes: number;
  auth: {
    /** OIDC issuer for production tokens; when absent the local signing key in `dataDir` is used. */
    issuer?: string;
    audience: string;
    jwksUrl?: string;
    /**
     * The console's sign-in through the issuer (authorization code + PKCE): its public client id (`AUTH_CLIENT_ID`),
     * the scopes it asks for (`AUTH_SCOPES`) and which ID-token claims name the role and the department
     * (`AUTH_ROLE_CLAIM`, `AUTH_DEPARTMENT_CLAIM`). Without a client id the console asks for a pasted token.
     */
    consoleClientId?: string;
    scopes: string;
    roleClaim: string;
    departmentClaim: string;
  };
  corsOrigins: string[];
  /** Lead the read-model projections in this process (`RUN_PROJECTIONS`, default true; api instances of a split deployment set false and leave them to the worker). */
  runProjections: boolean;
  /**
   * Demo users per role from the sign-in page: only when asked for (`DEMO=1` or `DEMO_SIGN_IN=true`), never by
   * default — anyone who reaches the port could become any department clerk or the finance bureau. With it on the
   * service listens on 127.0.0.1 unless `HOST` says otherwise.
   */
  demoSignIn: boolean;
  /** Local accounts (login + password, cookie sessions) for counties without an identity provider: on when `AUTH_ISSUER` is unset. */
  accounts: LocalAccountsConfig;
  /** Spending-plan reminders (issue 6): worker switch, queues, SMTP and webhook delivery. */
  reminders: {
    /** Run the reminder planner and job processors in this process (`RUN_WORKER`, default true). */
    runWorker: boolean;
    /** BullMQ key prefix (`BULLMQ_PREFIX`). */
    queuePrefix: string;
    /** SMTP server for reminder emails (`SMTP_URL`, smtp:// or smtps://); absent → no email. */
    smtpUrl?: string;
    /** Sender address of reminder emails (`SMTP_FROM`). */
    mailFrom: string;
    /** Webhook tries before a delivery is dead-lettered (`WEBHOOK_MAX_ATTEMPTS`). */
    webhookMaxAttempts: number;
    /** First webhook retry delay, doubled each try (`WEBHOOK_RETRY_BASE_MS`). */
    webhookRetryBaseMs: number;
    /** Full reconcile of the queue from Postgres (`REMINDER_RECONCILE_MS`; 0 = only at start). */
    reconcileIntervalMs: number;
  };
  /** Requests per minute per signed-in user (or per client address when anonymous); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Honour X-Forwarded-For only from a reverse proxy the operator names (`TRUST_PROXY=true` or its addresses / CIDRs). */
  trustProxy: boolean | string;
  /** When set, logs go to this file instead of stdout (tests read it to prove tokens never reach the logs). */
  logFile?: string;
  /**
   * Demo/test clock (`CLOCK_START`, an ISO instant with its offset): the injected `CLOCK` runs from this instant at
   * real speed (start + time since the process started). Embedded default only: refused with DATABASE_URL,
   * AUTH_ISSUER or EVENT_STORE=kurrentdb — production never time-travels.
   */
  clockStart?: Date;
  /** Timeouts, idempotency lease, retention (see security-config.ts). */
  security: SecurityConfig;
}

export interface LocalAccountsConfig {
  enabled: boolean;
  /** A session unused for this long ends (`SESSION_IDLE_SECONDS`, default 30 minutes). */
  sessionIdleSeconds: number;
  /** A session ends this long after sign-in whatever its use (`SESSION_MAX_SECONDS`, default 12 hours). */
  sessionMaxSeconds: number;
  /** Failed sign-ins in a row that lock a login name (`LOGIN_MAX_FAILURES`, default 5). */
  maxFailures: number;
  /** How long a locked login name stays locked (`LOGIN_LOCK_SECONDS`, default 15 minutes). */
  lockSeconds: number;
  /** Delay of the first failed answer, doubled with each further failure up to 8 s (`LOGIN_FAILURE_DELAY_MS`, default 250). */
  failureDelayMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with an explicit offset (`2024-06-20T09:00:00+08:00`, `…Z`) that names a real calendar moment; otherwise undefined. */
export const parseIsoInstant = (raw: string): Date | undefined => {
  const match = ISO_INSTANT.exec(raw);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? '0')) as [number, number, number, number, number, number];
  const offset = match[8] as string;
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2024-02-30 over to 1 March: a field that does not come back unchanged was out of range.
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || local.getUTCHours() !== hour || local.getUTCMinutes() !== minute || local.getUTCSeconds() !== second) {
    return undefined;
  }
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return undefined;
  const instant = new Date(raw);
  return Number.isNaN(instant.getTime()) ? undefined : instant;
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** `true`/`false`, or a comma-separated list of proxy addresses / CIDRs (a hop count is refused below); default: trust no one. */
const trustProxyOf = (raw: string | undefined): boolean | string => (raw === undefined || raw === 'false' ? false : raw === 'true' ? true : raw);

export function loadConfig(env: Env = process.env): ServiceConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name}="${raw}" 必须是 ${min}–${max} 之间的整数 (must be an integer between ${min} and ${max})`);
      return fallback;
    }
    return Number(raw);
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      problems.push(`${name} 不是有效的 ${protocols.join('/')} 地址 (must be a ${protocols.join(' or ')} URL)`);
      return undefined;
    }
  };

  const flag = (name: string, fallback: boolean): boolean => {
    const raw = text(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name}="${raw}" 必须是 true 或 false (must be true or false)`);
    return fallback;
  };

  const logLevel = (text('LOG_LEVEL') ?? 'info') as ServiceConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" 必须是 ${LOG_LEVELS.join('|')} 之一`);
  const databaseSchema = text('DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) problems.push(`DATABASE_SCHEMA="${databaseSchema}" 必须是小写的 SQL 标识符`);

  const demoSignIn = flag('DEMO_SIGN_IN', text('DEMO') === '1');
  const config: ServiceConfig = {
    port: integer('PORT', 3000, 0, 65535),
    // Demo users hand out tokens to whoever asks: only this machine may ask, unless the operator names a HOST.
    host: text('HOST') ?? (demoSignIn ? '127.0.0.1' : '0.0.0.0'),
    dataDir: path.resolve(text('DATA_DIR') ?? './data'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema,
    eventStore: (text('EVENT_STORE') ?? 'postgres') as ServiceConfig['eventStore'],
    kurrentdbUrl: url('KURRENTDB_URL', ['kurrentdb:', 'kurrentdb+discover:', 'kurrent:', 'kurrent+discover:', 'kdb:', 'kdb+discover:', 'esdb:', 'esdb+discover:']),
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    healthMaxLagSeconds: integer('HEALTH_MAX_LAG_SECONDS', 30, 0, 86400),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    auth: {
      issuer: text('AUTH_ISSUER'),
      audience: text('AUTH_AUDIENCE') ?? 'budgetflow',
      jwksUrl: url('AUTH_JWKS_URL', ['http:', 'https:']),
      consoleClientId: text('AUTH_CLIENT_ID'),
      scopes: text('AUTH_SCOPES') ?? 'openid profile',
      roleClaim: text('AUTH_ROLE_CLAIM') ?? 'role',
      departmentClaim: text('AUTH_DEPARTMENT_CLAIM') ?? 'department',
    },
    corsOrigins: (text('CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    runProjections: flag('RUN_PROJECTIONS', true),
    demoSignIn,
    accounts: {
      enabled: !text('AUTH_ISSUER'),
      sessionIdleSeconds: integer('SESSION_IDLE_SECONDS', 1800, 1, 7 * 86_400),
      sessionMaxSeconds: integer('SESSION_MAX_SECONDS', 43_200, 1, 30 * 86_400),
      maxFailures: integer('LOGIN_MAX_FAILURES', 5, 1, 100),
      lockSeconds: integer('LOGIN_LOCK_SECONDS', 900, 1, 86_400),
      failureDelayMs: integer('LOGIN_FAILURE_DELAY_MS', 250, 0, 8_000),
    },
    reminders: {
      runWorker: flag('RUN_WORKER', true),
      queuePrefix: text('BULLMQ_PREFIX') ?? 'budgetflow',
      smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
      mailFrom: text('SMTP_FROM') ?? 'budgetflow@localhost',
      webhookMaxAttempts: integer('WEBHOOK_MAX_ATTEMPTS', 6, 1, 50),
      webhookRetryBaseMs: integer('WEBHOOK_RETRY_BASE_MS', 30_000, 1, 86_400_000),
      reconcileIntervalMs: integer('REMINDER_RECONCILE_MS', 300_000, 0, 86_400_000),
    },
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 1200, 0, 10_000_000),
    trustProxy: trustProxyOf(text('TRUST_PROXY')),
    security: loadSecurityConfig({ integer, text, problems }),
    ...(text('LOG_FILE') ? { logFile: path.resolve(text('LOG_FILE') as string) } : {}),
  };
  if (typeof config.trustProxy === 'string' && /^\d+$/.test(config.trustProxy)) {
    // A hop count believes whatever the nearest hops say without checking who is connected: any client can then
    // claim any address by sending enough X-Forwarded-For entries (Fastify 5.12 no longer trusts one at all).
    problems.push(
      `TRUST_PROXY="${config.trustProxy}" 是跳数：跳数无法核实直接连接的是不是代理，请写代理的地址或网段（如 10.0.0.1 或 10.0.0.0/8，逗号分隔），或 true ` +
        '(a hop count cannot check that the peer is the proxy: name the proxy addresses or CIDRs, or true)',
    );
  }
  for (const origin of config.corsOrigins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) problems.push(`CORS_ORIGINS 中的 "${origin}" 不是 http(s)://主机[:端口] 形式的来源 (must be an origin such as https://example.org)`);
  }
  if (config.demoSignIn && config.auth.issuer) problems.push('DEMO_SIGN_IN（或 DEMO=1）不能与 AUTH_ISSUER 同时使用 (demo sign-in is for deployments without an OIDC issuer)');
  if (config.auth.consoleClientId && !config.auth.issuer) problems.push('AUTH_CLIENT_ID 需要 AUTH_ISSUER (AUTH_CLIENT_ID is the console client of the AUTH_ISSUER provider)');
  if (!config.auth.scopes.split(/\s+/).includes('openid')) problems.push(`AUTH_SCOPES="${config.auth.scopes}" 必须包含 openid (must include openid)`);
  if (config.auth.issuer && !config.auth.jwksUrl) problems.push('AUTH_ISSUER 已设置但缺少 AUTH_JWKS_URL (AUTH_ISSUER needs AUTH_JWKS_URL)');
  if (!['postgres', 'kurrentdb', 'memory'].includes(config.eventStore)) problems.push(`EVENT_STORE="${config.eventStore}" 必须是 postgres|kurrentdb|memory 之一`);
  // Events in process memory vanish with the process: never by accident in a deployment.
  if (config.eventStore === 'memory' && text('NODE_ENV') !== 'test' && !flag('ALLOW_IN_MEMORY_EVENT_STORE', false)) {
    problems.push('EVENT_STORE=memory 只用于测试：需要 NODE_ENV=test 或 ALLOW_IN_MEMORY_EVENT_STORE=true (the in-memory event store loses every event when the process ends; tests only)');
  }
  if (config.eventStore === 'kurrentdb' && !config.kurrentdbUrl && !problems.some((p) => p.startsWith('KURRENTDB_URL'))) {
    problems.push('EVENT_STORE=kurrentdb 需要 KURRENTDB_URL (EVENT_STORE=kurrentdb needs KURRENTDB_URL)');
  }
  const clockStart = text('CLOCK_START');
  if (clockStart !== undefined) {
    const instant = parseIsoInstant(clockStart);
    if (!instant) {
      problems.push(`CLOCK_START="${clockStart}" 必须是带时区的 ISO 时刻，如 2024-06-20T09:00:00+08:00 (must be an ISO instant with its offset)`);
    } else if (config.databaseUrl || config.auth.issuer || config.eventStore === 'kurrentdb') {
      const set = [config.databaseUrl ? 'DATABASE_URL' : '', config.auth.issuer ? 'AUTH_ISSUER' : '', config.eventStore === 'kurrentdb' ? 'EVENT_STORE=kurrentdb' : ''].filter(Boolean).join('、');
      problems.push(`CLOCK_START 只能用于内嵌默认配置（演示/测试），不能与 ${set} 同时设置 (CLOCK_START is for the embedded default only; production never time-travels)`);
    } else {
      config.clockStart = instant;
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
