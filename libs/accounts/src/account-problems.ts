import { ProblemException } from '@budgetflow/platform';

/** The local accounts' problem codes, each mapped once to its status and Chinese title. */
export const ACCOUNT_PROBLEMS = {
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

export type AccountProblemCode = keyof typeof ACCOUNT_PROBLEMS;

export const accountProblem = (code: AccountProblemCode, detail?: string, extensions: Record<string, unknown> = {}): ProblemException =>
  new ProblemException(ACCOUNT_PROBLEMS[code].status, code, ACCOUNT_PROBLEMS[code].title, detail, [], extensions);
