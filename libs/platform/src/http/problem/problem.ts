/**
 * RFC 9457 problem details: every error the service answers is one of these,
 * with a stable `code`, a Chinese `title`/`detail` first and field-level `errors`.
 */
import type { FieldProblem, ProblemDocument } from '@budgetflow/contracts';

/** The documents are what the console reads: their shapes live with the API's contracts. */
export type { FieldProblem, ProblemDocument } from '@budgetflow/contracts';

export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors: FieldProblem[] = [],
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail ?? title}`);
    this.name = 'ProblemException';
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      type: `https://budgetflow.local/problems/${this.code.toLowerCase().replace(/_/g, '-')}`,
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors.length > 0 ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

/**
 * Errors of the HTTP layer itself and of signing in (the domain's codes are mapped in the application layer).
 * Mapping a bare status picks the first entry with it, so the generic ones stand first.
 */
export const HTTP_PROBLEMS = {
  NOT_FOUND: { status: 404, title: '资源不存在' },
  ROUTE_NOT_FOUND: { status: 404, title: '接口不存在' },
  METHOD_NOT_ALLOWED: { status: 405, title: '不支持的请求方法' },
  MALFORMED_JSON: { status: 400, title: '请求体不是有效的 JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: '不支持的请求内容类型' },
  PAYLOAD_TOO_LARGE: { status: 413, title: '请求体过大' },
  VALIDATION_FAILED: { status: 400, title: '请求参数无效' },
  UNAUTHENTICATED: { status: 401, title: '未登录或令牌无效' },
  FORBIDDEN: { status: 403, title: '无权执行此操作' },
  PRECONDITION_FAILED: { status: 412, title: '版本已变化，请刷新后重试' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: '幂等键已用于另一请求' },
  CONCURRENT_MODIFICATION: { status: 409, title: '数据已被他人修改，请刷新后重试' },
  RATE_LIMITED: { status: 429, title: '请求过于频繁' },
  SERVICE_UNAVAILABLE: { status: 503, title: '服务暂不可用，请稍后重试' },
  INTERNAL_ERROR: { status: 500, title: '服务器内部错误' },

  // Sign-in, sessions and account administration (libs/accounts).
  /** Unknown login and wrong password alike: the answer never tells which names exist. */
  SIGN_IN_FAILED: { status: 401, title: '登录名或密码错误' },
  SIGN_IN_LOCKED: { status: 429, title: '登录失败次数过多，已暂时锁定' },
  CSRF_TOKEN_INVALID: { status: 403, title: '缺少或错误的 CSRF 令牌' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, title: '请先设置新密码' },
  SESSION_REQUIRED: { status: 403, title: '此操作需要以账户密码登录' },
  ADMIN_ONLY: { status: 403, title: '只有系统管理员可以管理用户' },
  USER_NOT_FOUND: { status: 404, title: '用户不存在' },
  LOGIN_TAKEN: { status: 409, title: '登录名已被使用' },
  CANNOT_DISABLE_SELF: { status: 409, title: '不能停用自己的账户' },
  LAST_ADMIN: { status: 409, title: '不能停用最后一个可用的管理员' },
  IDEMPOTENCY_KEY_NOT_ACCEPTED: { status: 400, title: '此接口不接受 Idempotency-Key' },
} as const satisfies Record<string, { status: number; title: string }>;

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

export const httpProblem = (code: HttpProblemCode, detail?: string, errors: FieldProblem[] = [], extensions: Record<string, unknown> = {}): ProblemException =>
  new ProblemException(HTTP_PROBLEMS[code].status, code, HTTP_PROBLEMS[code].title, detail, errors, extensions);
