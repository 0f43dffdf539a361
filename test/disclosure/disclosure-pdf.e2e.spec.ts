import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { DisclosureTable } from '@budgetflow/budget-projections';
import { pdfDate } from '@budgetflow/platform';
import { createTestApp, type TestApp } from '../support/test-app';
import { BUDGET_URL as B, importFixtureDraftTables, loadBudgetFacts } from '../support/guantao-fixture';

/**
 * The printable disclosure as PDF (issue 16): rendered by Debian's chromium from the same HTML as
 * `disclosure.html`, with the CJK font the project installs (fonts-wqy-microhei), so its text layer carries the
 * nine tables' titles; one published version always downloads as the same bytes, dated by its publication; drafts
 * stay private as in every other format; without chromium the answer is 503 in Chinese naming what to install.
 * The text is read back with poppler's `pdftotext` (poppler-utils, installed by .ci/run).
 */

/** The text of a PDF as poppler extracts it, without white space (CJK titles may wrap inside table cells). */
const pdfText = (pdf: Buffer): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'budgetflow-pdf-'));
  try {
    const file = path.join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

describe('the disclosure as PDF (chromium on the server)', () => {
  let t: TestApp;
  let dept: string;
  let otherDept: string;
  let finance: string;
  let tables: DisclosureTable[];
  let publishedAt: string;

  const download = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    t = await createTestApp();
    dept = await t.token('department', '501', 'clerk-501');
    otherDept = await t.token('department', '502', 'clerk-502');
    finance = await t.token('finance', undefined, 'finance-zhang');
    tables = await importFixtureDraftTables(t, dept);
  });
  afterAll(() => t.close());

  it('the draft: the department downloads it; another department and outsiders learn nothing (404)', async () => {
    const own = await download(`${B}/disclosure.pdf?version=draft`, dept);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toContain('budget-501-2024-draft.pdf');
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Drafts are rendered afresh on every download (never cached): two printings are still the same bytes.
    const again = await download(`${B}/disclosure.pdf?version=draft`, dept);
    expect(again.rawPayload.equals(own.rawPayload)).toBe(true);
    for (const token of [otherDept, undefined]) {
      const refused = await download(`${B}/disclosure.pdf?version=draft`, token);
      expect(refused.statusCode).toBe(404);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().code).toBe('NOT_FOUND');
    }
    // Version 1 does not exist yet: the same 404 for everyone.
    expect((await download(`${B}/versions/1/document.pdf`, dept)).statusCode).toBe(404);
  }, 120_000);

  it('an approved but unpublished version is the department’s and finance’s only', async () => {
    expect((await t.request('POST', `${B}/submit`, { token: dept })).status).toBe(200);
    const approved = await t.request('POST', `${B}/approve`, { token: finance });
    expect(approved.status).toBe(200);
    const url = `${B}/versions/1/document.pdf?after=${approved.body.position}`;
    expect((await download(url, otherDept)).statusCode).toBe(404);
    expect((await download(url)).statusCode).toBe(404);
    const own = await download(url, finance);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-disposition']).toContain('budget-501-2024-v1.pdf');
  }, 120_000);

  it('a published version: public, the nine tables and the goal tables in its text, the same bytes every time', async () => {
    const published = await t.request('POST', `${B}/versions/1/publish`, { token: finance });
    expect(published.status).toBe(200);
    // Two readers at once: one rendering, the same bytes for both.
    const [first, concurrent] = await Promise.all([download(`${B}/versions/1/document.pdf?after=${published.body.position}`), download(`${B}/disclosure.pdf?version=1&after=${published.body.position}`)]);
    expect(concurrent.statusCode).toBe(200);
    expect(concurrent.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    expect(first.headers['cache-control']).toContain('public');
    const pdf = first.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const text = pdfText(pdf);
    expect(tables).toHaveLength(9);
    for (const table of tables) expect([table.id, text.includes(table.title.replace(/\s+/g, ''))]).toEqual([table.id, true]);
    const facts = loadBudgetFacts();
    expect(text).toContain(`${facts.department.name}2024年部门预算公开`.replace(/\s+/g, ''));
    expect(text).toContain('第1版（已公开）');
    expect(text).toContain('律师陪访经费绩效目标表');
    expect(text).toContain('机关运行经费');

    // Dated by its publication, not by the moment chromium printed it.
    const budget = await t.request('GET', `${B}?version=draft`, { token: finance });
    publishedAt = budget.body.versions.find((v: { version: number }) => v.version === 1).publishedAt;
    expect(publishedAt).toBeDefined();
    expect(pdf.toString('latin1')).toContain(`/CreationDate (${pdfDate(new Date(publishedAt))})`);
    expect(pdf.toString('latin1')).toContain(`/ModDate (${pdfDate(new Date(publishedAt))})`);

    const second = await download(`${B}/versions/1/document.pdf`, dept);
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(pdf)).toBe(true);
    // The public route of the latest publication is the same document, byte for byte.
    const latest = await download(`${B}/disclosure.pdf`);
    expect(latest.statusCode).toBe(200);
    expect(latest.rawPayload.equals(pdf)).toBe(true);
    // The ETag of a published version: a second look costs nothing.
    const again = await t.app.inject({ method: 'GET', url: `${B}/versions/1/document.pdf`, headers: { 'if-none-match': String(first.headers['etag']) } });
    expect(again.statusCode).toBe(304);
  }, 120_000);

  it('a version that is not a number is refused with a field error', async () => {
    const response = await t.request('GET', `${B}/versions/draft/document.pdf`, { token: dept });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['version']);
  });

  it('without chromium: 503 problem+json in Chinese that says what to install, nothing cached', async () => {
    const saved = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = '/nonexistent/chromium';
    try {
      const response = await t.request('GET', `${B}/disclosure.pdf?version=draft`, { token: dept });
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.code).toBe('SERVICE_UNAVAILABLE');
      expect(response.body.detail ?? response.body.title).toContain('chromium');
      expect(`${response.body.title}${response.body.detail}`).toContain('fonts-wqy-microhei');
    } finally {
      if (saved === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = saved;
    }
    expect((await download(`${B}/disclosure.pdf?version=draft`, dept)).statusCode).toBe(200);
  }, 120_000);
});
