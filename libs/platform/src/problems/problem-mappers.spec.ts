import { DomainError } from '@budgetflow/budget-domain';
import { ConcurrencyError, ProjectionNotReadyError, StoreUnavailableError } from '@budgetflow/event-store';
import { ExecutionError } from '@budgetflow/execution-domain';
import { toProblem } from '../http';
import { PROBLEM_MAPPERS } from './index';

describe('PROBLEM_MAPPERS: every context\'s refusals and the store\'s errors as problem+json', () => {
  it.each([
    [new StoreUnavailableError('down'), 503, 'SERVICE_UNAVAILABLE'],
    [new ProjectionNotReadyError('budget_overview'), 503, 'SERVICE_UNAVAILABLE'],
    [new ConcurrencyError('budget-501-2024', 3, 4), 409, 'CONCURRENT_MODIFICATION'],
    [new DomainError('BUDGET_UNBALANCED', { field: 'income' }), 422, 'BUDGET_UNBALANCED'],
    [new ExecutionError([{ field: 'rows[2].amount', code: 'PAYMENT_EXCEEDS_REMAINING', message: '超出剩余额度' }]), 422, 'PAYMENT_EXCEEDS_REMAINING'],
  ])('maps %p to %i %s', (error, status, code) => {
    const problem = toProblem(error, PROBLEM_MAPPERS);
    expect(problem.status).toBe(status);
    expect(problem.code).toBe(code);
    expect(problem.title).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('keeps a budget refusal\'s field, details and the failing command of a batch', () => {
    const problem = toProblem(new DomainError('CODE_NOT_IN_CATALOG', { field: 'functionalCode', details: { code: '2999999' } }).atCommand(7), PROBLEM_MAPPERS);
    expect(problem.errors).toEqual([{ field: 'functionalCode', code: 'CODE_NOT_IN_CATALOG', message: expect.any(String) }]);
    expect(problem.toDocument()).toMatchObject({ details: { code: '2999999' }, commandIndex: 7 });
  });

  it('reports every field problem of an execution refusal, the first one in the detail', () => {
    const error = new ExecutionError([
      { field: 'rows[0].date', code: 'DATE_INVALID', message: '日期无效' },
      { field: 'rows[3].amount', code: 'AMOUNT_INVALID', message: '金额无效' },
    ]);
    const problem = toProblem(error, PROBLEM_MAPPERS);
    expect(problem.detail).toBe('rows[0].date：日期无效');
    expect(problem.errors.map((e) => e.field)).toEqual(['rows[0].date', 'rows[3].amount']);
  });

  it('leaves unknown errors to the 500 fallback', () => {
    expect(toProblem(new Error('boom'), PROBLEM_MAPPERS).status).toBe(500);
  });
});
