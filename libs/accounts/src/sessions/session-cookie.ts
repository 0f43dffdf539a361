import { createHash, randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'budgetflow_session';
/** The header a cookie-signed-in console sends with every unsafe request: the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

/** 256 random bits, URL-safe: a session id or a CSRF token. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** Sessions are stored by this digest: a copy of the table (a backup, a dump) signs nobody in. */
export const sessionIdHash = (sessionId: string): string => createHash('sha256').update(sessionId).digest('hex');

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * `Secure` always, except for plain http to a loopback address (a browser on the same machine, the tests): there
 * the browser would refuse a Secure cookie set over http. Behind a TLS proxy the browser speaks https whatever
 * the proxy forwards, so the cookie is Secure there too.
 */
export const cookieIsSecure = (request: FastifyRequest): boolean => request.protocol === 'https' || !LOOPBACK.test(request.hostname.replace(/:\d+$/, ''));

const cookieOptions = (request: FastifyRequest, maxAgeSeconds: number): CookieSerializeOptions => ({
  httpOnly: true,
  secure: cookieIsSecure(request),
  sameSite: 'strict',
  path: '/',
  maxAge: maxAgeSeconds,
});

export const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, sessionId: string, maxAgeSeconds: number): void => {
  void reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(request, maxAgeSeconds));
};

export const clearSessionCookie = (request: FastifyRequest, reply: FastifyReply): void => {
  void reply.clearCookie(SESSION_COOKIE, cookieOptions(request, 0));
};

export const sessionCookieOf = (request: FastifyRequest): string | undefined => {
  const value = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
};
