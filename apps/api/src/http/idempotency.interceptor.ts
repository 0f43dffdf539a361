import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import type { SqlClient } from '@budgetflow/event-store';
import { type Actor, ProblemException, httpProblem, SQL_CLIENT } from '@budgetflow/platform';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

interface StoredAnswer {
  fingerprint: string;
  status_code: number | null;
  response_body: unknown;
}

/**
 * `Idempotency-Key` on POST: the same key with the same body answers the first answer again (no second event);
 * the same key with another body is refused with 422. Answers of 5xx are forgotten so the client may retry.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    return from(this.once(context, request, key, next));
  }

  private async once(context: ExecutionContext, request: FastifyRequest & { actor?: Actor }, key: string | string[], next: CallHandler): Promise<unknown> {
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw httpProblem('VALIDATION_FAILED', 'Idempotency-Key 应为 1–200 个字母、数字或 ._:-', [
        { field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID', message: '格式无效' },
      ]);
    }
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const caller = request.actor?.userId ?? `anonymous:${request.ip}`;
    const fingerprint = createHash('sha256').update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`).digest('hex');

    const claimed = await this.sql.query<{ key: string }>(
      `INSERT INTO idempotency_keys (caller, key, fingerprint) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key`,
      [caller, key, fingerprint],
    );
    if (claimed.rows.length === 0) return this.replay(caller, key, fingerprint, reply);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
      await this.remember(caller, key, status, body ?? null);
      return body;
    } catch (error) {
      if (error instanceof ProblemException && error.status < 500) {
        await this.remember(caller, key, error.status, { problem: error.toDocument(request.url) });
      } else {
        await this.sql.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2`, [caller, key]).catch(() => undefined);
      }
      throw error;
    }
  }

  private async remember(caller: string, key: string, status: number, body: unknown): Promise<void> {
    await this.sql.query(
      `UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb, completed_at = now() WHERE caller = $1 AND key = $2`,
      [caller, key, status, JSON.stringify(body)],
    );
  }

  private async replay(caller: string, key: string, fingerprint: string, reply: FastifyReply): Promise<unknown> {
    const stored = (await this.sql.query<StoredAnswer>(`SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE caller = $1 AND key = $2`, [caller, key])).rows[0];
    if (!stored) throw httpProblem('CONCURRENT_MODIFICATION', '同一幂等键的请求正在处理，请稍后重试');
    if (stored.fingerprint !== fingerprint) throw httpProblem('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于内容不同的请求');
    if (stored.status_code === null) throw httpProblem('CONCURRENT_MODIFICATION', '同一幂等键的请求正在处理，请稍后重试');
    void reply.header('idempotent-replayed', 'true');
    if (stored.status_code >= 400) {
      const { problem } = stored.response_body as { problem: { code: string; title: string; detail?: string; errors?: [] } };
      throw new ProblemException(stored.status_code, problem.code, problem.title, problem.detail, problem.errors ?? []);
    }
    void reply.status(stored.status_code);
    return stored.response_body;
  }
}
