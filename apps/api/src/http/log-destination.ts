import pino from 'pino';
import type { ServiceConfig } from '@budgetflow/platform';

/** Anything shaped like a JWT, and the values of query parameters that usually carry one. */
const JWT_LIKE = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g;
const SECRET_PARAMETER = /([?&](?:access_token|id_token|token|jwt|code|authorization)=)[^&#]*/gi;
export const scrubSecrets = (text: string): string => text.replace(SECRET_PARAMETER, '$1[redacted]').replace(JWT_LIKE, '[redacted]');

interface SerializedRequest {
  url?: string;
  query?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * pino-http options beside the ones in AppModule: the file of `LOG_FILE` (written synchronously, so nothing
 * is lost on exit; stdout otherwise), and a request serializer that keeps tokens out of logged URLs and queries
 * (the Authorization and Cookie headers are redacted in AppModule).
 */
export const logStream = (config: ServiceConfig) => ({
  ...(config.logFile ? { stream: pino.destination({ dest: config.logFile, sync: true, mkdir: true }) } : {}),
  serializers: {
    req: (request: SerializedRequest): SerializedRequest => ({
      ...request,
      ...(typeof request.url === 'string' ? { url: scrubSecrets(request.url) } : {}),
      ...(request.query && typeof request.query === 'object'
        ? { query: Object.fromEntries(Object.entries(request.query).map(([key, value]) => [key, typeof value === 'string' ? scrubSecrets(`?${key}=${value}`).slice(key.length + 2) : value])) }
        : {}),
    }),
  },
});
