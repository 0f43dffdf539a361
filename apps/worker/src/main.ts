import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, PinoNestLogger, appLogger, loadConfig } from '@budgetflow/platform';
import { WorkerModule } from './worker.module';

/**
 * `npm run start:worker`: the reminder planner and the BullMQ processors in their own process, next to api
 * instances started with `RUN_WORKER=false`. Needs `DATABASE_URL` and `REDIS_URL` (the embedded default runs
 * all of this inside `npm start` instead).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    const missing = [config.databaseUrl ? undefined : 'DATABASE_URL', config.redisUrl ? undefined : 'REDIS_URL'].filter(Boolean);
    if (missing.length > 0) throw new ConfigError(missing.map((name) => `${name} 未设置：独立的 worker 需要共享的 Postgres 和 Redis (the worker needs ${name})`));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = new PinoNestLogger(appLogger(config));
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  app.enableShutdownHooks();
  await app.init();
  logger.log('budgetflow worker started: reminder planner and queue processors', 'worker');
}

main().catch((error: unknown) => {
  process.stderr.write(`budgetflow worker 启动失败 / failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
