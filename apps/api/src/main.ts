import 'reflect-metadata';
import { ConfigError, loadConfig } from '@budgetflow/platform';
import { createApp, listen } from './create-app';
import { demoRequested, startDemo } from './web/demo-start';

/** `npm start`: the whole service in one process (api, projections, reminders) on the configured store. */
async function main(): Promise<void> {
  let config;
  let demo = false;
  try {
    config = loadConfig();
    demo = demoRequested(process.env, config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  if (demo) await startDemo(app, config);
  await listen(app, config);
}

main().catch((error: unknown) => {
  process.stderr.write(`budgetflow 启动失败 / failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
