import { createHash, randomUUID } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, lastValueFrom } from 'rxjs';
import type { SqlClient } from '@budgetflow/event-store';
import type { ServiceConfig } from '@budgetflow/platform';
import { type Actor, PROBLEM_MAPPERS, ProblemException, SQL_CLIENT, httpProblem, toProblem } from '@budgetflow/platform';
import { APP_CONFIG } from './http-tokens';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

interface StoredAnswer {
  fingerprint: string;
  status_code: number | null;
  response_body: unknown;
}

/** Refusals that say "try again" rather than "no": not kept, so a retry with the key executes. */
const TRANSIENT = new Set(['CONCURRENT_MODIFICATION', 'PRECONDITION_FAILED', 'RATE_LIMITED', 'REQUEST_TIMEOUT']);

/**
 * `Idempotency-Key` on POST: the same key with the same body answers the first answer again (no second event);
 * the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED — also after a business-rule
 * refusal (4xx), whose answer is kept and replayed like a success. Answers of 5xx (and transient 409s) are
 * forgotten so the client may retry.
 *
 * An in-progress key holds a lease (`IDEMPOTENCY_LEASE_SECONDS`, longer than the HTTP request timeout, so a
 * live request always finishes inside it): when the request died with its process, a retry with the same body
 * after the lease takes the key over and executes once. Each claim carries a token, so a late original cannot
 * overwrite the answer of the retry that took over.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly leaseSeconds: number;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: ServiceConfig,
  ) {
    this.leaseSeconds = config.security.idempotencyLeaseSeconds;
  }

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

    const claim = randomUUID();
    // A new key, or one whose holder's lease ran out without an answer (its process died): same body only.
    const claimed = await this.sql.query<{ key: string }>(
      `INSERT INTO idempotency_keys (caller, key, fingerprint, claim, lease_expires_at) VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
       ON CONFLICT (caller, key) DO UPDATE SET claim = EXCLUDED.claim, lease_expires_at = EXCLUDED.lease_expires_at, created_at = now()
         WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
           AND COALESCE(idempotency_keys.lease_expires_at, idempotency_keys.created_at + make_interval(secs => $5)) < now()
       RETURNING key`,
      [caller, key, fingerprint, claim, this.leaseSeconds],
    );
    if (claimed.rows.length === 0) return this.replay(caller, key, fingerprint, reply);

    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const status = this.reflector.get<number>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
      await this.remember(caller, key, claim, status, body ?? null);
      return body;
    } catch (error) {
      // Domain refusals reach the problem filter after this interceptor: map them here the same way.
      const problem = toProblem(error, PROBLEM_MAPPERS);
      if (problem.status < 500 && !TRANSIENT.has(problem.code)) {
        await this.remember(caller, key, claim, problem.status, { problem: problem.toDocument(request.url) });
      } else {
        await this.sql.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND claim = $3`, [caller, key, claim]).catch(() => undefined);
      }
      throw error;
    }
  }

  private async remember(caller: string, key: string, claim: string, status: number, body: unknown): Promise<void> {
    await this.sql.query(
      `UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb, completed_at = now(), lease_expires_at = NULL
       WHERE caller = $1 AND key = $2 AND claim = $5`,
      [caller, key, status, JSON.stringify(body), claim],
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
