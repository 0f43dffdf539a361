import { CanActivate, ExecutionContext, Inject, Injectable, Logger, Optional, SetMetadata, applyDecorators, createParamDecorator } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ProblemException, httpProblem } from '../problem/problem';
import { SECURITY_EVENT_SINK, type SecurityEventSink, pathOf } from '../security/security-event-sink';
import { Actor } from './actor';
import { InvalidSessionError, SESSION_AUTHENTICATOR, type SessionAuthenticator } from './session-authenticator';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');
const PUBLIC_ROUTE = 'budgetflow:public-route';

/** Marks a route readable without a token (health, docs, published budgets); the OpenAPI document says so (`x-access`). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-access', 'public'));

type RequestWithActor = FastifyRequest & { actor?: Actor };

/**
 * Every route needs a valid bearer token — or, without an Authorization header, a local account's session cookie —
 * unless marked `@Public()`; a token on a public route is still checked.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Optional() @Inject(SECURITY_EVENT_SINK) private readonly securityEvents?: SecurityEventSink,
    @Optional() @Inject(SESSION_AUTHENTICATOR) private readonly sessions?: SessionAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    if (!header) {
      const fromSession = await this.sessionActor(request, isPublic);
      if (fromSession) {
        request.actor = fromSession;
        return true;
      }
      if (isPublic) return true;
      throw this.loginFailed(request, 'no bearer token', '缺少 Authorization: Bearer 令牌');
    }
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header); // RFC 7235: the scheme is case-insensitive
    if (!match) throw this.loginFailed(request, 'malformed Authorization header', 'Authorization 头格式应为 Bearer <token>');
    try {
      request.actor = await this.verifier.verify(match[1]);
      return true;
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw this.loginFailed(request, error.message, '令牌无效或已过期');
    }
  }

  /** The account behind a session cookie (local accounts only); bearer tokens never get here. */
  private async sessionActor(request: RequestWithActor, isPublic: boolean): Promise<Actor | undefined> {
    if (!this.sessions) return undefined;
    try {
      return await this.sessions.authenticate(request, isPublic);
    } catch (error) {
      if (!(error instanceof InvalidSessionError)) throw error;
      throw this.loginFailed(request, error.message, '会话无效或已过期，请重新登录');
    }
  }

  /** Logs and records a failed login — the reason, the address, the request id; never the token itself. */
  private loginFailed(request: RequestWithActor, reason: string, detail: string): ProblemException {
    const safeReason = reason.slice(0, 200);
    this.logger.warn({ requestId: request.id, ip: request.ip, reason: safeReason }, 'login refused');
    this.securityEvents?.record({
      kind: 'LOGIN_FAILED',
      reason: safeReason,
      method: request.method,
      path: pathOf(request.url),
      requestId: String(request.id),
      clientAddress: request.ip,
      status: 401,
    });
    return httpProblem('UNAUTHENTICATED', detail);
  }
}

/** The verified caller; undefined only on public routes called without a token. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor | undefined => {
  return context.switchToHttp().getRequest<RequestWithActor>().actor;
});
