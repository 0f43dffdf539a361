import { useState } from 'react';
import type { ActorView, Role } from '@budgetflow/contracts';
import { type Session, api, apiOrNull, saveSession } from '../api';
import { homeOf } from '../App';
import { Field, Loading, ProblemNotice, useCommand, useLoad } from '../components/common';
import { useRouter } from '../router';

interface DemoUser {
  role: Role;
  department?: string;
  label: string;
}

/**
 * 登录. In the embedded default the service offers demo users per role (`/v1/dev/demo-users`); with an OIDC issuer
 * that route does not exist and the page asks for the token the unit's identity provider issued.
 */
export function SignIn() {
  const { navigate } = useRouter();
  const users = useLoad(() => apiOrNull<{ users: DemoUser[] }>('GET', '/v1/dev/demo-users', { anonymous: true }), []);
  const command = useCommand();
  const [pasted, setPasted] = useState('');

  const signIn = (user: DemoUser) =>
    command.run(async () => {
      const answer = await api<{ token: string; actor: ActorView }>('POST', '/v1/dev/demo-token', {
        anonymous: true,
        body: { role: user.role, ...(user.department ? { department: user.department } : {}) },
      });
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
        if (session.role === 'department') await apiOrNull('GET', `/v1/budgets/${session.department}/2024`);
        else await api('GET', '/v1/budgets?year=2024');
      } catch (error) {
        saveSession(null);
        throw error;
      }
      navigate(homeOf(session));
    });

  return (
    <div className="signin">
      <h1>登录</h1>
      <Loading loading={users.loading} />
      <ProblemNotice problem={command.problem ?? users.problem} />
      {users.data ? (
        <section aria-labelledby="demo-users">
          <h2 id="demo-users">选择演示用户</h2>
          <p className="hint">本机内嵌配置：按角色选择一位演示用户登录（生产环境使用单位统一身份认证）。</p>
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
        !users.problem && (
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
