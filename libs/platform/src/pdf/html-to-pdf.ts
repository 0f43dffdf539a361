import { existsSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { fixPdfDates } from './pdf-dates';

/** Debian's chromium (`apt-get install chromium fonts-wqy-microhei`); `CHROMIUM_PATH` names another binary. */
export const chromiumPath = (): string => process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';

/**
 * How chromium is started headless, by the service and by the browser suites alike: no sandbox (root in a
 * container), no GPU, and none of the background networking a closed network refuses.
 */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Fonts of the printed page: the HTML asks for 宋体; on Linux the CJK font the image installs stands in. */
const PRINT_FONTS = 'body { font-family: "SimSun", "Songti SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; }';

export interface PdfOptions {
  /** The instant written as CreationDate / ModDate: the same page and instant give the same bytes. */
  date: Date;
}

/**
 * A printable HTML page to PDF with headless chromium through playwright-core (`page.pdf`): A4, backgrounds,
 * page numbers in the footer. One browser per rendering (PDFs are rendered once per published version and
 * cached by the caller), so no browser stays in memory between downloads.
 */
@Injectable()
export class HtmlToPdf {
  /** Whether chromium is installed where the service looks for it. */
  available(): boolean {
    return existsSync(chromiumPath());
  }

  async render(html: string, options: PdfOptions): Promise<Buffer> {
    // Loaded on first use: the service starts (and every other route works) without playwright-core's weight.
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      // The page is the service's own escaped HTML and loads nothing: refuse any request it might still make.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      await page.addStyleTag({ content: PRINT_FONTS });
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        margin: { top: '18mm', bottom: '18mm', left: '15mm', right: '15mm' },
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: '<div style="width:100%;text-align:center;font-size:9px;">— <span class="pageNumber"></span> / <span class="totalPages"></span> —</div>',
      });
      return fixPdfDates(pdf, options.date);
    } finally {
      await browser.close();
    }
  }
}
