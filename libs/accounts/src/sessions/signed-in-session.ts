import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** What a request signed in by cookie carries besides its actor (logout, `GET /v1/auth/me`, password change). */
export interface SignedInSession {
  idHash: string;
  login: string;
  displayName: string;
  csrfToken: string;
  mustChangePassword: boolean;
}

const SESSION = Symbol('budgetflow.session');
type RequestWithSession = FastifyRequest & { [SESSION]?: SignedInSession };

export const sessionOf = (request: FastifyRequest): SignedInSession | undefined => (request as RequestWithSession)[SESSION];

export const attachSession = (request: FastifyRequest, session: SignedInSession): void => {
  (request as RequestWithSession)[SESSION] = session;
};

export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The CSRF token sent (`X-CSRF-Token`) is the session's, compared in constant time. */
export const sameToken = (sent: string | string[] | undefined, expected: string): boolean => {
  if (typeof sent !== 'string' || sent.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
};
