import { HttpException } from '@nestjs/common';
import { HTTP_PROBLEMS, ProblemException, httpProblem } from './problem';

/** Turns an error of some layer into a problem, or leaves it to the next mapper. */
export type ProblemMapper = (error: unknown) => ProblemException | undefined;

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

const fastifyErrorProblem = (error: FastifyLikeError): ProblemException | undefined => {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return httpProblem('PAYLOAD_TOO_LARGE', '请求体超过允许的大小');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return httpProblem('UNSUPPORTED_MEDIA_TYPE', '请使用 application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return httpProblem('MALFORMED_JSON', '请求体为空或不是有效的 JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return httpProblem('MALFORMED_JSON', 'Content-Length 与请求体不符');
    default:
      break;
  }
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message ?? ''))) {
    return httpProblem('MALFORMED_JSON', '请求体不是有效的 JSON');
  }
  return undefined;
};

const nestHttpProblem = (error: HttpException): ProblemException => {
  const status = error.getStatus();
  const byStatus = Object.entries(HTTP_PROBLEMS).find(([, problem]) => problem.status === status);
  if (status === 404) return httpProblem('ROUTE_NOT_FOUND', error.message);
  if (byStatus) return new ProblemException(status, byStatus[0], byStatus[1].title, error.message);
  return new ProblemException(status, `HTTP_${status}`, error.message);
};

/** The one place any thrown thing becomes a problem document. */
export function toProblem(error: unknown, mappers: readonly ProblemMapper[]): ProblemException {
  if (error instanceof ProblemException) return error;
  for (const mapper of mappers) {
    const problem = mapper(error);
    if (problem) return problem;
  }
  if (error && typeof error === 'object') {
    const fastify = fastifyErrorProblem(error as FastifyLikeError);
    if (fastify) return fastify;
  }
  if (error instanceof HttpException) return nestHttpProblem(error);
  const statusCode = (error as FastifyLikeError | undefined)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return new ProblemException(statusCode, `HTTP_${statusCode}`, '请求无效', (error as FastifyLikeError).message);
  }
  return httpProblem('INTERNAL_ERROR');
}
