import { Body, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { PasswordChangeRequest, SignInRequest, SignedIn, AccountAnswer } from '@budgetflow/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceConfig } from '@budgetflow/platform';
import { RefusesIdempotencyKey, Access, Answers, ApiController, BodySchema, Refuses, type Actor, CurrentActor, httpProblem, ProblemException, Public } from '@budgetflow/platform';
import { originOf } from '../account-audit';
import { readFields } from '../request-body';
import { sessionOf } from '../sessions/local-session-authenticator';
import { signOutOf } from '../sessions/signed-in-session';
import { setSessionCookie } from '../sessions/session-cookie';
import { SignInMethodsRoute, SignOutRoute, WhoAmIRoute } from '../sessions/session-routes';
import { SignInService } from './sign-in.service';

export const ACCOUNTS_CONFIG = Symbol('ACCOUNTS_CONFIG');

/**
 * 登录与会话 — the console's sign-in with a local account: `POST /v1/auth/login` sets an HttpOnly, SameSite=Strict
 * session cookie (Secure unless plain http on loopback) and answers the user and the session's CSRF token, never a
 * bearer token. API clients keep using bearer tokens.
 */
@ApiController('sign-in (local accounts)', 'v1/auth')
@RefusesIdempotencyKey()
export class SignInController {
  constructor(
    private readonly signIns: SignInService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: ServiceConfig,
  ) {}

  @SignInMethodsRoute('可用的登录方式（账户密码；演示用户仅在 DEMO=1 时）')
  methods() {
    return { password: true, demo: this.config.demoSignIn };
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '账户密码登录：设置会话 Cookie，答复用户与 CSRF 令牌' })
  @BodySchema(SignInRequest)
  @Answers(SignedIn)
  @Refuses(400, { 401: ['SIGN_IN_FAILED'], 429: ['SIGN_IN_LOCKED'] })
  async login(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { login, password } = readFields(body, ['login', 'password'], [], 200);
    try {
      const signedIn = await this.signIns.signIn(login as string, password as string, originOf(request));
      setSessionCookie(request, reply, signedIn.sessionId, this.config.accounts.sessionMaxSeconds);
      return { user: signedIn.account, csrfToken: signedIn.csrfToken };
    } catch (error) {
      if (error instanceof ProblemException && typeof error.extensions['retryAfterSeconds'] === 'number') {
        void reply.header('retry-after', String(error.extensions['retryAfterSeconds']));
      }
      throw error;
    }
  }

  @SignOutRoute()
  async logout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await signOutOf(request, reply, (session) => this.signIns.signOut(session, originOf(request)));
  }

  @WhoAmIRoute()
  me(@CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    const session = sessionOf(request);
    if (!session) return { user: { login: actor.userId, role: actor.role, ...(actor.department ? { department: actor.department } : {}) }, via: 'token' };
    return {
      user: { login: session.login, displayName: session.displayName, role: actor.role, ...(actor.department ? { department: actor.department } : {}), mustChangePassword: session.mustChangePassword },
      via: 'session',
      csrfToken: session.csrfToken,
    };
  }

  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: '修改自己的密码（以一次性密码登录后必须先做）' })
  @Access('session')
  @BodySchema(PasswordChangeRequest)
  @Answers(AccountAnswer)
  @Refuses({ 400: ['PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'PASSWORD_CONTAINS_LOGIN', 'PASSWORD_TOO_SIMPLE'], 401: ['SIGN_IN_FAILED'], 403: ['SESSION_REQUIRED', 'CSRF_TOKEN_INVALID'] })
  async changePassword(@Body() body: unknown, @Req() request: FastifyRequest) {
    const session = sessionOf(request);
    if (!session) throw httpProblem('SESSION_REQUIRED', '令牌用户没有本地账户密码；请以账户密码登录后修改');
    const { currentPassword, newPassword } = readFields(body, ['currentPassword', 'newPassword'], [], 200);
    return { user: await this.signIns.changePassword(session, currentPassword as string, newPassword as string, originOf(request)) };
  }
}
