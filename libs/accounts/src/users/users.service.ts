import { type Actor, type FieldProblem, httpProblem, type Role, ROLES } from '@budgetflow/platform';
import { type Account, DEPARTMENT_PATTERN, LOGIN_PATTERN, accountOf, normalizeLogin } from '../account';
import { type RequestOrigin, recordAccountEvent } from '../account-audit';
import type { AccountStore } from '../account-store';
import { invalid } from '../request-body';
import { hashPassword, oneTimePassword } from '../passwords';

export interface NewUser {
  login?: string;
  displayName?: string;
  role?: string;
  department?: string;
}

/** An account and the one-time password it signs in with once: shown to the administrator in this answer only. */
export interface UserWithOneTimePassword {
  user: Account;
  oneTimePassword: string;
}

const ROLE_NAMES: Record<Role, string> = { department: '部门经办人', finance: '财政', supervisor: '监督', admin: '管理员' };

/** 用户管理 — what an administrator does with local accounts; every change is recorded with who made it. */
export class UsersService {
  constructor(private readonly store: AccountStore) {}

  async list(): Promise<Account[]> {
    return (await this.store.list()).map(accountOf);
  }

  async create(request: NewUser, by: Actor, origin: RequestOrigin): Promise<UserWithOneTimePassword> {
    const problems: FieldProblem[] = [];
    const login = normalizeLogin(request.login ?? '');
    if (!LOGIN_PATTERN.test(login)) problems.push({ field: 'login', code: 'LOGIN_INVALID', message: '登录名为 2–32 位小写字母、数字或 . _ -，以字母或数字开头' });
    const displayName = (request.displayName ?? '').trim();
    if (displayName.length < 1 || displayName.length > 50 || /[\u0000-\u001f\u007f]/.test(displayName)) {
      problems.push({ field: 'displayName', code: 'DISPLAY_NAME_INVALID', message: '姓名为 1–50 个字符，不含控制字符' });
    }
    const role = request.role as Role;
    if (!ROLES.includes(role)) problems.push({ field: 'role', code: 'ROLE_INVALID', message: '角色应为 department、finance、supervisor 或 admin' });
    const department = request.department?.trim();
    if (role === 'department' && !department) problems.push({ field: 'department', code: 'DEPARTMENT_REQUIRED', message: '部门经办人需要部门编码' });
    if (role !== 'department' && department !== undefined) problems.push({ field: 'department', code: 'DEPARTMENT_NOT_ALLOWED', message: '只有部门经办人需要部门编码' });
    if (department && !DEPARTMENT_PATTERN.test(department)) problems.push({ field: 'department', code: 'DEPARTMENT_INVALID', message: '部门编码应为 1–32 位字母、数字或连字符' });
    if (problems.length > 0) throw invalid(problems);

    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const created = await this.store.sql.transaction(async (tx) => {
      const inserted = await this.store.insert(tx, { login, displayName, role, ...(role === 'department' ? { department } : {}), passwordHash, createdBy: by.userId });
      if (!inserted) return undefined;
      await recordAccountEvent(tx, origin, {
        kind: 'USER_CREATED',
        reason: `user=${login} role=${role}${role === 'department' ? ` department=${department}` : ''}`,
        status: 201,
        actor: by,
      });
      return this.store.find(login, tx);
    });
    if (!created) throw httpProblem('LOGIN_TAKEN', `登录名 ${login} 已被使用`);
    return { user: accountOf(created), oneTimePassword: password };
  }

  /** A new one-time password; the user's sessions end and a lock on the name is lifted. */
  async resetPassword(loginParam: string, by: Actor, origin: RequestOrigin): Promise<UserWithOneTimePassword> {
    const login = await this.existing(loginParam);
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    const account = await this.store.sql.transaction(async (tx) => {
      await this.store.setPassword(tx, login, passwordHash, true);
      await this.store.clearFailures(tx, login);
      await recordAccountEvent(tx, origin, { kind: 'PASSWORD_RESET', reason: `user=${login}`, status: 200, actor: by });
      return this.store.find(login, tx);
    });
    return { user: accountOf(account!), oneTimePassword: password };
  }

  async setDisabled(loginParam: string, disabled: boolean, by: Actor, origin: RequestOrigin): Promise<Account> {
    const login = await this.existing(loginParam);
    if (disabled && login === by.userId) throw httpProblem('CANNOT_DISABLE_SELF', '请由另一位管理员停用此账户');
    const account = await this.store.sql.transaction(async (tx) => {
      // One administrator at a time decides about the last administrators.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('budgetflow.local-admins', 0))`);
      const target = await this.store.find(login, tx);
      if (disabled && target?.role === 'admin' && (await this.store.enabledAdminsOtherThan(tx, login)) === 0) {
        throw httpProblem('LAST_ADMIN', '至少保留一个可用的管理员账户');
      }
      await this.store.setDisabled(tx, login, disabled);
      await recordAccountEvent(tx, origin, { kind: disabled ? 'USER_DISABLED' : 'USER_ENABLED', reason: `user=${login} role=${ROLE_NAMES[target!.role]}`, status: 200, actor: by });
      return this.store.find(login, tx);
    });
    return accountOf(account!);
  }

  private async existing(loginParam: string): Promise<string> {
    const login = normalizeLogin(loginParam);
    if (!LOGIN_PATTERN.test(login) || !(await this.store.find(login))) throw httpProblem('USER_NOT_FOUND', `没有登录名为 ${loginParam.slice(0, 32)} 的用户`);
    return login;
  }
}
