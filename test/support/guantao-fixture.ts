import { readFileSync } from 'fs';
import { join } from 'path';
import { Decimal } from '@budgetflow/budget-domain';
import { type TestApp, getCaughtUp } from './test-app';

/**
 * The 馆陶县信访局 2024 fixture (department 501) as the HTTP e2e and golden specs use it: the budget-facts/1
 * document, the published tables, and the cell comparison of the golden test (whitespace inside cells ignored).
 */
const fixtureDir = join(__dirname, '../fixtures/guantao-xinfang-2024');

export const DEPARTMENT = '501';
export const FISCAL_YEAR = 2024;
export const BUDGET_URL = `/v1/budgets/${DEPARTMENT}/${FISCAL_YEAR}`;
export const TABLE_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'] as const;

/** A fresh copy of the budget-facts/1 document each call (tests may not share a mutated object). */
export const loadBudgetFacts = (): Record<string, any> => JSON.parse(readFileSync(join(fixtureDir, 'budget-facts.json'), 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The fixture imported as 501's clerk (`token`); answers the import's position. A refused import throws with the
 * problem it answered (nothing after it could pass).
 */
export const importFixture = async (t: TestApp, token: string): Promise<string> => {
  const imported = await t.request('POST', `${BUDGET_URL}/import`, { token, body: loadBudgetFacts() });
  if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${imported.text}`);
  return imported.body.position;
};

/** The fixture imported as 501's clerk, and its draft's nine tables as of that import (the answer must be 200). */
export const importFixtureDraftTables = async <Table>(t: TestApp, token: string): Promise<Table[]> => {
  const response = await getCaughtUp(t, `${BUDGET_URL}/tables`, { token, after: await importFixture(t, token), attempts: 5 });
  expect(response.status).toBe(200);
  return response.body.tables;
};

export interface PublishedEntry {
  title: string;
  rows?: string[][];
  text?: string[];
}

export const loadPublishedTables = (): PublishedEntry[] => JSON.parse(readFileSync(join(fixtureDir, 'published-tables.json'), 'utf8'));

export const normaliseCell = (cell: string): string => String(cell).replace(/\s+/g, '');

/** The body rows of a published table: everything after the row whose first cell is 栏次. */
export const bodyAfterColumnNumbers = (rows: string[][]): string[][] => {
  const columnNumbers = rows.findIndex((row) => normaliseCell(row[0] ?? '') === '栏次');
  if (columnNumbers < 0) throw new Error('published table has no 栏次 row');
  return rows.slice(columnNumbers + 1);
};

/** The first row where two tables differ (whitespace inside cells ignored), as a readable message; `null` when equal. */
export const firstDifference = (label: string, expected: string[][], actual: string[][]): string | null => {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const want = expected[i];
    const got = actual[i];
    if (want === undefined || got === undefined || JSON.stringify(want.map(normaliseCell)) !== JSON.stringify(got.map(normaliseCell))) {
      return `${label} row ${i} differs\n  expected: ${JSON.stringify(want)}\n  actual:   ${JSON.stringify(got)}`;
    }
  }
  return null;
};

/** A wire amount in 元 (a decimal string, with or without trailing decimals) normalised to two decimals for comparison. */
export const yuan = (amount: unknown): string => {
  if (typeof amount !== 'string' && typeof amount !== 'number') throw new Error(`not an amount: ${JSON.stringify(amount)}`);
  return new Decimal(amount).toFixed(2);
};
