import { StoreUnavailableError } from '../errors';

/** Network-level error codes raised by Node sockets. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** SQLSTATEs meaning "the server is going away / not accepting work": admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg raises these without a code when the socket dies or the pool cannot connect in time. */
const UNAVAILABLE_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /connection refused/i, /Client has encountered a connection error/i, /Cannot use a pool after calling end/i];

export function sqlErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Duck-typed: errors may come from another realm (PGlite under jest), where `instanceof Error` fails. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const message = (error as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return typeof error === 'string' ? error : '';
}

export function isUnavailableError(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  const code = sqlErrorCode(error);
  if (code && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnavailableError);
  const message = errorMessage(error);
  return UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}

/** Turns connection-level failures into `StoreUnavailableError` so the HTTP layer can answer 503. */
export function mapSqlError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isUnavailableError(error)) return error;
  const message = errorMessage(error) || String(sqlErrorCode(error) ?? 'unknown');
  return new StoreUnavailableError(`Database unavailable: ${message}`, error);
}

/** Runs `operation`, throwing what it throws as `mapSqlError` maps it (the one way both SQL clients report errors). */
export async function withSqlErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw mapSqlError(error);
  }
}
