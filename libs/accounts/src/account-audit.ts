import type { FastifyRequest } from 'fastify';
import type { SqlQueryable } from '@budgetflow/event-store';
import { type Actor, insertSecurityEvent, pathOf } from '@budgetflow/platform';

/** What the local accounts add to `security_events` besides the guard's failed logins and the filter's refusals. */
export type AccountEventKind =
  | 'LOGIN_FAILED'
  | 'SIGNED_IN'
  | 'SIGNED_OUT'
  | 'ACCOUNT_LOCKED'
  | 'PASSWORD_CHANGED'
  | 'ADMIN_CREATED'
  | 'USER_CREATED'
  | 'PASSWORD_RESET'
  | 'USER_DISABLED'
  | 'USER_ENABLED';

export interface AccountEvent {
  kind: AccountEventKind;
  /** What happened, to whom: `user=zhang role=department department=501`; never a password. */
  reason: string;
  status: number;
  /** Who did it: the signed-in user, or the account a sign-in was for. */
  actor?: Actor;
}

/** Where a request came from, for the audit row. */
export interface RequestOrigin {
  method: string;
  path: string;
  requestId: string;
  clientAddress: string;
}

export const originOf = (request: FastifyRequest): RequestOrigin => ({
  method: request.method,
  path: pathOf(request.url),
  requestId: String(request.id),
  clientAddress: request.ip,
});

/** The first administrator is created at start, by no request. */
export const START_UP_ORIGIN: RequestOrigin = { method: 'START', path: '-', requestId: 'start-up', clientAddress: 'local' };

/**
 * Written in the caller's transaction (the account change and its record commit together) and awaited: an account
 * change that cannot be recorded does not happen.
 */
export async function recordAccountEvent(sql: SqlQueryable, origin: RequestOrigin, event: AccountEvent): Promise<void> {
  await insertSecurityEvent(sql, { ...origin, ...event });
}
