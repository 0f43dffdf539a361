import { DomainError } from '@budgetflow/budget-domain';
import { ConcurrencyError, ProjectionNotReadyError, StoreUnavailableError } from '@budgetflow/event-store';
import { toProblem } from '@budgetflow/platform';
import { BUDGET_PROBLEM_MAPPERS } from './problem-mappers';

describe('BUDGET_PROBLEM_MAPPERS', () => {
  it.each([
    [new StoreUnavailableError('down'), 503, 'SERVICE_UNAVAILABLE'],
    [new ProjectionNotReadyError('budget_overview'), 503, 'SERVICE_UNAVAILABLE'],
    [new ConcurrencyError('budget-501-2024', 3, 4), 409, 'CONCURRENT_MODIFICATION'],
    [new DomainError('BUDGET_UNBALANCED', { field: 'income' }), 422, 'BUDGET_UNBALANCED'],
  ])('maps %p to %i %s', (error, status, code) => {
    const problem = toProblem(error, BUDGET_PROBLEM_MAPPERS);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(code);
    expect(problem.title).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('leaves unknown errors to the 500 fallback', () => {
    expect(toProblem(new Error('boom'), BUDGET_PROBLEM_MAPPERS).status).toBe(500);
  });
});
