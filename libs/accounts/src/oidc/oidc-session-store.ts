import type { LocalAccountsConfig } from '@budgetflow/platform';
import type { SqlClient } from '@budgetflow/event-store';
import type { Actor, Role } from '@budgetflow/platform';
import { randomToken, sessionIdHash } from '../sessions/session-cookie';

export interface OidcSessionRow {
  user_id: string;
  role: Role;
  department: string | null;
  display_name: string;
  csrf_token: string;
  expired: boolean;
  stale: boolean;
}

/** Authorization requests waiting for their callback, and the sessions of people signed in through the issuer. */
export class OidcSessionStore {
  constructor(
    readonly sql: SqlClient,
    private readonly config: LocalAccountsConfig,
  ) {}

  async saveRequest(state: string, nonce: string, codeVerifier: string): Promise<void> {
    await this.sql.query(`DELETE FROM oidc_authorization_requests WHERE created_at < now() - interval '10 minutes'`);
    await this.sql.query(`INSERT INTO oidc_authorization_requests (state, nonce, code_verifier) VALUES ($1, $2, $3)`, [state, nonce, codeVerifier]);
  }

  /** The request of this state, used up: a callback replayed finds nothing. Ten minutes at most. */
  async takeRequest(state: string): Promise<{ nonce: string; codeVerifier: string } | undefined> {
    const { rows } = await this.sql.query<{ nonce: string; code_verifier: string }>(
      `DELETE FROM oidc_authorization_requests WHERE state = $1 AND created_at > now() - interval '10 minutes' RETURNING nonce, code_verifier`,
      [state],
    );
    return rows[0] && { nonce: rows[0].nonce, codeVerifier: rows[0].code_verifier };
  }

  async startSession(actor: Actor, displayName: string): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomToken();
    const csrfToken = randomToken();
    await this.sql.query(
      `DELETE FROM oidc_sessions WHERE last_seen_at + make_interval(secs => $1) <= now() OR created_at + make_interval(secs => $2) <= now()`,
      [this.config.sessionIdleSeconds, this.config.sessionMaxSeconds],
    );
    await this.sql.query(`INSERT INTO oidc_sessions (id_hash, user_id, role, department, display_name, csrf_token) VALUES ($1, $2, $3, $4, $5, $6)`, [
      sessionIdHash(sessionId),
      actor.userId,
      actor.role,
      actor.department ?? null,
      displayName,
      csrfToken,
    ]);
    return { sessionId, csrfToken };
  }

  async session(idHash: string, touchAfterSeconds: number): Promise<OidcSessionRow | undefined> {
    const { rows } = await this.sql.query<OidcSessionRow>(
      `SELECT user_id, role, department, display_name, csrf_token,
              (last_seen_at + make_interval(secs => $2) <= now() OR created_at + make_interval(secs => $3) <= now()) AS expired,
              (last_seen_at + make_interval(secs => $4) <= now()) AS stale
         FROM oidc_sessions WHERE id_hash = $1`,
      [idHash, this.config.sessionIdleSeconds, this.config.sessionMaxSeconds, touchAfterSeconds],
    );
    return rows[0];
  }

  async touch(idHash: string): Promise<void> {
    await this.sql.query(`UPDATE oidc_sessions SET last_seen_at = now() WHERE id_hash = $1`, [idHash]);
  }

  async endSession(idHash: string): Promise<void> {
    await this.sql.query(`DELETE FROM oidc_sessions WHERE id_hash = $1`, [idHash]);
  }
}
