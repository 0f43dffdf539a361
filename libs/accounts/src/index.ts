// Public face of @budgetflow/accounts: local accounts (login + password, cookie sessions with CSRF tokens).
export { AccountsModule } from './accounts.module';
export type { Account } from './account';
export { FIRST_ADMIN_LOGIN } from './first-admin';
export { SESSION_COOKIE, CSRF_HEADER } from './sessions/session-cookie';
