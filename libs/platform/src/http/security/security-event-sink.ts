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

export const SECURITY_EVENT_SINK = Symbol('SECURITY_EVENT_SINK');

/** The path of a URL without its query string (queries may carry anything; the audit keeps the route). */
export const pathOf = (url: string | undefined): string => (url ?? '').split('?')[0].slice(0, 500);
