import { type BrowserContext, type Page, chromium } from 'playwright-core';

/**
 * Debian's chromium (installed by .ci/run) driven by playwright-core: headless, no sandbox (root in CI), and without
 * the background networking this machine's closed network refuses. One page, Chinese locale, 15 s per action.
 */
export async function openChromium(profileDir: string, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
    locale: 'zh-CN',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return { context, page };
}
