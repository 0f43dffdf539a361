import type { FastifyRequest } from 'fastify';
import { type Actor, InvalidSessionError, type SessionAuthenticator } from '@budgetflow/platform';
import { accountProblem } from '../account-problems';
import { CSRF_HEADER, sessionCookieOf, sessionIdHash } from '../sessions/session-cookie';
import { SAFE_METHODS, attachSession, sameToken } from '../sessions/signed-in-session';
import type { OidcSessionStore } from './oidc-session-store';

/**
 * The console's session after an OIDC sign-in → the actor the ID token named. Same rules as local accounts: idle
 * and absolute expiry, the CSRF token on unsafe requests. When it runs out the console signs in again (the
 * provider's own session usually makes that one click).
 */
export class OidcSessionAuthenticator implements SessionAuthenticator {
  private readonly touchAfterSeconds: number;

  constructor(
    private readonly store: OidcSessionStore,
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
    if (session.expired) {
      await this.store.endSession(idHash);
      return unusable('session expired');
    }
    if (!SAFE_METHODS.has(request.method) && !sameToken(request.headers[CSRF_HEADER], session.csrf_token)) {
      if (isPublic) return undefined;
      throw accountProblem('CSRF_TOKEN_INVALID', '以登录会话提交修改时须带上 X-CSRF-Token 请求头（见 GET /v1/auth/me）');
    }
    if (session.stale) await this.store.touch(idHash);
    attachSession(request, { idHash, login: session.user_id, displayName: session.display_name, csrfToken: session.csrf_token, mustChangePassword: false });
    return { userId: session.user_id, role: session.role, ...(session.role === 'department' && session.department ? { department: session.department } : {}) };
  }
}
