import type { TestApp } from './test-app';

/** A published table as the API serves it. */
export interface ServedTable {
  id: string;
  title: string;
  rows: string[][];
}

export interface PublishedBudget {
  /** The nine tables of the published version, read anonymously as the public reads them. */
  tables: ServedTable[];
  /** The 勾稽 findings of the draft just before it was submitted. */
  draftFindings: Array<{ code: string; severity: string; ref: string; message: string }>;
  /** The budget as `GET /v1/budgets/{department}/{year}?version=1` returns it. */
  budget: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- inspected field by field
}

/**
 * The whole workflow over HTTP for one department: import a budget-facts/1 document as its clerk, read the
 * draft's consistency findings, submit, approve (finance), publish version 1, and read the published tables.
 * Each step must answer 200; the first that does not throws with the problem it answered.
 */
export const importSubmitApprovePublish = async (
  t: TestApp,
  department: string,
  fiscalYear: number,
  document: unknown,
): Promise<PublishedBudget> => {
  const url = `/v1/budgets/${department}/${fiscalYear}`;
  const clerk = await t.token('department', department, `clerk-${department}`);
  const finance = await t.token('finance', undefined, 'finance-zhang');
  const step = async (name: string, response: Promise<{ status: number; text: string; body: any }>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    const answered = await response;
    if (answered.status !== 200) throw new Error(`${name} answered ${answered.status}: ${answered.text}`);
    return answered.body;
  };
  const imported = await step('import', t.request('POST', `${url}/import`, { token: clerk, body: document }));
  let consistency = await t.request('GET', `${url}/consistency?after=${imported.position}`, { token: clerk });
  // 503: the projection is still behind (another suite's long transaction on the shared Postgres): ask again.
  for (let attempt = 0; consistency.status === 503 && attempt < 10; attempt++) {
    consistency = await t.request('GET', `${url}/consistency?after=${imported.position}`, { token: clerk });
  }
  if (consistency.status !== 200) throw new Error(`consistency answered ${consistency.status}: ${consistency.text}`);
  await step('submit', t.request('POST', `${url}/submit`, { token: clerk }));
  await step('approve', t.request('POST', `${url}/approve`, { token: finance }));
  const published = await step('publish', t.request('POST', `${url}/versions/1/publish`, { token: finance }));
  let tables = await t.request('GET', `${url}/tables?version=published&after=${published.position ?? ''}`);
  for (let attempt = 0; tables.status === 503 && attempt < 10; attempt++) {
    tables = await t.request('GET', `${url}/tables?version=published&after=${published.position ?? ''}`);
  }
  if (tables.status !== 200) throw new Error(`tables answered ${tables.status}: ${tables.text}`);
  const budget = await step('read version 1', t.request('GET', `${url}?version=1`, { token: clerk }));
  return { tables: tables.body.tables, draftFindings: consistency.body.findings, budget };
};

/** The body rows of one served table. */
export const rowsOf = (tables: readonly ServedTable[], id: string): string[][] => {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`table ${id} not served`);
  return table.rows;
};

/** The body rows of a table that carry amounts, without the blank 31-class rows of T1 and T4. */
export const rowsWithAmounts = (rows: readonly string[][], amountColumns: readonly number[]): string[][] =>
  rows.filter((row) => amountColumns.some((column) => (row[column] ?? '') !== ''));

/**
 * What a golden test expects of one served table, worked out by hand: its body rows; with `amountColumns` only the
 * rows carrying an amount in one of those columns (T1 and T4 without their blank 类 rows); with `columns` only each
 * row's first cells.
 */
export interface ExpectedTable {
  id: string;
  rows: string[][];
  amountColumns?: readonly number[];
  columns?: number;
}

/** Each expected table against the served one, cell by cell (a failure names the table). */
export const expectTables = (tables: readonly ServedTable[], expected: readonly ExpectedTable[]): void => {
  const served = expected.map(({ id, amountColumns, columns }) => {
    const rows = amountColumns ? rowsWithAmounts(rowsOf(tables, id), amountColumns) : rowsOf(tables, id);
    return { id, rows: columns ? rows.map((row) => row.slice(0, columns)) : rows };
  });
  expect(served).toEqual(expected.map(({ id, rows }) => ({ id, rows })));
};

/**
 * A budget's golden tests in the enclosing `describe`: the document imported, submitted, approved and published
 * (`importSubmitApprovePublish`) before them — the answered object is filled in then —; a test that the draft passed
 * the 勾稽 checks without a single finding (unless `findings: 'own test'`: the suite checks them itself); and one test
 * per entry of `cases` (its title → the tables it expects).
 */
export function usePublishedBudget(
  t: TestApp,
  department: string,
  document: unknown,
  cases: Record<string, readonly ExpectedTable[]>,
  { findings = 'none' }: { findings?: 'none' | 'own test' } = {},
): PublishedBudget {
  const published = {} as PublishedBudget;
  beforeAll(async () => {
    Object.assign(published, await importSubmitApprovePublish(t, department, 2024, document));
  });
  if (findings === 'none') {
    it('passes the 勾稽 checks', () => {
      expect(published.draftFindings).toEqual([]);
    });
  }
  const entries = Object.entries(cases);
  if (entries.length > 0) it.each(entries)('%s', (_, expected) => expectTables(published.tables, expected));
  return published;
}
