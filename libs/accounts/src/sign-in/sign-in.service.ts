import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalAccountsConfig } from '@budgetflow/platform';
import { type FieldProblem, httpProblem, type ProblemException } from '@budgetflow/platform';
import { type Account, type AccountRow, LOGIN_PATTERN, accountOf, actorOf, normalizeLogin } from '../account';
import { type RequestOrigin, recordAccountEvent } from '../account-audit';
import type { AccountStore } from '../account-store';
import { invalid } from '../request-body';
import { hashPassword, oneTimePassword, passwordMatches, passwordProblems } from '../passwords';
import type { SignedInSession } from '../sessions/local-session-authenticator';

export interface SignedIn {
  account: Account;
  sessionId: string;
  csrfToken: string;
}

/** The longest a failed answer is held back. */
const MAX_FAILURE_DELAY_MS = 8_000;

/**
 * 登录 — login name and password → a session. Unknown names, wrong passwords, disabled accounts and spent one-time
 * passwords all answer the same 401 after the same work (a hash is checked for unknown names too), each failure a
 * little later than the one before; `maxFailures` in a row lock the name for `lockSeconds`, known or not.
 */
export class SignInService {
  /** A hash to check against when the name is unknown, so that the answer takes as long as for a known one. */
  private decoy?: Promise<string>;

  constructor(
    private readonly store: AccountStore,
    private readonly config: LocalAccountsConfig,
  ) {}

  async signIn(loginInput: string, password: string, origin: RequestOrigin): Promise<SignedIn> {
    const login = normalizeLogin(loginInput);
    const attempt = await this.store.countAttempt(login);
    if (attempt.lockedUntil) {
      await recordAccountEvent(this.store.sql, origin, { kind: 'LOGIN_FAILED', reason: `locked login=${login.slice(0, 64)}`, status: 429 });
      throw this.locked(attempt.lockedUntil);
    }
    if (attempt.failures > this.config.maxFailures) throw this.locked(await this.lock(login, origin));

    const account = LOGIN_PATTERN.test(login) ? await this.store.find(login) : undefined;
    const refusal = await this.refusal(account, password);
    if (refusal) {
      await recordAccountEvent(this.store.sql, origin, {
        kind: 'LOGIN_FAILED',
        reason: `${refusal} login=${login.slice(0, 64)}`,
        status: 401,
        ...(account ? { actor: actorOf(account) } : {}),
      });
      if (attempt.failures >= this.config.maxFailures) throw this.locked(await this.lock(login, origin));
      await sleep(Math.min(MAX_FAILURE_DELAY_MS, this.config.failureDelayMs * 2 ** (attempt.failures - 1)));
      throw httpProblem('SIGN_IN_FAILED', '登录名或密码错误，请重试');
    }
    const found = account as AccountRow;
    const session = await this.store.sql.transaction(async (tx) => {
      await this.store.clearFailures(tx, login);
      const started = await this.store.startSession(tx, login, origin.clientAddress);
      await recordAccountEvent(tx, origin, { kind: 'SIGNED_IN', reason: found.one_time_password ? 'one-time password' : 'password', status: 200, actor: actorOf(found) });
      return started;
    });
    return { account: accountOf({ ...found, last_sign_in_at: new Date() }), ...session };
  }

  /** Why this account may not sign in with this password; undefined when it may. */
  private async refusal(account: AccountRow | undefined, password: string): Promise<string | undefined> {
    if (!account) {
      this.decoy ??= hashPassword(oneTimePassword());
      await passwordMatches(await this.decoy, password);
      return 'unknown login';
    }
    const matches = await passwordMatches(account.password_hash, password);
    if (!matches) return 'wrong password';
    if (account.disabled_at) return 'account disabled';
    if (account.one_time_password && account.one_time_used) return 'one-time password already used';
    return undefined;
  }

  private async lock(login: string, origin: RequestOrigin): Promise<Date> {
    const until = await this.store.lock(login);
    await recordAccountEvent(this.store.sql, origin, { kind: 'ACCOUNT_LOCKED', reason: `login=${login.slice(0, 64)} until=${until.toISOString()}`, status: 429 });
    return until;
  }

  private locked(until: Date): ProblemException {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    return httpProblem('SIGN_IN_LOCKED', `连续登录失败 ${this.config.maxFailures} 次，请 ${Math.ceil(seconds / 60)} 分钟后再试，或请管理员重置密码`, [], { retryAfterSeconds: seconds });
  }

  /** The signed-in user chooses a new password (required after a one-time password); their other sessions end. */
  async changePassword(session: SignedInSession, currentPassword: string, newPassword: string, origin: RequestOrigin): Promise<Account> {
    const account = await this.store.find(session.login);
    if (!account) throw httpProblem('USER_NOT_FOUND');
    if (!(await passwordMatches(account.password_hash, currentPassword))) {
      await recordAccountEvent(this.store.sql, origin, { kind: 'LOGIN_FAILED', reason: 'wrong current password on change', status: 400, actor: actorOf(account) });
      await sleep(this.config.failureDelayMs);
      throw invalid([{ field: 'currentPassword', code: 'PASSWORD_INCORRECT', message: '当前密码不正确' }]);
    }
    const problems: FieldProblem[] = passwordProblems('newPassword', newPassword, account.login);
    if (problems.length === 0 && newPassword === currentPassword) problems.push({ field: 'newPassword', code: 'PASSWORD_UNCHANGED', message: '新密码不能与当前密码相同' });
    if (problems.length > 0) throw invalid(problems);
    const passwordHash = await hashPassword(newPassword);
    await this.store.sql.transaction(async (tx) => {
      await this.store.setPassword(tx, account.login, passwordHash, false, session.idHash);
      await recordAccountEvent(tx, origin, { kind: 'PASSWORD_CHANGED', reason: `user=${account.login}`, status: 200, actor: actorOf(account) });
    });
    return accountOf({ ...account, one_time_password: false });
  }

  async signOut(session: SignedInSession, origin: RequestOrigin): Promise<void> {
    const account = await this.store.find(session.login);
    await this.store.sql.transaction(async (tx) => {
      await this.store.endSession(tx, session.idHash);
      await recordAccountEvent(tx, origin, { kind: 'SIGNED_OUT', reason: `user=${session.login}`, status: 204, ...(account ? { actor: actorOf(account) } : {}) });
    });
  }
}
