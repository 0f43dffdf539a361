import type { FastifyRequest } from 'fastify';
import type { Actor, SessionAuthenticator } from '@budgetflow/platform';
import { attachSession, usableSession } from '../sessions/signed-in-session';
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
    const usable = await usableSession(request, isPublic, {
      load: (idHash) => this.store.session(idHash, this.touchAfterSeconds),
      end: (idHash) => this.store.endSession(idHash),
      touch: (idHash) => this.store.touch(idHash),
    });
    if (!usable) return undefined;
    const { session, idHash } = usable;
    attachSession(request, { idHash, login: session.user_id, displayName: session.display_name, csrfToken: session.csrf_token, mustChangePassword: false });
    return { userId: session.user_id, role: session.role, ...(session.role === 'department' && session.department ? { department: session.department } : {}) };
  }
}
