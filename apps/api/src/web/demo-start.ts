import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CLOCK, type Clock, ConfigError, type ServiceConfig } from '@budgetflow/platform';
import { loadOrCreateLocalKey } from '@budgetflow/platform';
import { shanghaiDate } from '@budgetflow/execution-domain';
import { loadDemoCounty } from './demo-county';

/** `DEMO=1`: load the demo county on start. Only `1`, `0` or unset; only without an OIDC issuer (demo users are local). */
export function demoRequested(env: Record<string, string | undefined>, config: ServiceConfig): boolean {
  const raw = env['DEMO']?.trim() ?? '';
  if (raw === '' || raw === '0') return false;
  if (raw !== '1') throw new ConfigError([`DEMO="${raw}" 必须是 1 或 0 (must be 1 or 0)`]);
  if (config.auth.issuer) throw new ConfigError(['DEMO=1 只能用于内嵌默认配置，不能与 AUTH_ISSUER 同时设置 (DEMO=1 cannot be combined with AUTH_ISSUER)']);
  return true;
}

export async function startDemo(app: NestFastifyApplication, config: ServiceConfig): Promise<void> {
  const logger = new Logger('Demo');
  const { privateKey } = await loadOrCreateLocalKey(config.dataDir);
  const today = shanghaiDate(app.get<Clock>(CLOCK)());
  await loadDemoCounty(app, { privateKey, audience: config.auth.audience }, (message) => logger.log(message), today);
}
