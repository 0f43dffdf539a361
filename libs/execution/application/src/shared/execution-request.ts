import { applyDecorators } from '@nestjs/common';
import { type IsoDate, checkpointDate, isIsoDate, shanghaiDate } from '@budgetflow/execution-domain';
import { type Actor, CLOCK, type Clock, PathParam, budgetAddress, fiscalYearOf, httpProblem } from '@budgetflow/platform';

export { CLOCK, type Clock };

/** Path parameters `{department}/{year}`. */
export const executionAddress = (department: string, year: string) => budgetAddress(department, year);

/** `{year}` alone. */
export const fiscalYearParam = fiscalYearOf;

/** Documents the `{department}/{year}` path parameters of an execution route. */
export const ExecutionRoute = () =>
  applyDecorators(PathParam('department', '部门编码', '501'), PathParam('year', '预算年度（四位数字）', 2024));

/** Reads of one department: the department itself, and finance, supervisors and admins for every department. */
export const requireReader = (actor: Actor, department: string): void => {
  if (actor.role === 'department' && actor.department !== department) {
    throw httpProblem('FORBIDDEN', '部门用户只能查看本部门的执行情况');
  }
};

/** County-wide reads: finance, supervisors and admins. */
export const requireCountyReader = (actor: Actor): void => {
  if (actor.role === 'department') throw httpProblem('FORBIDDEN', '部门用户只能查看本部门的执行情况');
};

export interface AsOfQuery {
  asOf?: string;
  checkpoint?: string;
  after?: string;
}

/**
 * The date figures are asked "as of": `asOf=YYYY-MM-DD`, or `checkpoint=3月底` (the end of that month of the
 * fiscal year), or today in Asia/Shanghai from the injected clock.
 */
export const asOfDate = (query: AsOfQuery, fiscalYear: number, clock: Clock): IsoDate => {
  if (query.asOf !== undefined && query.checkpoint !== undefined) {
    throw httpProblem('VALIDATION_FAILED', 'asOf 与 checkpoint 只能给一个', [{ field: 'checkpoint', code: 'AS_OF_AMBIGUOUS', message: 'asOf 与 checkpoint 只能给一个' }]);
  }
  if (query.checkpoint !== undefined) {
    const date = checkpointDate(fiscalYear, query.checkpoint);
    if (!date) throw httpProblem('VALIDATION_FAILED', 'checkpoint 应形如“3月底”', [{ field: 'checkpoint', code: 'CHECKPOINT_INVALID', message: '应形如“3月底”（1–12月）' }]);
    return date;
  }
  if (query.asOf !== undefined) {
    if (!isIsoDate(query.asOf)) throw httpProblem('VALIDATION_FAILED', 'asOf 应为 YYYY-MM-DD 格式的有效日期', [{ field: 'asOf', code: 'DATE_INVALID', message: '日期无效' }]);
    return query.asOf;
  }
  return shanghaiDate(clock());
};

/** `after=<position>` of a write: the read waits until the read model has applied it. */
export const positionParam = (after: string | undefined): bigint | undefined => {
  if (after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) throw httpProblem('VALIDATION_FAILED', 'after 应为写入返回的 position', [{ field: 'after', code: 'POSITION_INVALID', message: '无效' }]);
  return BigInt(after);
};
