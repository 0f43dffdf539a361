import type { LocalAccountsConfig } from '@budgetflow/platform';
import type { SqlClient, SqlQueryable } from '@budgetflow/event-store';
import type { Role } from '@budgetflow/platform';
import type { AccountRow } from './account';
import { randomToken, sessionIdHash } from './sessions/session-cookie';

const ACCOUNT_COLUMNS = `login, display_name, role, department, password_hash, one_time_password, one_time_used, disabled_at, created_at, created_by, last_sign_in_at`;

export interface SessionRow {
  login: string;
  role: Role;
  department: string | null;
  display_name: string;
  csrf_token: string;
  one_time_password: boolean;
  disabled: boolean;
  expired: boolean;
  stale: boolean;
}

export interface FailureCount {
  failures: number;
  lockedUntil: Date | null;
}

/** The SQL of local accounts: accounts, sessions (by digest) and failed sign-ins per login name. */
export class AccountStore {
  constructor(
    readonly sql: SqlClient,
    private readonly config: LocalAccountsConfig,
  ) {}

  async find(login: string, sql: SqlQueryable = this.sql): Promise<AccountRow | undefined> {
    return (await sql.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM local_accounts WHERE login = $1`, [login])).rows[0];
  }

  async list(): Promise<AccountRow[]> {
    return (await this.sql.query<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM local_accounts ORDER BY login`)).rows;
  }

  /** False when the login name is taken. */
  async insert(
    sql: SqlQueryable,
    account: { login: string; displayName: string; role: Role; department?: string; passwordHash: string; createdBy: string },
  ): Promise<boolean> {
    const inserted = await sql.query(
      `INSERT INTO local_accounts (login, display_name, role, department, password_hash, one_time_password, created_by)
       VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (login) DO NOTHING RETURNING login`,
      [account.login, account.displayName, account.role, account.department ?? null, account.passwordHash, account.createdBy],
    );
    return inserted.rows.length === 1;
  }

  async hasAdmin(sql: SqlQueryable = this.sql): Promise<boolean> {
    return (await sql.query(`SELECT 1 FROM local_accounts WHERE role = 'admin' LIMIT 1`)).rows.length > 0;
  }

  async enabledAdminsOtherThan(sql: SqlQueryable, login: string): Promise<number> {
    const { rows } = await sql.query<{ n: bigint | number }>(`SELECT count(*) AS n FROM local_accounts WHERE role = 'admin' AND disabled_at IS NULL AND login <> $1`, [login]);
    return Number(rows[0]?.n ?? 0);
  }

  /** A new password; `oneTime`: set by an administrator, to be replaced at the next sign-in. Other sessions end. */
  async setPassword(sql: SqlQueryable, login: string, passwordHash: string, oneTime: boolean, keepSession?: string): Promise<void> {
    await sql.query(
      `UPDATE local_accounts SET password_hash = $2, one_time_password = $3, one_time_used = false, password_changed_at = now() WHERE login = $1`,
      [login, passwordHash, oneTime],
    );
    await sql.query(`DELETE FROM local_account_sessions WHERE login = $1 AND id_hash IS DISTINCT FROM $2`, [login, keepSession ?? null]);
  }

  /** Disabling ends every session of the account at once. */
  async setDisabled(sql: SqlQueryable, login: string, disabled: boolean): Promise<void> {
    await sql.query(`UPDATE local_accounts SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END WHERE login = $1`, [login, disabled]);
    if (disabled) await sql.query(`DELETE FROM local_account_sessions WHERE login = $1`, [login]);
  }

  /**
   * Counts an attempt before its password is checked, so that parallel guesses cannot all slip in before the
   * count reaches the limit. A lock that has run out starts the count again.
   */
  async countAttempt(login: string): Promise<FailureCount> {
    const { rows } = await this.sql.query<{ failures: number; locked_until: Date | null }>(
      `INSERT INTO local_sign_in_failures AS f (login, failures) VALUES ($1, 1)
       ON CONFLICT (login) DO UPDATE SET
         failures = CASE WHEN f.locked_until > now() THEN f.failures WHEN f.locked_until IS NOT NULL THEN 1 ELSE f.failures + 1 END,
         locked_until = CASE WHEN f.locked_until > now() THEN f.locked_until ELSE NULL END,
         last_failure_at = now()
       RETURNING failures, locked_until`,
      [login],
    );
    const row = rows[0] as { failures: number; locked_until: Date | null };
    return { failures: Number(row.failures), lockedUntil: row.locked_until && new Date(row.locked_until).getTime() > Date.now() ? new Date(row.locked_until) : null };
  }

  async lock(login: string): Promise<Date> {
    const { rows } = await this.sql.query<{ locked_until: Date }>(
      `UPDATE local_sign_in_failures SET locked_until = now() + make_interval(secs => $2) WHERE login = $1 RETURNING locked_until`,
      [login, this.config.lockSeconds],
    );
    return new Date(rows[0]?.locked_until ?? Date.now() + this.config.lockSeconds * 1000);
  }

  async clearFailures(sql: SqlQueryable, login: string): Promise<void> {
    await sql.query(`DELETE FROM local_sign_in_failures WHERE login = $1`, [login]);
  }

  /**
   * A successful sign-in: a one-time password is spent, the session starts. Sessions that ran out and failure counts
   * of names nobody tried for a day are swept on the way (both tables stay as small as the county's users).
   */
  async startSession(sql: SqlQueryable, login: string, clientAddress: string): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = randomToken();
    const csrfToken = randomToken();
    await sql.query(
      `DELETE FROM local_account_sessions WHERE last_seen_at + make_interval(secs => $1) <= now() OR created_at + make_interval(secs => $2) <= now()`,
      [this.config.sessionIdleSeconds, this.config.sessionMaxSeconds],
    );
    await sql.query(`DELETE FROM local_sign_in_failures WHERE last_failure_at < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`);
    await sql.query(`UPDATE local_accounts SET last_sign_in_at = now(), one_time_used = one_time_password WHERE login = $1`, [login]);
    await sql.query(`INSERT INTO local_account_sessions (id_hash, login, csrf_token, client_address) VALUES ($1, $2, $3, $4)`, [
      sessionIdHash(sessionId),
      login,
      csrfToken,
      clientAddress.slice(0, 64),
    ]);
    return { sessionId, csrfToken };
  }

  /** The session and its account as of now: expired (idle or absolute), disabled, due for a touch. */
  async session(idHash: string, touchAfterSeconds: number): Promise<SessionRow | undefined> {
    const { rows } = await this.sql.query<SessionRow>(
      `SELECT s.login, a.role, a.department, a.display_name, s.csrf_token, a.one_time_password, a.disabled_at IS NOT NULL AS disabled,
              (s.last_seen_at + make_interval(secs => $2) <= now() OR s.created_at + make_interval(secs => $3) <= now()) AS expired,
              (s.last_seen_at + make_interval(secs => $4) <= now()) AS stale
         FROM local_account_sessions s JOIN local_accounts a ON a.login = s.login
        WHERE s.id_hash = $1`,
      [idHash, this.config.sessionIdleSeconds, this.config.sessionMaxSeconds, touchAfterSeconds],
    );
    return rows[0];
  }

  async touch(idHash: string): Promise<void> {
    await this.sql.query(`UPDATE local_account_sessions SET last_seen_at = now() WHERE id_hash = $1`, [idHash]);
  }

  async endSession(sql: SqlQueryable, idHash: string): Promise<void> {
    await sql.query(`DELETE FROM local_account_sessions WHERE id_hash = $1`, [idHash]);
  }
}
