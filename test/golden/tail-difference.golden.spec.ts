import { getCaughtUp, useTestApp, useTokens } from '../support/test-app';
import { rowsOf, type ServedTable } from '../support/real-budget-workflow';
import { ODD_FEN_T3_EACH_CELL, oddFenBudget } from '../support/odd-fen-budget';

/**
 * 尾差调整 as an explicit per-year setting: the odd-fen budget (odd-fen-budget.golden.spec.ts) printed both ways.
 * Each cell on its own (the default), 201 prints 1161.75 + 50.37 against 1212.11. With `tail-difference` the row's
 * largest part takes the rounding remainder: 1161.74 + 50.37 = 1212.11, and down the column 1161.74 + 0.01 = 1161.75.
 * The expected cells were worked out by hand from the exact amounts (万元: 1161.746472, 50.367037, 0.005).
 */
const EACH_CELL_T3 = ODD_FEN_T3_EACH_CELL;
/** The table with some cells changed: [row, column, printed] each, a change of what the table printed. */
const withCells = (rows: readonly string[][], changes: ReadonlyArray<[number, number, string]>): string[][] => {
  const changed = rows.map((row) => [...row]);
  for (const [row, column, printed] of changes) {
    if (changed[row][column] === printed) throw new Error(`T3[${row}][${column}] is ${printed} already`);
    changed[row][column] = printed;
  }
  return changed;
};
/** With 尾差调整 the largest part takes the remainder: 基本支出 of 201 and 20140 prints 1161.74, and so do 2014001's 合计 and 基本支出. */
const TAIL_DIFFERENCE_T3 = withCells(EACH_CELL_T3, [[1, 4, '1161.74'], [2, 4, '1161.74'], [3, 3, '1161.74'], [3, 4, '1161.74']]);

const URL = '/v1/budgets/601/2024';
const SETTINGS = '/v1/disclosure-settings/2024';

describe('尾差调整: the odd-fen budget printed both ways (golden)', () => {
  const t = useTestApp();
  const tokens = useTokens(t, { clerk: ['department', '601', 'clerk-601'], finance: ['finance', undefined, 'finance-zhang'] });

  const read = async (path: string, token?: string, after?: string) => {
    const response = await getCaughtUp(t, path, { token, after });
    expect(response.status).toBe(200);
    return response.body;
  };
  const tablesOf = async (query: string, after?: string): Promise<ServedTable[]> => (await read(`${URL}/tables${query}`, tokens.clerk, after)).tables;
  const setRounding = async (rounding: string, ifMatch: number) => {
    const response = await t.request('PUT', SETTINGS, { token: tokens.finance, body: { rounding }, headers: { 'if-match': `"${ifMatch}"` } });
    expect(response.status).toBe(200);
    return response.body as { rounding: string; version: number; changed: boolean; position?: string };
  };

  beforeAll(async () => {
    const imported = await t.request('POST', `${URL}/import`, { token: tokens.clerk, body: oddFenBudget });
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${imported.text}`);
    await read(`${URL}/tables`, tokens.clerk, imported.body.position);
  });

  it('by default each cell is rounded on its own, and the setting says so', async () => {
    expect(await read(SETTINGS, tokens.clerk)).toEqual({ fiscalYear: 2024, rounding: 'each-cell', version: 0 });
    expect(rowsOf(await tablesOf(''), 'T3')).toEqual(EACH_CELL_T3);
  });

  it('only finance changes it, with a known value and the current version', async () => {
    const byClerk = await t.request('PUT', SETTINGS, { token: tokens.clerk, body: { rounding: 'tail-difference' } });
    expect(byClerk.status).toBe(403);
    expect(byClerk.body.code).toBe('FORBIDDEN_ROLE');
    const unknown = await t.request('PUT', SETTINGS, { token: tokens.finance, body: { rounding: 'largest-remainder' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('PRINT_ROUNDING_UNKNOWN');
    expect(JSON.stringify(unknown.body)).toContain('rounding');
    const stale = await t.request('PUT', SETTINGS, { token: tokens.finance, body: { rounding: 'tail-difference' }, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect((await read(SETTINGS, tokens.clerk)).version).toBe(0);
  });

  it('with 尾差调整 the draft prints parts that add up, totals unchanged, and the rounding notes are gone', async () => {
    const changed = await setRounding('tail-difference', 0);
    expect(changed).toMatchObject({ rounding: 'tail-difference', version: 1, changed: true });
    const tables = await tablesOf('', changed.position);
    expect(rowsOf(tables, 'T3')).toEqual(TAIL_DIFFERENCE_T3);
    expect(rowsOf(tables, 'T5')).toEqual(TAIL_DIFFERENCE_T3.map((row) => row.slice(0, 6)));
    // Every printed row adds up: 合计 = 基本 + 项目.
    for (const row of rowsOf(tables, 'T3')) expect(((Number(row[4] || 0) * 100 + Number(row[5] || 0) * 100) / 100).toFixed(2)).toBe(row[3]);
    const { findings } = await read(`${URL}/consistency`, tokens.clerk);
    expect(findings.filter((finding: { code: string }) => finding.code === 'PRINTED_ROUNDING_DIFFERENCE')).toEqual([]);
    // The narrative says what the table prints.
    const disclosure = await read(`${URL}/disclosure`, tokens.clerk);
    expect(disclosure.narrative.text).toContain('其中基本支出1161.75万元');
    // The same settings again are nothing new.
    expect(await setRounding('tail-difference', 1)).toMatchObject({ version: 1, changed: false });
  });

  it('an approved version keeps the setting it was approved with; the draft follows later changes', async () => {
    expect((await t.request('POST', `${URL}/submit`, { token: tokens.clerk })).status).toBe(200);
    const approved = await t.request('POST', `${URL}/approve`, { token: tokens.finance });
    expect(approved.status).toBe(200);
    expect(rowsOf(await tablesOf('?version=1', approved.body.position), 'T3')).toEqual(TAIL_DIFFERENCE_T3);

    const back = await setRounding('each-cell', 1);
    expect(back).toMatchObject({ rounding: 'each-cell', version: 2, changed: true });
    expect(rowsOf(await tablesOf('', back.position), 'T3')).toEqual(EACH_CELL_T3);
    expect(rowsOf(await tablesOf('?version=1'), 'T3')).toEqual(TAIL_DIFFERENCE_T3);
  });
});
