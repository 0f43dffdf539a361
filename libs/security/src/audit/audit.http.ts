import { Get, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AuditAnswer } from '@budgetflow/contracts';
import { Answers, ApiController, QueryParam, Refuses, type Actor, CurrentActor, httpProblem } from '@budgetflow/platform';
import { parseAuditFilter } from './audit-query';
import { AuditReader } from './audit-reader';

/** 审计 — every write (who, role, department, address, correlation) and every failed login or refused action. */
@ApiController('audit', 'v1/audit')
export class AuditController {
  constructor(private readonly reader: AuditReader) {}

  @Get()
  @ApiOperation({ summary: '审计查询（管理员、监督）：写入事件与登录失败、越权操作，最新在前' })
  @QueryParam('department', '部门编码', { example: '501' })
  @QueryParam('user', '用户编号')
  @QueryParam('from', 'ISO-8601 时间（含）', { example: '2024-01-01T00:00:00+08:00' })
  @QueryParam('to', 'ISO-8601 时间', { example: '2024-12-31T23:59:59+08:00' })
  @QueryParam('type', '事件类型，或 LOGIN_FAILED / ACTION_REFUSED', { example: 'LOGIN_FAILED' })
  @QueryParam('limit', '1–1000，默认 100', { example: 100 })
  @Answers(AuditAnswer)
  @Refuses(400, 401, { 403: ['FORBIDDEN'] })
  async audit(@Query() query: Record<string, unknown>, @CurrentActor() actor: Actor) {
    if (actor.role !== 'admin' && actor.role !== 'supervisor') throw httpProblem('FORBIDDEN', '只有系统管理员和监督人员可以查询审计记录');
    return this.reader.entries(parseAuditFilter(query));
  }
}
