import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor';

export const SESSION_AUTHENTICATOR = Symbol('SESSION_AUTHENTICATOR');

/** A session cookie that signs nobody in (unknown, expired, its user disabled): the guard answers 401 on a private route. */
export class InvalidSessionError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidSessionError';
  }
}

/**
 * The second way in besides a bearer token: a session cookie of a local account (`libs/accounts`). Asked only when
 * the request has no Authorization header.
 */
export interface SessionAuthenticator {
  /**
   * The actor of the request's session cookie; undefined when it carries none. On a private route an unusable
   * cookie throws `InvalidSessionError` and an unsafe request without its CSRF token a 403 problem; on a public
   * route both leave the request anonymous.
   */
  authenticate(request: FastifyRequest, isPublic: boolean): Promise<Actor | undefined>;
}
