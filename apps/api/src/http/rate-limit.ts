import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import type { ServiceConfig } from '@budgetflow/platform';
import { ProblemException, HTTP_PROBLEMS, type TokenVerifier } from '@budgetflow/platform';

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Who a request counts against: the user of a valid token, else the client address. The token is verified
 * here (not merely decoded), so nobody can spend another user's allowance by forging a `sub`.
 */
export const rateLimitKey =
  (verifier: TokenVerifier) =>
  async (request: FastifyRequest): Promise<string> => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (match) {
      try {
        return `user:${(await verifier.verify(match[1])).userId}`;
      } catch {
        // A bad token is the guard's to refuse; it counts against the address meanwhile.
      }
    }
    return `ip:${request.ip}`;
  };

/**
 * What a request costs, in ordinary requests: exports render whole documents (XLSX, CSV, zip, printable HTML:
 * tens to hundreds of times a small read), the nine tables and the disclosure text are large JSON reads.
 */
export const REQUEST_COSTS: ReadonlyArray<{ group: string; cost: number; url: RegExp }> = [
  { group: 'exports', cost: 10, url: /^\/v1\/.*(?:\.xlsx|\.html|\/datapackage)$/ },
  { group: 'large-reads', cost: 3, url: /^\/v1\/budgets\/:department\/:year\/(?:tables|disclosure|tables\/:tableId)$/ },
];

/** The allowance of a costly group: `perMinute / cost` of them per minute, counted together across its routes. */
export const allowanceOf = (perMinute: number, cost: number): number => Math.max(1, Math.floor(perMinute / cost));

/**
 * `RATE_LIMIT_PER_MINUTE` requests per user (or address) per minute, counted in Redis when `REDIS_URL` is set
 * (shared by every instance) and in memory otherwise. Over the limit: 429 problem+json `RATE_LIMITED` with
 * Retry-After. A Redis outage lets requests through rather than refusing everyone.
 */
export async function registerRateLimit(fastify: FastifyInstance, config: ServiceConfig, verifier: TokenVerifier): Promise<void> {
  if (config.rateLimitPerMinute === 0) return;
  let redis: Redis | undefined;
  if (config.redisUrl) {
    redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000, lazyConnect: false });
    redis.on('error', () => undefined); // reconnects on its own; skipOnError covers the gap
    fastify.addHook('onClose', async () => {
      await redis?.quit().catch(() => redis?.disconnect());
    });
  }
  // Weigh cost: costly routes draw on an allowance of their own, `cost` times smaller (one export = 10 reads).
  // Before the plugin's own onRoute hook, which reads the route's config.
  fastify.addHook('onRoute', (routeOptions) => {
    const methods = ([] as string[]).concat(routeOptions.method);
    if (!methods.includes('GET')) return;
    const costly = REQUEST_COSTS.find(({ url }) => url.test(routeOptions.url));
    if (!costly) return;
    routeOptions.config = {
      ...(routeOptions.config ?? {}),
      rateLimit: { max: allowanceOf(config.rateLimitPerMinute, costly.cost), timeWindow: 60_000, groupId: costly.group },
    } as typeof routeOptions.config;
  });
  await fastify.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey(verifier),
    allowList: (request) => request.url === '/health',
    skipOnError: true,
    // The installation's prefix (BULLMQ_PREFIX) keeps two installations on one Redis from sharing counters.
    ...(redis ? { redis, nameSpace: `${config.reminders.queuePrefix}:rate-limit:` } : {}),
    errorResponseBuilder: (_request, context) =>
      new ProblemException(429, 'RATE_LIMITED', HTTP_PROBLEMS.RATE_LIMITED.title, `每分钟最多 ${context.max} 次请求，请在 ${Math.ceil(context.ttl / 1000)} 秒后重试`),
  });
}
