import type { FastifyRequest } from 'fastify';
import type { SqlQueryable } from '@budgetflow/event-store';
import { type Actor, pathOf } from '@budgetflow/platform';

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
  await sql.query(
    `INSERT INTO security_events (kind, reason, status, method, path, request_id, client_address, user_id, role, department)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      event.kind,
      event.reason.slice(0, 500),
      event.status,
      origin.method.slice(0, 16),
      origin.path.slice(0, 500),
      origin.requestId.slice(0, 128),
      origin.clientAddress.slice(0, 64),
      event.actor?.userId ?? null,
      event.actor?.role ?? null,
      event.actor?.department ?? null,
    ],
  );
}
