import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@budgetflow/platform';
import { ROLES, type Role, loadOrCreateLocalKey, mintLocalToken } from '@budgetflow/platform';

/**
 * `npm run --silent token -- --role admin` / `--role department --department 501`:
 * prints a token the embedded server (same DATA_DIR) accepts.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      user: { type: 'string' },
      ttl: { type: 'string', default: '43200' },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) {
    throw new Error(`用法 usage: npm run token -- --role ${ROLES.join('|')} [--department 501] [--user id] [--ttl seconds]`);
  }
  if (role === 'department' && !values.department) throw new Error('部门用户需要 --department (a department token needs --department)');
  if (!/^\d+$/.test(values.ttl ?? '')) throw new Error('--ttl 必须是秒数');
  const config = loadConfig();
  const { privateKey } = await loadOrCreateLocalKey(config.dataDir);
  const token = await mintLocalToken(privateKey, {
    role,
    department: values.department,
    userId: values.user,
    audience: config.auth.audience,
    ttlSeconds: Number(values.ttl),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(2);
});
