import { client, orNull } from '../../api';
import { Loading, ProblemNotice, useCommand, useLoad } from '../../components/common';
import { Card } from '../../components/Card';

/** `2024-06-27T01:00:00Z` → `2024-06-27 09:00` (Beijing time, fixed UTC+8 like the reminder calendar). */
const shanghaiTime = (instant: string): string => {
  const time = new Date(instant);
  return Number.isNaN(time.getTime()) ? instant : new Date(time.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
};

/** 消息提醒: the signed-in user's reminders and warnings (/v1/notifications); each can be marked read. */
export function Inbox() {
  const inbox = useLoad(() => orNull(client.inbox()), []);
  const command = useCommand();
  const list = inbox.data?.notifications ?? [];
  return (
    <Card id="inbox-title" title="消息提醒">
      <Loading loading={inbox.loading} />
      <ProblemNotice problem={inbox.problem ?? command.problem} />
      {inbox.data === null && <p className="notice notice-info">提醒服务尚未开放。</p>}
      {inbox.data && list.length === 0 && <p>没有消息。</p>}
      <ul className="inbox">
        {list.map((n) => (
          <li key={n.id} className={n.read ? '' : 'unread'}>
            <h3>
              {n.read ? '' : '【未读】'}
              {n.title}
            </h3>
            <p>{n.body}</p>
            <p className="hint">{shanghaiTime(n.createdAt)}</p>
            {!n.read && (
              <button type="button" className="button button-small" onClick={() => void command.run(() => client.markRead(n.id)).then(() => inbox.reload())}>
                标为已读
              </button>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
