import { createHash, randomUUID } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SqlClient } from '@budgetflow/event-store';
import type { ServiceConfig } from '@budgetflow/platform';
import { type Actor, ProblemException, REFUSES_IDEMPOTENCY_KEY, ReplayedAnswer, SQL_CLIENT, httpProblem } from '@budgetflow/platform';
import { APP_CONFIG } from './http-tokens';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

interface StoredAnswer {
  fingerprint: string;
  status_code: number | null;
  response_body: unknown;
}

/** The key a request holds until its answer is sent. */
interface Claim {
  caller: string;
  key: string;
  claim: string;
}

type KeyedRequest = FastifyRequest & { actor?: Actor; idempotencyClaim?: Claim };

/** An answer as sent: its JSON, or the text itself when it is not JSON (kept and replayed as it was). */
const parsedOrText = (payload: string): Record<string, unknown> | string => {
  try {
    return JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return payload;
  }
};

/** Refusals that say "try again" rather than "no": not kept, so a retry with the key executes. */
const TRANSIENT = new Set(['CONCURRENT_MODIFICATION', 'PRECONDITION_FAILED', 'RATE_LIMITED', 'REQUEST_TIMEOUT']);

/**
 * `Idempotency-Key` on POST: the same key with the same body answers the first answer again (no second event);
 * the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED — also after a business-rule
 * refusal (4xx), whose answer is kept and replayed like a success. Answers of 5xx (and transient 409s) are
 * forgotten so the client may retry.
 *
 * Two halves: this guard (global, after the caller is known) claims the key or replays its answer, and `onSend`
 * (a Fastify hook) keeps the answer as it goes out, whatever produced it (handler, route guard, problem filter).
 * A request without a key costs one header look-up: no interceptor wraps the handlers (an interceptor costs every
 * command its Observable chain, about a quarter of the api's CPU per command in the issue 19 profile).
 *
 * An in-progress key holds a lease (`IDEMPOTENCY_LEASE_SECONDS`, longer than the HTTP request timeout, so a
 * live request always finishes inside it): when the request died with its process, a retry with the same body
 * after the lease takes the key over and executes once. Each claim carries a token, so a late original cannot
 * overwrite the answer of the retry that took over.
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  private readonly leaseSeconds: number;

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: ServiceConfig,
  ) {
    this.leaseSeconds = config.security.idempotencyLeaseSeconds;
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return true;
    if (this.reflector.getAllAndOverride<boolean>(REFUSES_IDEMPOTENCY_KEY, [context.getHandler(), context.getClass()])) {
      throw httpProblem('IDEMPOTENCY_KEY_NOT_ACCEPTED', '登录和账户管理接口不接受 Idempotency-Key（应答含会话或一次性密码，不能保存重放）');
    }
    return this.claim(request, context.switchToHttp().getResponse<FastifyReply>(), key);
  }

  private async claim(request: KeyedRequest, reply: FastifyReply, key: string | string[]): Promise<boolean> {
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw httpProblem('VALIDATION_FAILED', 'Idempotency-Key 应为 1–200 个字母、数字或 ._:-', [
        { field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_INVALID', message: '格式无效' },
      ]);
    }
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
    if (claimed.rows.length === 0) return this.replay(reply, caller, key, fingerprint);
    request.idempotencyClaim = { caller, key, claim };
    return true;
  }

  private async replay(reply: FastifyReply, caller: string, key: string, fingerprint: string): Promise<never> {
    const stored = (await this.sql.query<StoredAnswer>(`SELECT fingerprint, status_code, response_body FROM idempotency_keys WHERE caller = $1 AND key = $2`, [caller, key])).rows[0];
    if (!stored) throw httpProblem('CONCURRENT_MODIFICATION', '同一幂等键的请求正在处理，请稍后重试');
    if (stored.fingerprint !== fingerprint) throw httpProblem('IDEMPOTENCY_KEY_REUSED', '该 Idempotency-Key 已用于内容不同的请求');
    if (stored.status_code === null) throw httpProblem('CONCURRENT_MODIFICATION', '同一幂等键的请求正在处理，请稍后重试');
    void reply.header('idempotent-replayed', 'true');
    if (stored.status_code >= 400) {
      const { problem } = stored.response_body as { problem: { code: string; title: string; detail?: string; errors?: [] } };
      throw new ProblemException(stored.status_code, problem.code, problem.title, problem.detail, problem.errors ?? []);
    }
    throw new ReplayedAnswer(stored.status_code, stored.response_body);
  }

  /**
   * Fastify `onSend`: keeps the answer of a request that claimed a key (4xx as its problem document), or forgets
   * the key after a 5xx or a transient refusal. The answer leaves once it is kept, as it did from the interceptor.
   */
  readonly onSend = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done: (error: Error | null, payload?: unknown) => void): void => {
    const held = (request as KeyedRequest).idempotencyClaim;
    // Callback style: a request without a key passes without a promise.
    if (!held) return done(null, payload);
    (request as KeyedRequest).idempotencyClaim = undefined;
    this.keep(held, reply.statusCode, payload).then(() => done(null, payload), (error: Error) => done(error));
  };

  private async keep(held: Claim, status: number, payload: unknown): Promise<void> {
    const body = typeof payload === 'string' && payload !== '' ? parsedOrText(payload) : null;
    const problem = status >= 400 && body && typeof body === 'object' ? { code: String(body['code']), title: String(body['title']), detail: body['detail'], errors: body['errors'] } : undefined;
    // A refusal is kept as its problem document only: one that is not (none is, today) is forgotten like a 5xx.
    if (status >= 500 || (status >= 400 && (!problem || TRANSIENT.has(problem.code)))) {
      await this.sql.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND claim = $3`, [held.caller, held.key, held.claim]).catch(() => undefined);
      return;
    }
    await this.sql.query(
      `UPDATE idempotency_keys SET status_code = $3, response_body = $4::jsonb, completed_at = now(), lease_expires_at = NULL
       WHERE caller = $1 AND key = $2 AND claim = $5`,
      [held.caller, held.key, status, JSON.stringify(problem ? { problem } : body), held.claim],
    );
  }
}
