/**
 * RFC 9457 problem details: every error the service answers is one of these,
 * with a stable `code`, a Chinese `title`/`detail` first and field-level `errors`.
 */
import { problemCodes, type FieldProblem, type ProblemDocument } from '@budgetflow/contracts';

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
 * Mapping a bare status picks the first entry with it, so the generic ones stand first; those of signing in,
 * sessions and account administration (libs/accounts) follow them.
 */
export const HTTP_PROBLEMS = problemCodes({
  404: {
    NOT_FOUND: '资源不存在',
    ROUTE_NOT_FOUND: '接口不存在',
    USER_NOT_FOUND: '用户不存在',
  },
  405: {
    METHOD_NOT_ALLOWED: '不支持的请求方法',
  },
  400: {
    MALFORMED_JSON: '请求体不是有效的 JSON',
    VALIDATION_FAILED: '请求参数无效',
    IDEMPOTENCY_KEY_NOT_ACCEPTED: '此接口不接受 Idempotency-Key',
  },
  415: {
    UNSUPPORTED_MEDIA_TYPE: '不支持的请求内容类型',
  },
  413: {
    PAYLOAD_TOO_LARGE: '请求体过大',
  },
  401: {
    UNAUTHENTICATED: '未登录或令牌无效',
    /** Unknown login and wrong password alike: the answer never tells which names exist. */
    SIGN_IN_FAILED: '登录名或密码错误',
  },
  403: {
    FORBIDDEN: '无权执行此操作',
    CSRF_TOKEN_INVALID: '缺少或错误的 CSRF 令牌',
    PASSWORD_CHANGE_REQUIRED: '请先设置新密码',
    SESSION_REQUIRED: '此操作需要以账户密码登录',
    ADMIN_ONLY: '只有系统管理员可以管理用户',
  },
  412: {
    PRECONDITION_FAILED: '版本已变化，请刷新后重试',
  },
  422: {
    IDEMPOTENCY_KEY_REUSED: '幂等键已用于另一请求',
  },
  409: {
    CONCURRENT_MODIFICATION: '数据已被他人修改，请刷新后重试',
    LOGIN_TAKEN: '登录名已被使用',
    CANNOT_DISABLE_SELF: '不能停用自己的账户',
    LAST_ADMIN: '不能停用最后一个可用的管理员',
  },
  429: {
    RATE_LIMITED: '请求过于频繁',
    SIGN_IN_LOCKED: '登录失败次数过多，已暂时锁定',
  },
  503: {
    SERVICE_UNAVAILABLE: '服务暂不可用，请稍后重试',
  },
  500: {
    INTERNAL_ERROR: '服务器内部错误',
  },
});

export type HttpProblemCode = keyof typeof HTTP_PROBLEMS;

export const httpProblem = (code: HttpProblemCode, detail?: string, errors: FieldProblem[] = [], extensions: Record<string, unknown> = {}): ProblemException =>
  new ProblemException(HTTP_PROBLEMS[code].status, code, HTTP_PROBLEMS[code].title, detail, errors, extensions);
