import type { Account } from '@budgetflow/contracts';
import type { Actor, Role } from '@budgetflow/platform';

/** 本地账户 — a person who signs in with a login name and password (counties without an identity provider). */
export type { Account } from '@budgetflow/contracts';

export interface AccountRow {
  login: string;
  display_name: string;
  role: Role;
  department: string | null;
  password_hash: string;
  one_time_password: boolean;
  one_time_used: boolean;
  disabled_at: Date | null;
  created_at: Date;
  created_by: string;
  last_sign_in_at: Date | null;
}

export const accountOf = (row: AccountRow): Account => ({
  login: row.login,
  displayName: row.display_name,
  role: row.role,
  ...(row.department ? { department: row.department } : {}),
  disabled: row.disabled_at !== null,
  mustChangePassword: row.one_time_password,
  createdAt: new Date(row.created_at).toISOString(),
  createdBy: row.created_by,
  ...(row.last_sign_in_at ? { lastSignInAt: new Date(row.last_sign_in_at).toISOString() } : {}),
});

/** The actor a local account acts as: its login is the user id every event and audit row carries. */
export const actorOf = (account: { login: string; role: Role; department?: string | null }): Actor => ({
  userId: account.login,
  role: account.role,
  ...(account.role === 'department' && account.department ? { department: account.department } : {}),
});

/** Login names: lower-case letters, digits, `.`, `_`, `-`; 2–32 long, starting with a letter or digit. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{1,31}$/;
export const DEPARTMENT_PATTERN = /^[0-9A-Za-z-]{1,32}$/;

export const normalizeLogin = (login: string): string => login.trim().toLowerCase();
