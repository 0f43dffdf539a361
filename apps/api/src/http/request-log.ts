import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';

/** Anything shaped like a JWT, and the values of query parameters that usually carry one. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
const SECRET_PARAMETER = /([?&](?:access_token|id_token|token|jwt|code|authorization)=)[^&#]*/gi;
export const scrubSecrets = (text: string): string => text.replace(SECRET_PARAMETER, '$1[redacted]').replace(JWT_LIKE, '[redacted]');

/**
 * One line per answered request (not /health), written from Fastify's `onResponse` hook: request id, method, the
 * address with tokens scrubbed, client address, user agent, status, time taken and the signed-in user. No headers:
 * tokens and session cookies never reach the logs. 5xx answers are logged at `error`, the rest at `info`; below
 * that level the hook returns before building anything (a request pays one level check).
 */
export function registerRequestLog(fastify: FastifyInstance, log: Pino): void {
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const failed = reply.statusCode >= 500;
    if (request.url !== '/health' && log.isLevelEnabled(failed ? 'error' : 'info')) {
      const line = {
        req: { id: request.id, method: request.method, url: scrubSecrets(request.url), remoteAddress: request.ip, userAgent: request.headers['user-agent'] },
        res: { statusCode: reply.statusCode },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        actor: (request as { actor?: { userId: string } }).actor?.userId,
      };
      if (failed) log.error(line, 'request errored');
      else log.info(line, 'request completed');
    }
    done();
  });
}
