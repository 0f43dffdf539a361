import { DOMAIN_ERRORS, DomainError } from '@budgetflow/budget-domain';
import { type ProblemMapper, ProblemException, storeProblem } from '@budgetflow/platform';

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

export const BUDGET_PROBLEM_MAPPERS: readonly ProblemMapper[] = [domainProblem, storeProblem];
