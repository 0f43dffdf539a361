import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, httpProblem, InvalidSessionError, type SessionAuthenticator } from '@budgetflow/platform';
import { CSRF_HEADER, clearSessionCookie, sessionCookieOf, sessionIdHash } from './session-cookie';

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

/** What every kind of console session row says about itself. */
export interface SessionRow {
  csrf_token: string;
  expired: boolean;
  stale: boolean;
  disabled?: boolean;
}

/**
 * The checks every console session passes, local account or OIDC sign-in alike: a known session (`load`), not disabled,
 * not expired (an expired one is ended), the CSRF token on unsafe requests, and last use recorded when it is stale.
 * On a public route an unusable session is simply no session. Answers the session row and its id hash.
 */
export async function usableSession<Row extends SessionRow>(
  request: FastifyRequest,
  isPublic: boolean,
  sessions: { load(idHash: string): Promise<Row | undefined>; end(idHash: string): Promise<void>; touch(idHash: string): Promise<void> },
): Promise<{ session: Row; idHash: string } | undefined> {
  const sessionId = sessionCookieOf(request);
  if (!sessionId) return undefined;
  const idHash = sessionIdHash(sessionId);
  const session = await sessions.load(idHash);
  const unusable = (reason: string): undefined => {
    if (isPublic) return undefined;
    throw new InvalidSessionError(reason);
  };
  if (!session) return unusable('unknown or ended session');
  if (session.disabled) return unusable('account disabled');
  if (session.expired) {
    await sessions.end(idHash);
    return unusable('session expired');
  }
  if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], session.csrf_token)) {
    if (isPublic) return undefined;
    throw httpProblem('CSRF_TOKEN_INVALID', '以登录会话提交修改时须带上 X-CSRF-Token 请求头（见 GET /v1/auth/me）');
  }
  if (session.stale) await sessions.touch(idHash);
  return { session, idHash };
}

/**
 * A console session by cookie → its actor, for every kind of session row: `usableSession`'s checks, then `admit`
 * (the kind's own rules, and the session attached to the request). Last use (what idle expiry is measured from) is
 * written once it is older than a tenth of the idle limit, or than a minute when that is sooner.
 */
export abstract class ConsoleSessionAuthenticator<Row extends SessionRow> implements SessionAuthenticator {
  private readonly touchAfterSeconds: number;

  constructor(
    private readonly rows: { load(idHash: string, touchAfterSeconds: number): Promise<Row | undefined>; end(idHash: string): Promise<void>; touch(idHash: string): Promise<void> },
    idleSeconds: number,
  ) {
    this.touchAfterSeconds = Math.min(60, Math.floor(idleSeconds / 10));
  }

  protected abstract admit(request: FastifyRequest, isPublic: boolean, session: Row, idHash: string): Actor;

  async authenticate(request: FastifyRequest, isPublic: boolean): Promise<Actor | undefined> {
    const usable = await usableSession(request, isPublic, {
      load: (idHash) => this.rows.load(idHash, this.touchAfterSeconds),
      end: (idHash) => this.rows.end(idHash),
      touch: (idHash) => this.rows.touch(idHash),
    });
    return usable ? this.admit(request, isPublic, usable.session, usable.idHash) : undefined;
  }
}

/** 退出登录, whatever kind of session the request carries: `end` ends (and records) it; the cookie is cleared either way. */
export async function signOutOf(request: FastifyRequest, reply: FastifyReply, end: (session: SignedInSession) => Promise<void>): Promise<void> {
  const session = sessionOf(request);
  if (session) await end(session);
  clearSessionCookie(request, reply);
}
