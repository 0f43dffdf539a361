import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import { ReplayedAnswer } from '../idempotency/idempotency-key';
import { type SecurityEventSink, pathOf } from '../security/security-event-sink';
import type { ProblemException } from './problem';
import { ProblemMapper, toProblem } from './problem-mapping';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The one way a problem goes on the wire: its status, problem+json, the request id, Retry-After on 503. */
export function sendProblem(reply: FastifyReply, problem: ProblemException, request?: FastifyRequest): FastifyReply {
  if (problem.status === 503) void reply.header('retry-after', '5');
  return reply
    .status(problem.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({ ...problem.toDocument(request?.url), ...(request ? { requestId: request.id } : {}) });
}

/**
 * Answers every error as RFC 9457 problem+json. 5xx are logged with the request id; 4xx are not noise.
 * A `ReplayedAnswer` (an Idempotency-Key's kept answer) goes out as it was first sent.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(
    private readonly mappers: readonly ProblemMapper[] = [],
    private readonly securityEvents?: SecurityEventSink,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (error instanceof ReplayedAnswer) {
      void reply.status(error.status).send(error.body ?? undefined);
      return;
    }
    const problem = toProblem(error, this.mappers);
    if (problem.status >= 500) {
      this.logger.error({ err: error, requestId: request?.id, code: problem.code }, 'request failed');
    }
    if (problem.status === 403 && request) {
      // Refused actions are part of the audit trail (failed logins are recorded by the guard).
      this.securityEvents?.record({
        kind: 'ACTION_REFUSED',
        reason: problem.code,
        method: request.method,
        path: pathOf(request.url),
        requestId: String(request.id),
        clientAddress: request.ip,
        actor: (request as FastifyRequest & { actor?: Actor }).actor,
        status: 403,
      });
    }
    void sendProblem(reply, problem, request);
  }
}
