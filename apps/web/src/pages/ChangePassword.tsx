import { useState } from 'react';
import { client, loadSession, saveSession } from '../api';
import { homeOf } from '../App';
import { Field, ProblemNotice, useCommand } from '../components/common';
import { useRouter } from '../router';

/** 设置新密码 — after a one-time password (first start, new user, reset) the user chooses their own, before anything else. */
export function ChangePassword() {
  const { navigate } = useRouter();
  const session = loadSession();
  const command = useCommand();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const change = () => {
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    void command.run(async () => {
      const answer = await client.changePassword({ currentPassword: current, newPassword: next });
      if (session) {
        const updated = { ...session, mustChangePassword: answer.user.mustChangePassword };
        saveSession(updated);
        navigate(homeOf(updated));
      }
    });
  };

  return (
    <div className="signin">
      <h1>设置新密码</h1>
      {session?.mustChangePassword && <p className="notice notice-info">您使用的是一次性密码，请先设置自己的密码（至少 10 个字符，不能包含登录名）。</p>}
      <ProblemNotice problem={command.problem} fieldsShownInline />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change();
        }}
      >
        <Field label="当前密码（或一次性密码）" error={command.fieldError('currentPassword')}>
          {(props) => <input {...props} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />}
        </Field>
        <Field label="新密码" error={command.fieldError('newPassword')}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />}
        </Field>
        <Field label="再次输入新密码" error={mismatch ? '两次输入的新密码不一致' : undefined}>
          {(props) => <input {...props} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} />}
        </Field>
        <button type="submit" className="button" disabled={command.busy}>
          保存新密码
        </button>
      </form>
    </div>
  );
}
