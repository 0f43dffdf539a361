import { Logger } from '@nestjs/common';
import { START_UP_ORIGIN, recordAccountEvent } from './account-audit';
import type { AccountStore } from './account-store';
import { hashPassword, oneTimePassword } from './passwords';

export const FIRST_ADMIN_LOGIN = 'admin';

/**
 * 首次启动 — with no administrator yet, creates `admin` with a random one-time password and prints it once, loudly,
 * in the log. It signs in once; the administrator must then choose a password. Never a fixed default. Several
 * instances starting together create it once (an advisory lock), and only the one that created it prints it.
 * Lost before first use? `npm run token -- --role admin` signs an operator in with a bearer token, who resets it.
 */
export async function ensureFirstAdmin(store: AccountStore, logger = new Logger('Accounts')): Promise<boolean> {
  if (await store.hasAdmin()) return false;
  const password = oneTimePassword();
  const passwordHash = await hashPassword(password);
  const created = await store.sql.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('budgetflow.local-admins', 0))`);
    if (await store.hasAdmin(tx)) return false;
    const inserted = await store.insert(tx, { login: FIRST_ADMIN_LOGIN, displayName: '系统管理员', role: 'admin', passwordHash, createdBy: 'first-start' });
    if (!inserted) return false;
    await recordAccountEvent(tx, START_UP_ORIGIN, { kind: 'ADMIN_CREATED', reason: `user=${FIRST_ADMIN_LOGIN} first start`, status: 201 });
    return true;
  });
  if (created) {
    logger.warn(
      `首次启动：已创建管理员账户 ${FIRST_ADMIN_LOGIN}，一次性密码 ${password}（只显示这一次；登录后须设置新密码）` +
        ` — FIRST START: administrator "${FIRST_ADMIN_LOGIN}" created, one-time password ${password} (shown once; sign in at /login and choose a new password)`,
    );
  }
  return created;
}
