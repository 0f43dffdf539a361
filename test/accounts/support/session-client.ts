import type { TestApp, TestResponse } from '../../support/test-app';

/** The `Set-Cookie` headers of an answer. */
export const setCookies = (response: TestResponse): string[] => {
  const header = response.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
};

export const sessionCookieOf = (response: TestResponse): string | undefined => {
  const cookie = setCookies(response).find((c) => c.startsWith('budgetflow_session='));
  return cookie?.split(';')[0].slice('budgetflow_session='.length);
};

/**
 * A client that signs in like the console: keeps the session cookie it is given and sends the CSRF token the
 * sign-in answered with every unsafe request (unless told not to).
 */
export class SessionClient {
  cookie?: string;
  csrfToken?: string;

  constructor(private readonly t: TestApp) {}

  async signIn(login: string, password: string): Promise<TestResponse> {
    const response = await this.t.request('POST', '/v1/auth/login', { body: { login, password } });
    const cookie = sessionCookieOf(response);
    if (response.status === 200 && cookie) {
      this.cookie = cookie;
      this.csrfToken = response.body.csrfToken;
    }
    return response;
  }

  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: { body?: unknown; csrf?: string | false; headers?: Record<string, string> } = {}): Promise<TestResponse> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (this.cookie) headers['cookie'] = `budgetflow_session=${this.cookie}`;
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    return this.t.request(method, url, { headers, ...(options.body !== undefined ? { body: options.body } : {}) });
  }

  /** Signs in with a one-time password and chooses `newPassword`, as everyone must before anything else. */
  async firstSignIn(login: string, oneTimePassword: string, newPassword: string): Promise<void> {
    const signedIn = await this.signIn(login, oneTimePassword);
    if (signedIn.status !== 200) throw new Error(`first sign-in of ${login}: ${signedIn.status} ${signedIn.text}`);
    const changed = await this.request('POST', '/v1/auth/password', { body: { currentPassword: oneTimePassword, newPassword } });
    if (changed.status !== 200) throw new Error(`password change of ${login}: ${changed.status} ${changed.text}`);
  }
}
