import { Get, HttpCode, Post, applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { SignInMethods, WhoAmI } from '@budgetflow/contracts';
import { Answers, AnswersNothing, BodyNone, Public, Refuses } from '@budgetflow/platform';

/*
 * The routes that the local sign-in and the identity provider's sign-in both answer (one of the two controllers is
 * registered): their contract, written once.
 */

/** `GET /v1/auth/methods`: which ways of signing in the console offers. */
export const SignInMethodsRoute = (summary: string) => applyDecorators(Get('methods'), Public(), ApiOperation({ summary }), Answers(SignInMethods), Refuses(401));

/** `POST /v1/auth/logout`: ends the session and clears its cookie. */
export const SignOutRoute = () =>
  applyDecorators(Post('logout'), Public(), HttpCode(204), ApiOperation({ summary: '退出登录：结束会话并清除 Cookie' }), BodyNone(), AnswersNothing('已退出'), Refuses(400, 401, { 403: ['CSRF_TOKEN_INVALID'] }));

/** `GET /v1/auth/me`: the caller, with the CSRF token when signed in by a session. */
export const WhoAmIRoute = () => applyDecorators(Get('me'), ApiOperation({ summary: '当前用户；以会话登录时含 CSRF 令牌' }), Answers(WhoAmI), Refuses(401, 403));
