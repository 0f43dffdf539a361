import { Body, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AccountAnswer, AccountList, AccountWithOneTimePassword, NewAccountRequest } from '@budgetflow/contracts';
import type { FastifyRequest } from 'fastify';
import { RefusesIdempotencyKey, Answers, ApiController, BodyNone, BodySchema, PathParam, Refuses, type Actor, CurrentActor, httpProblem } from '@budgetflow/platform';
import { originOf } from '../account-audit';
import { readFields } from '../request-body';
import { UsersService } from './users.service';

const adminOnly = (actor: Actor): void => {
  if (actor.role !== 'admin') throw httpProblem('ADMIN_ONLY', '只有系统管理员可以查看和管理用户账户');
};

/** 用户管理（管理员）— local accounts: create, list, reset a password, disable and enable. */
@ApiController('users (local accounts, admin)', 'v1/users')
@RefusesIdempotencyKey()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: '用户列表（管理员）' })
  @Answers(AccountList)
  @Refuses(401, { 403: ['ADMIN_ONLY', 'PASSWORD_CHANGE_REQUIRED'] })
  async list(@CurrentActor() actor: Actor) {
    adminOnly(actor);
    return { users: await this.users.list() };
  }

  @Post()
  @ApiOperation({ summary: '新建用户（管理员）：答复一次性密码，用户首次登录后须修改' })
  @BodySchema(NewAccountRequest)
  @Answers(AccountWithOneTimePassword, { status: 201 })
  @Refuses(400, 401, { 403: ['ADMIN_ONLY', 'CSRF_TOKEN_INVALID'], 409: ['LOGIN_TAKEN'] }, 422)
  async create(@Body() body: unknown, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    adminOnly(actor);
    const fields = readFields(body, ['login', 'displayName', 'role'], ['department'], 100);
    return this.users.create(fields, actor, originOf(request));
  }

  @Post(':login/password-reset')
  @HttpCode(200)
  @ApiOperation({ summary: '重置密码（管理员）：答复新的一次性密码，结束该用户的会话，解除登录锁定' })
  @PathParam('login', '登录名', 'zhang501')
  @BodyNone()
  @Answers(AccountWithOneTimePassword)
  @Refuses(400, 401, { 403: ['ADMIN_ONLY'] }, 404)
  async resetPassword(@Param('login') login: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    adminOnly(actor);
    return this.users.resetPassword(login, actor, originOf(request));
  }

  @Post(':login/disable')
  @HttpCode(200)
  @ApiOperation({ summary: '停用用户（管理员）：其会话立即失效' })
  @PathParam('login', '登录名', 'zhang501')
  @BodyNone()
  @Answers(AccountAnswer)
  @Refuses(400, 401, { 403: ['ADMIN_ONLY'], 404: ['USER_NOT_FOUND'], 409: ['CANNOT_DISABLE_SELF', 'LAST_ADMIN'] })
  async disable(@Param('login') login: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    adminOnly(actor);
    return { user: await this.users.setDisabled(login, true, actor, originOf(request)) };
  }

  @Post(':login/enable')
  @HttpCode(200)
  @ApiOperation({ summary: '启用用户（管理员）' })
  @PathParam('login', '登录名', 'zhang501')
  @BodyNone()
  @Answers(AccountAnswer)
  @Refuses(400, 401, { 403: ['ADMIN_ONLY'] }, 404)
  async enable(@Param('login') login: string, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    adminOnly(actor);
    return { user: await this.users.setDisabled(login, false, actor, originOf(request)) };
  }
}
