import type { Role } from './roles';

/** 本地账户 — a local account as `GET /v1/users` and `POST /v1/auth/login` answer it. */
export interface Account {
  login: string;
  displayName: string;
  role: Role;
  /** Department code, for clerks (`department` role) only. */
  department?: string;
  disabled: boolean;
  /** Signed in with a one-time password and must choose their own before anything else. */
  mustChangePassword: boolean;
  createdAt: string;
  createdBy: string;
  lastSignInAt?: string;
}
