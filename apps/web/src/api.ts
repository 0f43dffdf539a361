import { type Account, type CountyOverview, type Problem, type Role, contractClient } from '@budgetflow/contracts';

/**
 * The console talks to the service only through its public HTTP API (/v1), with the signed-in user's token. The
 * shapes of what it sends and reads are the API's contracts (`@budgetflow/contracts`), imported as types only.
 */

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  /** Field problems by field path (`amount`, `spendingPlan[1].cumulativePercent`, `projects[0].indicators[3].target` …). */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

/**
 * Who is signed in. Demo users and pasted tokens carry a bearer `token`; a local account signs in with a session
 * cookie the page cannot read (HttpOnly) and sends its `csrfToken` with every write instead.
 */
export interface Session {
  token?: string;
  csrfToken?: string;
  role: Role;
  department?: string;
  userId: string;
  label: string;
  /** Signed in with a one-time password: must choose a password before anything else. */
  mustChangePassword?: boolean;
}

const SESSION_KEY = 'budgetflow.session';

export const loadSession = (): Session | null => {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
};
export const saveSession = (session: Session | null): void => {
  if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(SESSION_KEY);
};

export interface ApiOptions {
  body?: unknown;
  /** Raw body (an uploaded JSON or CSV file) and its content type. */
  raw?: { text: string; contentType: string };
  /** Send without the token (public pages). */
  anonymous?: boolean;
  /** `If-Match`: the stream version the user was shown — the command is refused (412) if the budget changed since. */
  ifMatch?: number;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const session = options.anonymous ? null : loadSession();
  if (session?.token) headers['authorization'] = `Bearer ${session.token}`;
  else if (session?.csrfToken && method !== 'GET') headers['x-csrf-token'] = session.csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
  let body: string | undefined;
  if (options.raw) {
    body = options.raw.text;
    headers['content-type'] = options.raw.contentType;
  } else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', title: '无法连接服务器', detail: '请检查网络后重试' });
  }
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    // A session that ended (expired, signed out elsewhere, user disabled): the next page is the sign-in page.
    if (response.status === 401 && session && !session.token) saveSession(null);
    const problem = (json && typeof json === 'object' ? json : {}) as Partial<Problem>;
    throw new ApiError({ status: response.status, code: problem.code ?? 'HTTP_' + response.status, title: problem.title ?? '请求失败', detail: problem.detail, errors: problem.errors });
  }
  return json as T;
}

/**
 * The API's typed client (`@budgetflow/contracts`): one function per operation, bodies and answers typed by the
 * schemas the server validates with and documents in /docs/openapi.json. Requests go through `api` (the session's
 * token or CSRF token, problems as `ApiError`).
 */
export const client = contractClient<ApiOptions>((method, url, body, options) => api(method, url, { ...options, ...(body !== undefined ? { body } : {}) }));

/** A request answering null on 404 (a budget not opened yet, a route not deployed). */
export async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return null;
    throw error;
  }
}

/** A local account as `GET /v1/users` and `POST /v1/auth/login` answer it. */
export type { Account } from '@budgetflow/contracts';

/** The session of a local account, from the sign-in answer. */
export const accountSession = (user: Pick<Account, 'login' | 'displayName' | 'role' | 'department' | 'mustChangePassword'>, csrfToken: string): Session => ({
  csrfToken,
  userId: user.login,
  role: user.role,
  ...(user.department ? { department: user.department } : {}),
  label: user.displayName,
  mustChangePassword: user.mustChangePassword,
});

/** The same request as `api` but answering null on 404 (a budget not opened yet, a route not deployed yet). */
export async function apiOrNull<T>(method: 'GET', url: string, options: ApiOptions = {}): Promise<T | null> {
  try {
    return await api<T>(method, url, options);
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 404) return null;
    throw error;
  }
}

export const budgetUrl = (department: string, year: number | string) => `/v1/budgets/${encodeURIComponent(department)}/${encodeURIComponent(String(year))}`;

/** 全县汇总: every department's budget of a year (finance, supervisors). */
export const countyOverview = (year: string): Promise<CountyOverview> => client.county({ year });

export const STATUS_NAMES: Record<string, string> = {
  drafting: '编制中',
  submitted: '已报送',
  approved: '已批复',
  published: '已公开',
  none: '未建立',
};

export const DEFAULT_YEAR = 2024;
