import type { FastifyRequest } from 'fastify';
import type { Actor } from '@budgetflow/platform';
import { ConsoleSessionAuthenticator, attachSession } from '../sessions/signed-in-session';
import type { OidcSessionRow, OidcSessionStore } from './oidc-session-store';

/**
 * The console's session after an OIDC sign-in → the actor the ID token named. Same rules as local accounts: idle
 * and absolute expiry, the CSRF token on unsafe requests. When it runs out the console signs in again (the
 * provider's own session usually makes that one click).
 */
export class OidcSessionAuthenticator extends ConsoleSessionAuthenticator<OidcSessionRow> {
  constructor(store: OidcSessionStore, idleSeconds: number) {
    super({ load: (idHash, touchAfter) => store.session(idHash, touchAfter), end: (idHash) => store.endSession(idHash), touch: (idHash) => store.touch(idHash) }, idleSeconds);
  }

  protected admit(request: FastifyRequest, _isPublic: boolean, session: OidcSessionRow, idHash: string): Actor {
    attachSession(request, { idHash, login: session.user_id, displayName: session.display_name, csrfToken: session.csrf_token, mustChangePassword: false });
    return { userId: session.user_id, role: session.role, ...(session.role === 'department' && session.department ? { department: session.department } : {}) };
  }
}
