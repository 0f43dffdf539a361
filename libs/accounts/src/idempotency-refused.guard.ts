import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { httpProblem } from '@budgetflow/platform';

/**
 * Sign-in answers set a cookie and account answers carry one-time passwords: neither may be stored and replayed
 * by the idempotency layer. A route guard runs before any interceptor, so the key is refused before it is kept.
 */
@Injectable()
export class IdempotencyKeyRefused implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.switchToHttp().getRequest<FastifyRequest>().headers['idempotency-key'] !== undefined) {
      throw httpProblem('IDEMPOTENCY_KEY_NOT_ACCEPTED', '登录和账户管理接口不接受 Idempotency-Key（应答含会话或一次性密码，不能保存重放）');
    }
    return true;
  }
}
