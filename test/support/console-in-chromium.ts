import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { openChromium } from './browser';
import { type StartOptions, type StartedService, buildService, freePort, startBuiltService } from './built-service';

export interface ConsoleInChromium {
  /** The service's data directory (removed after the suite). */
  readonly dataDir: string;
  readonly base: string;
  readonly page: Page;
  /** The browser's context (another page of the same browser). */
  readonly context: BrowserContext;
  readonly service: StartedService;
  /** Stops the service and starts it again on the same port and data, with `env` on top of the suite's settings. */
  restart(env: Record<string, string>): Promise<void>;
}

/**
 * A console suite's service and browser in the enclosing `describe`: the built service and console (`buildService`)
 * started in a temp data directory before the tests, Debian's chromium opened on a temp profile; after the tests the
 * browser is closed, the service stopped and both directories removed. Its fields exist once its `beforeAll` ran.
 */
export function useConsoleInChromium(
  name: string,
  service: Omit<StartOptions, 'dataDir' | 'port'>,
  { viewport = { width: 1280, height: 800 }, timeoutMs = 240_000 }: { viewport?: { width: number; height: number }; timeoutMs?: number } = {},
): ConsoleInChromium {
  const dataDir = mkdtempSync(path.join(tmpdir(), `budgetflow-${name}-`));
  const profileDir = mkdtempSync(path.join(tmpdir(), 'budgetflow-chromium-'));
  let port = 0;
  let started: StartedService | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const running = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the console exists only while the tests of its describe run');
    return value;
  };

  beforeAll(async () => {
    buildService({ console: true });
    port = await freePort();
    started = await startBuiltService({ ...service, dataDir, port });
    ({ context, page } = await openChromium(profileDir, viewport));
  }, timeoutMs);

  afterAll(async () => {
    await context?.close();
    await started?.stop();
    for (const dir of [dataDir, profileDir]) rmSync(dir, { recursive: true, force: true });
  });

  return {
    dataDir,
    get base() {
      return running(started).base;
    },
    get page() {
      return running(page);
    },
    get context() {
      return running(context);
    },
    get service() {
      return running(started);
    },
    restart: async (env) => {
      await started?.stop();
      started = await startBuiltService({ ...service, env: { ...service.env, ...env }, dataDir, port });
    },
  };
}

/** Signs in as the demo user of that label, once the page offers to sign out. */
export const signInAsDemoUser = async (page: Page, base: string, label: string): Promise<void> => {
  await page.goto(`${base}/login`);
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
};

/** Signs out, back on the sign-in page. */
export const signOutOfConsole = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '登录' }).waitFor();
};

/** Waits until the page's status badge reads `expected`. */
export const statusBadgeIs = async (page: Page, expected: string): Promise<void> => {
  await page.locator('.page-head .badge', { hasText: expected }).waitFor();
  expect(await page.locator('.page-head .badge').textContent()).toBe(expected);
};
