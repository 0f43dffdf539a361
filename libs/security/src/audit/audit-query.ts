import { type FieldProblem, httpProblem } from '@budgetflow/platform';
import { AUDIT_TRAIL } from './audit-trail.projection';

/** The filters of `GET /v1/audit`: who, which department, when, which event type; newest first. */
export interface AuditFilter {
  department?: string;
  user?: string;
  from?: Date;
  to?: Date;
  type?: string;
  limit: number;
}

const KNOWN = ['department', 'user', 'from', 'to', 'type', 'limit'];
export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 1000;

/** Reads the query string; every problem is a field error of one 400, unknown parameters included. */
export function parseAuditFilter(query: Record<string, unknown>): AuditFilter {
  const problems: FieldProblem[] = [];
  const single = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field: name, code: 'QUERY_PARAMETER_REPEATED', message: `${name} 只能给一次` });
      return undefined;
    }
    return value;
  };
  for (const name of Object.keys(query)) {
    if (!KNOWN.includes(name)) problems.push({ field: name, code: 'UNKNOWN_FIELD', message: `未知的查询参数 ${name}` });
  }
  const filter: AuditFilter = { limit: AUDIT_DEFAULT_LIMIT };

  const department = single('department');
  if (department !== undefined) {
    if (/^[0-9A-Za-z]{1,32}$/.test(department)) filter.department = department;
    else problems.push({ field: 'department', code: 'DEPARTMENT_CODE_INVALID', message: '部门编码应为1–32位字母或数字' });
  }
  const user = single('user');
  if (user !== undefined) {
    if (user.length >= 1 && user.length <= 200) filter.user = user;
    else problems.push({ field: 'user', code: 'USER_ID_INVALID', message: '用户标识应为1–200个字符' });
  }
  for (const name of ['from', 'to'] as const) {
    const raw = single(name);
    if (raw === undefined) continue;
    const at = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? new Date(raw) : undefined;
    if (at && !Number.isNaN(at.getTime())) filter[name] = at;
    else problems.push({ field: name, code: 'INSTANT_INVALID', message: `${name} 应为 ISO-8601 时间，如 2024-03-01T08:00:00+08:00` });
  }
  if (filter.from && filter.to && filter.from > filter.to) problems.push({ field: 'to', code: 'RANGE_INVALID', message: 'to 不能早于 from' });
  const type = single('type');
  if (type !== undefined) {
    if (/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/.test(type)) filter.type = type;
    else problems.push({ field: 'type', code: 'EVENT_TYPE_INVALID', message: 'type 应为事件类型名，如 DraftApproved 或 LOGIN_FAILED' });
  }
  const limit = single('limit');
  if (limit !== undefined) {
    if (/^\d{1,4}$/.test(limit) && Number(limit) >= 1 && Number(limit) <= AUDIT_MAX_LIMIT) filter.limit = Number(limit);
    else problems.push({ field: 'limit', code: 'LIMIT_INVALID', message: `limit 应为 1–${AUDIT_MAX_LIMIT} 的整数` });
  }
  if (problems.length > 0) throw httpProblem('VALIDATION_FAILED', problems[0].message, problems);
  return filter;
}

/**
 * One SQL statement over the audit trail (the read model of every event's metadata: who, role, department,
 * address, correlation; see `auditTrailProjection`) and the security events, filtered alike. A department
 * matches the acting user's department or the budget it touched.
 */
export function auditSql(filter: AuditFilter): { text: string; params: unknown[] } {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const events: string[] = [];
  const security: string[] = [];
  if (filter.department !== undefined) {
    const department = param(filter.department);
    // The code is letters and digits only (checked above), so it cannot carry LIKE wildcards.
    events.push(`(department = ${department} OR stream_id LIKE 'budget-' || ${department} || '-%')`);
    security.push(`(department = ${department} OR path LIKE '/v1/budgets/' || ${department} || '/%')`);
  }
  if (filter.user !== undefined) {
    const user = param(filter.user);
    events.push(`user_id = ${user}`);
    security.push(`user_id = ${user}`);
  }
  if (filter.from !== undefined) {
    const from = param(filter.from.toISOString());
    events.push(`recorded_at >= ${from}::timestamptz`);
    security.push(`recorded_at >= ${from}::timestamptz`);
  }
  if (filter.to !== undefined) {
    const to = param(filter.to.toISOString());
    events.push(`recorded_at <= ${to}::timestamptz`);
    security.push(`recorded_at <= ${to}::timestamptz`);
  }
  if (filter.type !== undefined) {
    const type = param(filter.type);
    events.push(`type = ${type}`);
    security.push(`kind = ${type}`);
  }
  const where = (conditions: string[]) => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');
  const limit = param(filter.limit);
  const text = `
    SELECT * FROM (
      SELECT 'event' AS source, recorded_at, global_position AS seq, type, user_id, role, department, client_address,
             correlation_id, causation_id AS request_id, reason, stream_id, stream_version,
             NULL::int AS status, NULL::text AS method, NULL::text AS path
        FROM ${AUDIT_TRAIL} ${where(events)}
      UNION ALL
      SELECT 'security', recorded_at, id, kind, user_id, role, department, client_address, NULL, request_id, reason,
             NULL, NULL, status, method, path
        FROM security_events ${where(security)}
    ) audit
    ORDER BY recorded_at DESC, source, seq DESC
    LIMIT ${limit}`;
  return { text, params };
}
