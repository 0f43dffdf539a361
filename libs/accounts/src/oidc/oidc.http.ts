import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceConfig } from '@budgetflow/platform';
import { RefusesIdempotencyKey, ApiController, Refuses, type Actor, CurrentActor, Public, claimAt, roleFrom } from '@budgetflow/platform';
import { DEPARTMENT_PATTERN } from '../account';
import { originOf, recordAccountEvent } from '../account-audit';
import { cookieIsSecure, randomToken, setSessionCookie } from '../sessions/session-cookie';
import { SignInMethodsRoute, SignOutRoute, WhoAmIRoute } from '../sessions/session-routes';
import { sessionOf, signOutOf } from '../sessions/signed-in-session';
import { ACCOUNTS_CONFIG } from '../sign-in/sign-in.http';
import { OidcClient, OidcSignInError } from './oidc-client';
import { OidcSessionStore } from './oidc-session-store';

const STATE_COOKIE = 'budgetflow_oidc_state';
const CALLBACK_PATH = '/v1/auth/oidc/callback';

/**
 * 统一身份认证登录 — the console signs in through `AUTH_ISSUER` (authorization code + PKCE, state, nonce) and gets
 * the same HttpOnly session cookie and CSRF token as a local account; role and department come from the ID token's
 * `AUTH_ROLE_CLAIM` / `AUTH_DEPARTMENT_CLAIM`. Registered only with `AUTH_ISSUER` and `AUTH_CLIENT_ID`.
 */
@ApiController('sign-in (OIDC console)', 'v1/auth')
@RefusesIdempotencyKey()
export class OidcSignInController {
  constructor(
    @Inject(OidcClient) private readonly client: OidcClient,
    @Inject(OidcSessionStore) private readonly store: OidcSessionStore,
    @Inject(ACCOUNTS_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @SignInMethodsRoute('可用的登录方式（统一身份认证）')
  methods() {
    return { password: false, demo: false, oidc: true };
  }

  @Get('oidc/start')
  @Public()
  @ApiOperation({ summary: '跳转到统一身份认证登录（授权码 + PKCE）' })
  @ApiResponse({ status: 302, description: '跳转到身份提供方（Location）' })
  @Refuses(401)
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    await this.store.saveRequest(state, nonce, codeVerifier);
    const location = await this.client.authorizationUrl({ state, nonce, codeVerifier, redirectUri: this.redirectUri(request) });
    // Binds the callback to this browser: SameSite=Lax, because the provider sends the browser back cross-site.
    void reply.setCookie(STATE_COOKIE, state, { httpOnly: true, secure: cookieIsSecure(request), sameSite: 'lax', path: CALLBACK_PATH, maxAge: 600 });
    await reply.redirect(location, 302);
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({ summary: '统一身份认证回调：校验 state、nonce、ID 令牌后建立会话' })
  @ApiResponse({ status: 302, description: '回到 /login（成功：?oidc=signed-in；失败：?oidc_error=代码）' })
  @Refuses(401)
  async callback(@Query() query: Record<string, unknown>, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies ?? {};
    void reply.clearCookie(STATE_COOKIE, { path: CALLBACK_PATH });
    try {
      const { code, state, error } = query as Record<string, string | undefined>;
      if (typeof error === 'string') throw new OidcSignInError('OIDC_DENIED', `provider answered ${error.slice(0, 100)}`);
      if (typeof state !== 'string' || typeof code !== 'string' || state !== cookies[STATE_COOKIE]) throw new OidcSignInError('OIDC_STATE_INVALID', 'state missing or not this browser’s');
      const pending = await this.store.takeRequest(state);
      if (!pending) throw new OidcSignInError('OIDC_STATE_INVALID', 'unknown, used or expired state');
      const claims = await this.client.signIn({ code, codeVerifier: pending.codeVerifier, redirectUri: this.redirectUri(request), nonce: pending.nonce });
      const actor = this.actorOf(claims);
      const displayName = typeof claims['name'] === 'string' && claims['name'] !== '' ? claims['name'].slice(0, 100) : actor.userId;
      const session = await this.store.startSession(actor, displayName);
      await recordAccountEvent(this.store.sql, originOf(request), { kind: 'SIGNED_IN', reason: 'oidc', status: 302, actor });
      setSessionCookie(request, reply, session.sessionId, this.config.accounts.sessionMaxSeconds);
      await reply.redirect('/login?oidc=signed-in', 302);
    } catch (failure) {
      if (!(failure instanceof OidcSignInError)) throw failure;
      await recordAccountEvent(this.store.sql, originOf(request), { kind: 'LOGIN_FAILED', reason: `${failure.code}: ${failure.message}`, status: 302 });
      await reply.redirect(`/login?oidc_error=${failure.code}`, 302);
    }
  }

  @WhoAmIRoute()
  me(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const session = sessionOf(request);
    const user = { login: actor.userId, role: actor.role, ...(actor.department ? { department: actor.department } : {}) };
    if (!session) return { user, via: 'token' };
    return { user: { ...user, displayName: session.displayName, mustChangePassword: false }, via: 'session', csrfToken: session.csrfToken };
  }

  @SignOutRoute()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await signOutOf(request, reply, async (session) => {
      await this.store.endSession(session.idHash);
      await recordAccountEvent(this.store.sql, originOf(request), { kind: 'SIGNED_OUT', reason: `user=${session.login} oidc`, status: 204 });
    });
  }

  private redirectUri(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}${CALLBACK_PATH}`;
  }

  private actorOf(claims: Record<string, unknown>): Actor {
    // The same claim mapping as the provider's bearer tokens (a dotted path, a role list holding one of ours).
    const role = roleFrom(claimAt(claims, this.config.auth.roleClaim));
    const department = claimAt(claims, this.config.auth.departmentClaim);
    const userId = claims['sub'] as string;
    if (role === undefined) throw new OidcSignInError('OIDC_ROLE_MISSING', `claim ${this.config.auth.roleClaim} names no known role (sub=${userId})`);
    if (role !== 'department') return { userId, role };
    if (typeof department !== 'string' || !DEPARTMENT_PATTERN.test(department)) throw new OidcSignInError('OIDC_DEPARTMENT_MISSING', `claim ${this.config.auth.departmentClaim} names no department (sub=${userId})`);
    return { userId, role: 'department', department };
  }
}
