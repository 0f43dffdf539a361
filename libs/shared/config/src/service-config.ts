import * as path from 'node:path';

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
  };
  corsOrigins: string[];
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置错误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

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

  const logLevel = (text('LOG_LEVEL') ?? 'info') as ServiceConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL="${logLevel}" 必须是 ${LOG_LEVELS.join('|')} 之一`);
  const databaseSchema = text('DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) problems.push(`DATABASE_SCHEMA="${databaseSchema}" 必须是小写的 SQL 标识符`);

  const config: ServiceConfig = {
    port: integer('PORT', 3000, 0, 65535),
    host: text('HOST') ?? '0.0.0.0',
    dataDir: path.resolve(text('DATA_DIR') ?? './data'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema,
    redisUrl: url('REDIS_URL', ['redis:', 'rediss:']),
    logLevel,
    healthMaxLagSeconds: integer('HEALTH_MAX_LAG_SECONDS', 30, 0, 86400),
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    auth: {
      issuer: text('AUTH_ISSUER'),
      audience: text('AUTH_AUDIENCE') ?? 'budgetflow',
      jwksUrl: url('AUTH_JWKS_URL', ['http:', 'https:']),
    },
    corsOrigins: (text('CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
  };
  if (config.auth.issuer && !config.auth.jwksUrl) problems.push('AUTH_ISSUER 已设置但缺少 AUTH_JWKS_URL (AUTH_ISSUER needs AUTH_JWKS_URL)');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
