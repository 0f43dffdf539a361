import type { FastifyRequest } from 'fastify';
import { type Actor, InvalidSessionError, type SessionAuthenticator } from '@budgetflow/platform';
import { actorOf } from '../account';
import { accountProblem } from '../account-problems';
import type { AccountStore } from '../account-store';
import { CSRF_HEADER, sessionCookieOf, sessionIdHash } from './session-cookie';
import { SAFE_METHODS, attachSession, sameToken } from './signed-in-session';

export { type SignedInSession, sessionOf } from './signed-in-session';

/** Routes a user signed in with a one-time password may use before choosing their own. */
const BEFORE_PASSWORD_CHANGE = new Set(['/v1/auth/me', '/v1/auth/logout', '/v1/auth/password']);

/**
 * The session cookie of a local account → its actor, read from the account on every request (role, department,
 * disabled), so that disabling a user stops their sessions at once. Unsafe methods need the session's CSRF token
 * in `X-CSRF-Token` (a synchronizer token: another site can neither read it nor guess it).
 */
export class LocalSessionAuthenticator implements SessionAuthenticator {
  /** last_seen_at is written at most this often (idle expiry is measured from it). */
  private readonly touchAfterSeconds: number;

  constructor(
    private readonly store: AccountStore,
    idleSeconds: number,
  ) {
    this.touchAfterSeconds = Math.min(60, Math.floor(idleSeconds / 10));
  }

  async authenticate(request: FastifyRequest, isPublic: boolean): Promise<Actor | undefined> {
    const sessionId = sessionCookieOf(request);
    if (!sessionId) return undefined;
    const idHash = sessionIdHash(sessionId);
    const session = await this.store.session(idHash, this.touchAfterSeconds);
    const unusable = (reason: string): undefined => {
      if (isPublic) return undefined;
      throw new InvalidSessionError(reason);
    };
    if (!session) return unusable('unknown or ended session');
    if (session.disabled) return unusable('account disabled');
    if (session.expired) {
      await this.store.endSession(this.store.sql, idHash);
      return unusable('session expired');
    }
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], session.csrf_token)) {
      if (isPublic) return undefined;
      throw accountProblem('CSRF_TOKEN_INVALID', '以登录会话提交修改时须带上 X-CSRF-Token 请求头（见 GET /v1/auth/me）');
    }
    if (session.one_time_password && !isPublic && !BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
      throw accountProblem('PASSWORD_CHANGE_REQUIRED', '使用一次性密码登录后，须先设置自己的新密码');
    }
    if (session.stale) await this.store.touch(idHash);
    attachSession(request, {
      idHash,
      login: session.login,
      displayName: session.display_name,
      csrfToken: session.csrf_token,
      mustChangePassword: session.one_time_password,
    });
    return actorOf(session);
  }
}
