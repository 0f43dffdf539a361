import { useState } from 'react';
import type { Role } from '@budgetflow/contracts';
import { type Account, client } from '../../api';
import { Done, Field, Loading, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { DataTable } from '../../components/DataTable';

const ROLE_NAMES: Record<Role, string> = { department: '部门经办人', finance: '财政', supervisor: '监督', admin: '管理员' };

/** A one-time password the administrator hands over: shown on this page once, never stored by the console. */
interface Handover {
  login: string;
  password: string;
  why: string;
}

/** 用户管理 — the administrator creates local accounts, resets passwords, disables and enables users. */
export function Users() {
  const users = useLoad(() => client.users(), []);
  const create = useCommand();
  const action = useCommand();
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('department');
  const [department, setDepartment] = useState('');
  const [handover, setHandover] = useState<Handover>();

  const submit = () =>
    create.run(async () => {
      const answer = await client.createUser({ login, displayName, role, ...(role === 'department' ? { department } : {}) });
      setHandover({ login: answer.user.login, password: answer.oneTimePassword, why: '新用户' });
      setLogin('');
      setDisplayName('');
      setDepartment('');
      await users.reload();
    });
  const reset = (user: Account) =>
    action.run(async () => {
      const answer = await client.resetPassword(user.login);
      setHandover({ login: user.login, password: answer.oneTimePassword, why: '重置密码' });
      await users.reload();
    });
  const toggle = (user: Account) =>
    action.run(async () => {
      await (user.disabled ? client.enableUser(user.login) : client.disableUser(user.login));
      await users.reload();
    }, user.disabled ? `已启用 ${user.login}` : `已停用 ${user.login}，其会话已失效`);

  return (
    <>
      <h1>用户管理</h1>
      {handover && (
        <div className="notice notice-ok" role="status" aria-live="polite">
          <p>
            {handover.why}：登录名 <strong>{handover.login}</strong>，一次性密码 <code className="one-time-password">{handover.password}</code>
          </p>
          <p>请当面或通过安全渠道交给本人；此密码只显示这一次，首次登录后须设置新密码。</p>
        </div>
      )}
      <ProblemNotice problem={action.problem ?? users.problem} />
      <Done message={action.done} />
      <section className="card" aria-labelledby="new-user">
        <h2 id="new-user">新建用户</h2>
        <ProblemNotice problem={create.problem} fieldsShownInline />
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <Field label="登录名" hint="2–32 位小写字母、数字或 . _ -" error={create.fieldError('login')}>
            {(props) => <input {...props} autoComplete="off" value={login} onChange={(e) => setLogin(e.target.value)} />}
          </Field>
          <Field label="姓名" error={create.fieldError('displayName')}>
            {(props) => <input {...props} autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
          <Field label="角色" error={create.fieldError('role')}>
            {(props) => (
              <select {...props} value={role} onChange={(e) => setRole(e.target.value as Role)}>
                {(Object.keys(ROLE_NAMES) as Role[]).map((r) => (
                  <option key={r} value={r}>
                    {ROLE_NAMES[r]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {role === 'department' && (
            <Field label="部门编码" error={create.fieldError('department')}>
              {(props) => <input {...props} autoComplete="off" value={department} onChange={(e) => setDepartment(e.target.value)} />}
            </Field>
          )}
          <button type="submit" className="button" disabled={create.busy}>
            创建用户
          </button>
        </form>
      </section>
      <section className="card" aria-labelledby="user-table">
        <h2 id="user-table">全部用户</h2>
        <Loading loading={users.loading} />
        {users.data && (
          <DataTable
            label="用户列表"
            caption="全部用户"
            rows={users.data.users}
            rowKey="login"
            columns={[
              { header: '登录名', rowHeader: true, cell: (user) => user.login },
              { header: '姓名', cell: (user) => user.displayName },
              { header: '角色', cell: (user) => ROLE_NAMES[user.role] },
              { header: '部门', cell: (user) => user.department ?? '—' },
              { header: '状态', cell: (user) => (user.disabled ? '已停用' : user.mustChangePassword ? '待设置密码' : '正常') },
              {
                header: '操作',
                cell: (user) => (
                  <>
                    <button type="button" className="button button-small button-secondary" disabled={action.busy} onClick={() => void reset(user)} aria-label={`重置 ${user.login} 的密码`}>
                      重置密码
                    </button>
                    <button type="button" className="button button-small button-secondary" disabled={action.busy} onClick={() => void toggle(user)} aria-label={`${user.disabled ? '启用' : '停用'} ${user.login}`}>
                      {user.disabled ? '启用' : '停用'}
                    </button>
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
