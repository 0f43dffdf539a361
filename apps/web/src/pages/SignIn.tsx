import { useEffect, useState } from 'react';
import type { Role } from '@budgetflow/contracts';
import { type Session, accountSession, client, orNull, saveSession } from '../api';
import { homeOf } from '../App';
import { Field, Loading, ProblemNotice, useCommand, useLoad } from '../components/common';
import { useRouter } from '../router';

/** Why a sign-in through the identity provider did not work, for the person at the screen. */
const OIDC_ERRORS: Record<string, string> = {
  OIDC_DENIED: '身份认证服务拒绝了登录或登录已取消',
  OIDC_STATE_INVALID: '登录请求已过期或不属于此浏览器，请重新登录',
  OIDC_ROLE_MISSING: '您的统一身份认证账户未配置本系统的角色，请联系管理员',
  OIDC_DEPARTMENT_MISSING: '您的统一身份认证账户未配置部门编码，请联系管理员',
  OIDC_CODE_REFUSED: '身份认证服务未接受登录凭据，请重新登录',
  OIDC_ID_TOKEN_INVALID: '身份认证服务返回的凭据无效，请重新登录',
  OIDC_DISCOVERY_FAILED: '无法连接统一身份认证服务，请稍后重试',
};

/** One demo user of `GET /v1/dev/demo-users`. */
type DemoUser = Awaited<ReturnType<typeof client.demoUsers>>['users'][number];

/**
 * 登录. Without an OIDC issuer people sign in with their local account (`/v1/auth/methods` answers); demo users per
 * role appear only when the service was started with DEMO=1 (`/v1/dev/demo-users`); with an OIDC issuer neither
 * route exists and the page asks for the token the unit's identity provider issued.
 */
export function SignIn() {
  const { navigate } = useRouter();
  const users = useLoad(() => orNull(client.demoUsers({ anonymous: true })), []);
  const methods = useLoad(() => orNull(client.signInMethods({ anonymous: true })), []);
  const command = useCommand();
  const [pasted, setPasted] = useState('');
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');

  // Back from the identity provider: the session cookie is set; ask who signed in (and the CSRF token).
  const params = new URLSearchParams(window.location.search);
  const oidcError = params.get('oidc_error');
  useEffect(() => {
    if (params.get('oidc') !== 'signed-in') return;
    void command.run(async () => {
      const me = await client.me();
      const session = accountSession({ ...me.user, displayName: me.user.displayName ?? me.user.login, mustChangePassword: me.user.mustChangePassword ?? false }, me.csrfToken ?? '');
      saveSession(session);
      navigate(homeOf(session));
    });
    // Once, on arrival.
  }, []);

  const signInWithPassword = () =>
    command.run(async () => {
      const answer = await client.signIn({ login, password }, { anonymous: true });
      const session = accountSession(answer.user, answer.csrfToken);
      saveSession(session);
      setPassword('');
      navigate(session.mustChangePassword ? '/account/password' : homeOf(session));
    });

  const signIn = (user: DemoUser) =>
    command.run(async () => {
      const answer = await client.demoToken({ role: user.role, ...(user.department ? { department: user.department } : {}) }, { anonymous: true });
      const session: Session = { token: answer.token, ...answer.actor, label: user.label };
      saveSession(session);
      navigate(homeOf(session));
    });

  const signInWithToken = () =>
    command.run(async () => {
      const payload = JSON.parse(atob(pasted.split('.')[1]?.replace(/-/g, '+').replace(/_/g, '/') ?? '')) as { sub: string; role: Role; department?: string };
      const session: Session = { token: pasted.trim(), userId: payload.sub, role: payload.role, department: payload.department, label: payload.sub };
      saveSession(session);
      // Any authenticated read proves the token; a refusal signs out again.
      try {
        if (session.role === 'department') await orNull(client.budget({ department: session.department ?? '', year: 2024 }));
        else await client.county({ year: 2024 });
      } catch (error) {
        saveSession(null);
        throw error;
      }
      navigate(homeOf(session));
    });

  return (
    <div className="signin">
      <h1>登录</h1>
      <Loading loading={users.loading || methods.loading} />
      <ProblemNotice problem={command.problem ?? users.problem} fieldsShownInline />
      {oidcError && (
        <div className="notice notice-error" role="alert" data-problem-code={oidcError}>
          <p>
            <strong>统一身份认证登录未成功</strong>：{OIDC_ERRORS[oidcError] ?? '请重试'}
          </p>
        </div>
      )}
      {methods.data?.oidc && (
        <section aria-labelledby="oidc-sign-in">
          <h2 id="oidc-sign-in">统一身份认证</h2>
          <p>使用本单位统一身份认证账户登录。</p>
          <a className="button" href="/v1/auth/oidc/start">
            通过统一身份认证登录
          </a>
        </section>
      )}
      {methods.data?.password && (
        <section aria-labelledby="password-sign-in">
          <h2 id="password-sign-in">账户与密码</h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void signInWithPassword();
            }}
          >
            <Field label="登录名" error={command.fieldError('login')}>
              {(props) => <input {...props} autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} />}
            </Field>
            <Field label="密码" error={command.fieldError('password')}>
              {(props) => <input {...props} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
            </Field>
            <button type="submit" className="button" disabled={command.busy}>
              登录
            </button>
          </form>
          <p className="hint">账户由本单位系统管理员创建；忘记密码请联系管理员重置。</p>
        </section>
      )}
      {users.data ? (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">选择演示用户</h2>
          <p className="hint">演示模式（DEMO=1）：按角色选择一位演示用户登录，无需密码。切勿用于真实数据。</p>
          <ul className="user-list">
            {users.data.users.map((user) => (
              <li key={`${user.role}-${user.department ?? ''}`}>
                <button type="button" className="button" disabled={command.busy} onClick={() => void signIn(user)}>
                  {user.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        !users.loading &&
        !users.problem &&
        !methods.loading &&
        !methods.data && (
          <section aria-labelledby="oidc">
            <h2 id="oidc">统一身份认证</h2>
            <p>请先在单位统一身份认证（OIDC）登录，再将获得的访问令牌粘贴到下方。</p>
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void signInWithToken();
              }}
            >
              <Field label="访问令牌">{(props) => <textarea {...props} rows={4} value={pasted} onChange={(e) => setPasted(e.target.value)} />}</Field>
              <button type="submit" className="button">
                登录
              </button>
            </form>
          </section>
        )
      )}
      <p className="hint">公开的部门预算无需登录：地址为 /public/部门编码/年度，例如 /public/501/2024。</p>
    </div>
  );
}
