import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '@budgetflow/platform';

/**
 * Debian's chromium (installed by .ci/run) driven by playwright-core, started as the service starts it for PDFs
 * (`CHROMIUM_ARGS`): headless, no sandbox (root in CI), without the background networking a closed network refuses.
 * One page, Chinese locale, 15 s per action.
 */
export async function openChromium(profileDir: string, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return { context, page };
}
