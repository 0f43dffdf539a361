import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, catchError, throwError } from 'rxjs';
import { EXECUTION_ERRORS, ExecutionError } from '@budgetflow/execution-domain';
import { ProblemException } from '@budgetflow/platform';

/** An execution refusal as problem+json: its stable code, the Chinese title from the one table, every field problem. */
export const executionProblem = (error: ExecutionError): ProblemException =>
  new ProblemException(
    error.httpStatus,
    error.code,
    EXECUTION_ERRORS[error.code].message,
    error.field ? `${error.field}：${error.message}` : error.message,
    error.problems.map((p) => ({ field: p.field, code: p.code, message: p.message })),
    error.details ? { details: error.details } : {},
  );

/** Applied to the execution controllers: domain refusals leave as problems, everything else goes to the global filter. */
@Injectable()
export class ExecutionProblems implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error: unknown) => throwError(() => (error instanceof ExecutionError ? executionProblem(error) : error))));
  }
}
