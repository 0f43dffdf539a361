import { Decimal } from '@budgetflow/budget-domain';
import type { RecordIndicatorProgress } from '../commands/execution-commands';
import { type ExecutionFieldProblem, ExecutionError, problem } from '../errors';
import { DEVIATION_CAUSES, type DeviationCause, type ExecutionEvent, type IndicatorProgressRecorded, LIKELIHOODS, type Likelihood } from '../events/execution-events';
import { isIsoDate } from '../fiscal-calendar';
import { requireApproved, requireOwnDepartment } from '../rules/access';
import { dateProblem } from '../rules/business-date';
import type { ExecutionContext } from './execution-context';

const FIGURE = /^\d{1,12}(\.\d{1,4})?$/;

export const recordIndicatorProgress = (command: RecordIndicatorProgress, ctx: ExecutionContext): ExecutionEvent[] => {
  requireOwnDepartment(command.actor, ctx);
  const budget = requireApproved(ctx);
  const problems: ExecutionFieldProblem[] = [];
  const project = budget.projects.find((p) => p.code === command.projectCode);
  if (!project) problems.push(problem('PAYMENT_TARGET_NOT_FOUND', 'projectCode', `批复预算中没有项目 ${command.projectCode}`));
  else if (!project.indicators.some((i) => i.name === command.indicator)) problems.push(problem('INDICATOR_NOT_FOUND', 'indicator', `项目 ${project.name} 没有绩效指标“${command.indicator}”`));
  if (!isIsoDate(command.date)) problems.push(problem('DATE_INVALID', 'date'));
  else {
    const dated = dateProblem(command.date, 'date', ctx);
    if (dated) problems.push(dated);
  }
  if (!FIGURE.test(command.actualToDate)) problems.push(problem('FIGURE_INVALID', 'actualToDate'));
  if (!FIGURE.test(command.forecast)) problems.push(problem('FIGURE_INVALID', 'forecast'));
  if (!(LIKELIHOODS as readonly string[]).includes(command.likelihood)) problems.push(problem('LIKELIHOOD_UNKNOWN', 'likelihood'));
  if (command.deviationCause !== undefined && !(DEVIATION_CAUSES as readonly string[]).includes(command.deviationCause)) {
    problems.push(problem('DEVIATION_CAUSE_UNKNOWN', 'deviationCause'));
  }
  if (command.deviationCause === undefined && command.likelihood !== '确定能' && (LIKELIHOODS as readonly string[]).includes(command.likelihood)) {
    problems.push(problem('DEVIATION_CAUSE_REQUIRED', 'deviationCause'));
  }
  if (problems.length > 0) throw new ExecutionError(problems);
  const note = command.deviationNote?.trim();
  const event: IndicatorProgressRecorded = {
    type: 'IndicatorProgressRecorded',
    data: {
      projectCode: command.projectCode,
      indicator: command.indicator,
      date: command.date,
      actualToDate: new Decimal(command.actualToDate).toString(),
      forecast: new Decimal(command.forecast).toString(),
      ...(command.deviationCause ? { deviationCause: command.deviationCause as DeviationCause } : {}),
      ...(note ? { deviationNote: note } : {}),
      likelihood: command.likelihood as Likelihood,
    },
  };
  return [event];
};

