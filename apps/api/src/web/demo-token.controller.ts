import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { KeyLike } from 'jose';
import { DemoToken, DemoTokenRequest, DemoUsers } from '@budgetflow/contracts';
import { Answers, BodySchema, Refuses, type FieldProblem, ProblemException, Public, type Role, mintLocalToken, RequestReader } from '@budgetflow/platform';
import { DEMO_DEPARTMENTS } from './demo-county';

export const DEMO_SIGNING = Symbol('DEMO_SIGNING');
export interface DemoSigning {
  privateKey: KeyLike;
  audience: string;
}

/** Roles a demo sign-in may pick. Never admin: the console needs none, and an admin token can rewrite catalogs. */
const DEMO_ROLES: readonly Role[] = ['department', 'finance', 'supervisor'];
const DEMO_TOKEN_TTL_SECONDS = 8 * 3600;

export const DEMO_TOKEN_PROBLEMS = {
  DEMO_ROLE_INVALID: '角色应为 department、finance 或 supervisor 之一',
  DEMO_DEPARTMENT_REQUIRED: '部门用户需要选择部门',
  DEMO_DEPARTMENT_INVALID: '部门编码应为 1–32 位字母、数字或连字符',
  DEMO_DEPARTMENT_NOT_ALLOWED: '只有部门用户需要部门编码',
} as const;

/**
 * 演示登录 — demo sign-in: picks a demo user per role and answers a token signed with the local key, to anyone.
 * Registered only when asked for (`DEMO=1` or `DEMO_SIGN_IN=true`, never with `AUTH_ISSUER`; see `WebConsoleModule`):
 * a plain start has no such route (404), and with it on the service listens on 127.0.0.1 unless HOST is set.
 */
@ApiTags('demo sign-in (DEMO=1 only)')
@Controller('v1/dev')
export class DemoTokenController {
  constructor(@Inject(DEMO_SIGNING) private readonly signing: DemoSigning) {}

  @Get('demo-users')
  @Public()
  @ApiOperation({ summary: '演示用户列表（仅 DEMO=1 / DEMO_SIGN_IN=true）' })
  @Answers(DemoUsers)
  @Refuses(401)
  users() {
    return {
      users: [
        ...DEMO_DEPARTMENTS.map((d) => ({ role: 'department', department: d.code, label: `${d.name}（部门经办人）` })),
        { role: 'finance', label: '县财政局预算股（财政）' },
        { role: 'supervisor', label: '县人大预算工委（监督）' },
      ],
    };
  }

  @Post('demo-token')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '演示登录：按角色签发本地令牌（仅 DEMO=1 / DEMO_SIGN_IN=true，无管理员）' })
  @BodySchema(DemoTokenRequest)
  @Answers(DemoToken)
  @Refuses({ 400: ['DEMO_ROLE_INVALID', 'DEMO_DEPARTMENT_REQUIRED', 'DEMO_DEPARTMENT_INVALID', 'DEMO_DEPARTMENT_NOT_ALLOWED'] }, 401)
  async token(@Body() body: unknown) {
    const reader = RequestReader.of(body);
    const role = reader.text('role', { max: 20 });
    const department = reader.optionalText('department', 32);
    reader.done();
    const problems: FieldProblem[] = [];
    if (!DEMO_ROLES.includes(role as Role)) problems.push({ field: 'role', code: 'DEMO_ROLE_INVALID', message: DEMO_TOKEN_PROBLEMS.DEMO_ROLE_INVALID });
    if (role === 'department' && department === undefined) problems.push({ field: 'department', code: 'DEMO_DEPARTMENT_REQUIRED', message: DEMO_TOKEN_PROBLEMS.DEMO_DEPARTMENT_REQUIRED });
    if (department !== undefined && !/^[0-9A-Za-z-]{1,32}$/.test(department)) problems.push({ field: 'department', code: 'DEMO_DEPARTMENT_INVALID', message: DEMO_TOKEN_PROBLEMS.DEMO_DEPARTMENT_INVALID });
    if (role !== 'department' && department !== undefined) problems.push({ field: 'department', code: 'DEMO_DEPARTMENT_NOT_ALLOWED', message: DEMO_TOKEN_PROBLEMS.DEMO_DEPARTMENT_NOT_ALLOWED });
    if (problems.length > 0) throw new ProblemException(400, problems[0].code, '请求参数无效', `${problems[0].field}：${problems[0].message}`, problems);

    const userId = role === 'department' ? `demo-clerk-${department}` : `demo-${role}`;
    const token = await mintLocalToken(this.signing.privateKey, {
      role: role as Role,
      ...(department ? { department } : {}),
      userId,
      audience: this.signing.audience,
      ttlSeconds: DEMO_TOKEN_TTL_SECONDS,
    });
    return { token, actor: { userId, role, ...(department ? { department } : {}) }, expiresIn: DEMO_TOKEN_TTL_SECONDS };
  }
}
