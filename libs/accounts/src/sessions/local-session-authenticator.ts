import type { FastifyRequest } from 'fastify';
import type { Actor } from '@budgetflow/platform';
import { actorOf } from '../account';
import { httpProblem } from '@budgetflow/platform';
import type { AccountStore, SessionRow } from '../account-store';
import { ConsoleSessionAuthenticator, attachSession } from './signed-in-session';

export { type SignedInSession, sessionOf } from './signed-in-session';

/** Routes a user signed in with a one-time password may use before choosing their own. */
const BEFORE_PASSWORD_CHANGE = new Set(['/v1/auth/me', '/v1/auth/logout', '/v1/auth/password']);

/**
 * The session cookie of a local account → its actor, read from the account on every request (role, department,
 * disabled), so that disabling a user stops their sessions at once. Unsafe methods need the session's CSRF token
 * in `X-CSRF-Token` (a synchronizer token: another site can neither read it nor guess it).
 */
export class LocalSessionAuthenticator extends ConsoleSessionAuthenticator<SessionRow> {
  constructor(store: AccountStore, idleSeconds: number) {
    super({ load: (idHash, touchAfter) => store.session(idHash, touchAfter), end: (idHash) => store.endSession(store.sql, idHash), touch: (idHash) => store.touch(idHash) }, idleSeconds);
  }

  protected admit(request: FastifyRequest, isPublic: boolean, session: SessionRow, idHash: string): Actor {
    if (session.one_time_password && !isPublic && !BEFORE_PASSWORD_CHANGE.has(request.routeOptions.url ?? '')) {
      throw httpProblem('PASSWORD_CHANGE_REQUIRED', '使用一次性密码登录后，须先设置自己的新密码');
    }
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
