import type { ExecutionContext } from '../decide/execution-context';
import { type ExecutionFieldProblem, problem } from '../errors';
import { type IsoDate, withinFiscalYear } from '../fiscal-calendar';

/** Problems with a business date: inside the fiscal year and not after today. */
export const dateProblem = (date: IsoDate, field: string, ctx: ExecutionContext): ExecutionFieldProblem | undefined => {
  if (!withinFiscalYear(ctx.fiscalYear, date)) return problem('PAYMENT_DATE_OUTSIDE_FISCAL_YEAR', field, `日期 ${date} 不在 ${ctx.fiscalYear} 预算年度内`);
  if (date > ctx.today) return problem('PAYMENT_DATE_IN_FUTURE', field, `日期 ${date} 晚于今天 ${ctx.today}`);
  return undefined;
};

