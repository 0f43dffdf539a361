import { ConcurrencyError, EventStoreInputError, ProjectionNotReadyError, StoreUnavailableError } from '@budgetflow/event-store';
import { type ProblemMapper, httpProblem } from '../http';

/** The event store's and read models' errors as problems, whichever context's command or query ran into them. */
export const storeProblem: ProblemMapper = (error) => {
  if (error instanceof StoreUnavailableError) return httpProblem('SERVICE_UNAVAILABLE', '数据库暂不可用，请稍后重试');
  if (error instanceof ProjectionNotReadyError) return httpProblem('SERVICE_UNAVAILABLE', '查询数据正在准备，请稍后重试');
  if (error instanceof ConcurrencyError) return httpProblem('CONCURRENT_MODIFICATION');
  if (error instanceof EventStoreInputError) {
    return error.code === 'payload-too-large' ? httpProblem('PAYLOAD_TOO_LARGE', '单次写入的数据超过 1 MiB') : httpProblem('VALIDATION_FAILED', error.message);
  }
  return undefined;
};
