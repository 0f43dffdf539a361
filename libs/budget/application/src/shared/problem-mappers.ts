import { DOMAIN_ERRORS, DomainError } from '@budgetflow/budget-domain';
import { ConcurrencyError, EventStoreInputError, ProjectionNotReadyError, StoreUnavailableError } from '@budgetflow/event-store';
import { type ProblemMapper, ProblemException, httpProblem } from '@budgetflow/http';

/** Domain refusals keep their stable code; the status and Chinese title come from the one table in the domain. */
const domainProblem: ProblemMapper = (error) => {
  if (!(error instanceof DomainError)) return undefined;
  const field = error.field ?? '';
  return new ProblemException(
    error.httpStatus,
    error.code,
    DOMAIN_ERRORS[error.code].message,
    error.message,
    [{ field, code: error.code, message: error.message }],
    {
      ...(error.details ? { details: error.details } : {}),
      ...(error.commandIndex !== undefined ? { commandIndex: error.commandIndex } : {}),
    },
  );
};

const storeProblem: ProblemMapper = (error) => {
  if (error instanceof StoreUnavailableError) return httpProblem('SERVICE_UNAVAILABLE', '数据库暂不可用，请稍后重试');
  if (error instanceof ProjectionNotReadyError) return httpProblem('SERVICE_UNAVAILABLE', '查询数据正在准备，请稍后重试');
  if (error instanceof ConcurrencyError) return httpProblem('CONCURRENT_MODIFICATION');
  if (error instanceof EventStoreInputError) {
    return error.code === 'payload-too-large' ? httpProblem('PAYLOAD_TOO_LARGE', '单次写入的数据超过 1 MiB') : httpProblem('VALIDATION_FAILED', error.message);
  }
  return undefined;
};

export const BUDGET_PROBLEM_MAPPERS: readonly ProblemMapper[] = [domainProblem, storeProblem];
