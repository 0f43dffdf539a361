import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { EventMetadata } from '@budgetflow/event-store';
import { type Actor, httpProblem } from '../http';

/** The metadata every event of a request carries: who, in which role and department, from where, why, when. */
export function eventMetadata(request: FastifyRequest, actor: Actor, now: Date, reason?: string): EventMetadata {
  const correlation = request.headers['x-correlation-id'];
  return {
    userId: actor.userId,
    role: actor.role,
    ...(actor.department ? { department: actor.department } : {}),
    correlationId: typeof correlation === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(correlation) ? correlation : String(request.id ?? randomUUID()),
    causationId: String(request.id),
    ...(reason ? { reason } : {}),
    recordedAt: now.toISOString(),
    clientAddress: request.ip,
  };
}

/** The caller as the deciders see it: who, in which role, of which department — nothing else of the token. */
export const domainActor = (actor: Actor): Actor => ({ userId: actor.userId, role: actor.role, department: actor.department });

/** `If-Match: "7"` (or `7`, or a weak `W/"7"`) → 7; absent → undefined; anything else is a 400. */
export function expectedVersionFrom(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim()) : null;
  if (!match) {
    throw httpProblem('VALIDATION_FAILED', 'If-Match 应为预算版本号，如 "7"', [{ field: 'If-Match', code: 'IF_MATCH_INVALID', message: '格式无效' }]);
  }
  return Number(match[1]);
}

const FISCAL_YEAR_PROBLEM = { field: 'year', code: 'FISCAL_YEAR_INVALID', message: '预算年度应为2000–2100之间的四位年份' };
const isFiscalYear = (year: string): boolean => /^\d{4}$/.test(year) && Number(year) >= 2000 && Number(year) <= 2100;

/** A fiscal year path parameter (2000–2100). */
export function fiscalYearOf(year: string): number {
  if (!isFiscalYear(year)) throw httpProblem('VALIDATION_FAILED', FISCAL_YEAR_PROBLEM.message, [FISCAL_YEAR_PROBLEM]);
  return Number(year);
}

/** Path parameters: a department code and a fiscal year. */
export function budgetAddress(department: string, year: string): { department: string; fiscalYear: number } {
  const problems = [];
  if (!/^[0-9A-Za-z]{1,32}$/.test(department)) problems.push({ field: 'department', code: 'DEPARTMENT_CODE_INVALID', message: '部门编码应为1–32位字母或数字' });
  if (!isFiscalYear(year)) problems.push(FISCAL_YEAR_PROBLEM);
  if (problems.length > 0) throw httpProblem('VALIDATION_FAILED', problems[0].message, problems);
  return { department, fiscalYear: Number(year) };
}
