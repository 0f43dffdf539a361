import ExcelJS from 'exceljs';
import { worksheetName } from '@budgetflow/execution-application';
import { useTestApp } from '../support/test-app';
import { establishBudget, executionUrl } from './execution-world';

/**
 * Worksheet names come from department names, which may hold characters Excel refuses in a sheet name
 * (`/ * ? : \ [ ]`) or run past 31 characters: the exports still answer 200 with a sheet per department.
 */
describe('monitoring XLSX exports with hostile department names', () => {
  const t = useTestApp();
  let supervisor: string;
  let lastPosition: string;
  const HOSTILE = '馆陶县信访/维稳*办公室?:[甲]\\乙';
  const LONG_A = '馆陶县人民政府办公室信访维稳和群众工作中心服务保障处甲';
  const LONG_B = '馆陶县人民政府办公室信访维稳和群众工作中心服务保障处乙';

  beforeAll(async () => {
    supervisor = await t.token('supervisor', undefined, 'supervisor-li');
    await establishBudget(t, '601', { name: HOSTILE });
    await establishBudget(t, '602', { name: LONG_A });
    lastPosition = await establishBudget(t, '603', { name: LONG_B });
  });

  const load = async (url: string): Promise<ExcelJS.Workbook> => {
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${supervisor}` } });
    expect({ status: response.statusCode, type: response.headers['content-type'] }).toEqual({ status: 200, type: expect.stringContaining('spreadsheetml') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    return workbook;
  };

  it('exports the department table of a department whose name holds / * ? : \\ [ ]', async () => {
    const workbook = await load(`${executionUrl('601')}/monitoring-table.xlsx?asOf=2024-06-30&after=${lastPosition}`);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['601 馆陶县信访_维稳_办公室___甲__乙']);
    expect(String(workbook.worksheets[0].getCell('A1').value)).toContain(HOSTILE);
  });

  it('exports the county table with one uniquely named sheet of at most 31 characters per department', async () => {
    const workbook = await load(`/v1/monitoring/2024/monitoring-table.xlsx?asOf=2024-06-30&after=${lastPosition}`);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(name.length).toBeLessThanOrEqual(31);
    expect(names.some((name) => name.startsWith('602 '))).toBe(true);
  });

  it('keeps sheet names unique when two names agree in their first 31 characters', () => {
    const taken = new Set<string>();
    const first = worksheetName(`601 ${LONG_A}${LONG_A}`, taken);
    const second = worksheetName(`601 ${LONG_A}${LONG_A}`, taken);
    const third = worksheetName('History', taken);
    expect(first).toHaveLength(31);
    expect(second).toHaveLength(31);
    expect(second.endsWith('~2')).toBe(true);
    expect(first).not.toBe(second);
    expect(third).not.toBe('History');
    expect(worksheetName("'quoted'", taken)).toBe('quoted');
  });
});
