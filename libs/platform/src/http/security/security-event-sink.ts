import type { SqlQueryable } from '@budgetflow/event-store';
import type { Actor } from '../auth/actor';

/**
 * What the HTTP layer tells the audit trail besides the events themselves: a login that failed (no, malformed
 * or invalid token) and an action refused (403). Never the token: only why it was refused, from where, which request.
 */
export interface SecurityEvent {
  kind: 'LOGIN_FAILED' | 'ACTION_REFUSED';
  /** Why: the verifier's reason for a failed login, the problem code for a refusal. */
  reason: string;
  method: string;
  path: string;
  requestId: string;
  clientAddress: string;
  /** Who was refused, when a verified token said so. */
  actor?: Actor;
  status: number;
}

/** Records security events; never throws and never delays the answer beyond the write itself. */
export interface SecurityEventSink {
  record(event: SecurityEvent): void;
}

/** One row of `security_events` — what the guard, the problem filter and the local accounts all write. */
export interface SecurityEventRow extends Omit<SecurityEvent, 'kind'> {
  kind: string;
}

/** Inserts one row into `security_events`, each text cut to its column's width. */
export async function insertSecurityEvent(sql: SqlQueryable, event: SecurityEventRow): Promise<void> {
  await sql.query(
    `INSERT INTO security_events (kind, reason, status, method, path, request_id, client_address, user_id, role, department)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      event.kind,
      event.reason.slice(0, 500),
      event.status,
      event.method.slice(0, 16),
      event.path.slice(0, 500),
      event.requestId.slice(0, 128),
      event.clientAddress.slice(0, 64),
      event.actor?.userId ?? null,
      event.actor?.role ?? null,
      event.actor?.department ?? null,
    ],
  );
}

export const SECURITY_EVENT_SINK = Symbol('SECURITY_EVENT_SINK');

/** The path of a URL without its query string (queries may carry anything; the audit keeps the route). */
export const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0].slice(0, 500);
