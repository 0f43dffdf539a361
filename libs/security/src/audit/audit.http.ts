import { Get, Inject, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { AuditAnswer } from '@budgetflow/contracts';
import type { EventStore, ProjectionRunner, SqlClient } from '@budgetflow/event-store';
import { Answers, ApiController, QueryParam, Refuses, type Actor, CurrentActor, httpProblem } from '@budgetflow/platform';
import { auditSql, parseAuditFilter } from './audit-query';
import { AUDIT_TRAIL } from './audit-trail.projection';

export const AUDIT_SQL_CLIENT = Symbol('AUDIT_SQL_CLIENT');
export const AUDIT_EVENT_STORE = Symbol('AUDIT_EVENT_STORE');
export const AUDIT_PROJECTION_RUNNER = Symbol('AUDIT_PROJECTION_RUNNER');

/** How long a query waits for the audit trail to reach the store's head (normally milliseconds). */
const WAIT_FOR_HEAD_MS = 10_000;

interface AuditRow {
  source: 'event' | 'security';
  recorded_at: Date | string;
  type: string;
  user_id: string | null;
  role: string | null;
  department: string | null;
  client_address: string | null;
  correlation_id: string | null;
  request_id: string | null;
  reason: string | null;
  stream_id: string | null;
  stream_version: number | null;
  status: number | null;
  method: string | null;
  path: string | null;
}

const compact = (entry: Record<string, unknown>) => Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== null && value !== undefined));

/** 审计 — every write (who, role, department, address, correlation) and every failed login or refused action. */
@ApiController('audit', 'v1/audit')
export class AuditController {
  constructor(
    @Inject(AUDIT_SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(AUDIT_EVENT_STORE) private readonly store: EventStore,
    @Inject(AUDIT_PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

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
    const filter = parseAuditFilter(query);
    // Read-your-writes: every event committed when the query came is in the trail before it is read.
    if (!(await this.runner.waitFor(AUDIT_TRAIL, await this.store.head(), WAIT_FOR_HEAD_MS))) {
      throw httpProblem('SERVICE_UNAVAILABLE', '审计记录正在生成，请稍后重试');
    }
    const { text, params } = auditSql(filter);
    const rows = (await this.sql.query<AuditRow>(text, params)).rows;
    return {
      limit: filter.limit,
      entries: rows.map((row) =>
        compact({
          source: row.source,
          at: new Date(row.recorded_at).toISOString(),
          type: row.type,
          userId: row.user_id,
          role: row.role,
          department: row.department,
          clientAddress: row.client_address,
          correlationId: row.correlation_id,
          requestId: row.request_id,
          reason: row.reason,
          streamId: row.stream_id,
          streamVersion: row.stream_version === null ? null : Number(row.stream_version),
          status: row.status === null ? null : Number(row.status),
          method: row.method,
          path: row.path,
        }),
      ),
    };
  }
}
