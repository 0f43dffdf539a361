import 'reflect-metadata';
import { ConfigError, loadConfig } from '@budgetflow/config';
import { createApp, listen } from './create-app';

/** `npm start`: the whole service in one process (api, projections, reminders) on the configured store. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await listen(app, config);
}

main().catch((error: unknown) => {
  process.stderr.write(`budgetflow 启动失败 / failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
