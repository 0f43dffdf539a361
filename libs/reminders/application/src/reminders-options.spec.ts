import { ConfigError, loadConfig } from '@budgetflow/platform';
import { remindersOptionsFrom } from './reminders-options';

describe('reminders configuration', () => {
  it('embedded default: in-process scheduler, worker on, no email', () => {
    const options = remindersOptionsFrom(loadConfig({}));
    expect(options).toMatchObject({ redisUrl: undefined, runWorker: true, smtpUrl: undefined, webhookMaxAttempts: 6, webhookRetryBaseMs: 30_000, queuePrefix: 'budgetflow' });
  });

  it('reads the worker switch, SMTP and webhook settings', () => {
    const options = remindersOptionsFrom(
      loadConfig({ REDIS_URL: 'redis://r:6379', RUN_WORKER: 'false', SMTP_URL: 'smtp://mail:2525', SMTP_FROM: 'yusuan@czj.gov.cn', WEBHOOK_MAX_ATTEMPTS: '3', WEBHOOK_RETRY_BASE_MS: '500' }),
    );
    expect(options).toMatchObject({ redisUrl: 'redis://r:6379', runWorker: false, smtpUrl: 'smtp://mail:2525', mailFrom: 'yusuan@czj.gov.cn', webhookMaxAttempts: 3, webhookRetryBaseMs: 500 });
  });

  it.each([
    [{ RUN_WORKER: 'perhaps' }, 'RUN_WORKER'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ WEBHOOK_MAX_ATTEMPTS: '0' }, 'WEBHOOK_MAX_ATTEMPTS'],
    [{ REMINDER_RECONCILE_MS: '-1' }, 'REMINDER_RECONCILE_MS'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
