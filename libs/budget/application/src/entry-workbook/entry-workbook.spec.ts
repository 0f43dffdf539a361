import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type BudgetContent, contentToWire, parseBudgetFacts } from '@budgetflow/budget-domain';
import { parseStarterCatalogCsv } from '../catalog/catalog-entries';
import { readEntryWorkbook } from './read-entry-workbook';
import { writeEntryWorkbook } from './write-entry-workbook';

const root = join(__dirname, '../../../../..');
const fixture = (): BudgetContent => {
  const parsed = parseBudgetFacts(JSON.parse(readFileSync(join(root, 'test/fixtures/guantao-xinfang-2024/budget-facts.json'), 'utf8')));
  if (!parsed.ok) throw new Error('fixture does not parse');
  return parsed.document.content;
};
const catalog = parseStarterCatalogCsv(readFileSync(join(root, 'catalog/classification-2024-observed.csv'), 'utf8'));

const workbookOf = async (content: BudgetContent | undefined) =>
  writeEntryWorkbook({ fiscalYear: 2024, department: fixture().department, units: [], ...(content ? { content } : {}), catalog });

/** Opens a written workbook, lets `edit` change it as a clerk would, and saves it again. */
const edited = async (bytes: Buffer, edit: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  edit(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** The parts of a budget the workbook carries, as JSON. */
const carried = (content: BudgetContent) => {
  const wire = contentToWire(content);
  return { department: wire.department, fiscalYear: wire.fiscalYear, income: wire.income, carryOver: wire.carryOver, basicExpenditureLines: wire.basicExpenditureLines.map(({ lineId: _id, ...line }) => line), projects: wire.projects, procurement: wire.procurement };
};

describe('entry workbook', () => {
  it('reads back exactly the budget it was written from', async () => {
    const content = fixture();
    const read = await readEntryWorkbook(await workbookOf(content));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const parsed = parseBudgetFacts(read.document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(carried(parsed.document.content)).toEqual(carried(content));
  });

  it('round-trips units, carry-over spending, project lines and procurement too', async () => {
    const base = fixture();
    const [first, ...rest] = base.basicExpenditureLines;
    const [project, ...otherProjects] = base.projects;
    const content: BudgetContent = {
      ...base,
      units: [{ code: '501001', name: '信访接待中心', unitKind: '事业', parent: '501' }],
      carryOver: { fromLastYear: first.amount, toNextYear: base.carryOver.toNextYear.plus(12.5) },
      basicExpenditureLines: [{ ...first, fromCarryOver: true, unit: '501001' }, ...rest],
      projects: [
        { ...project, unit: '501001', otherFunds: project.amount.minus(1), fiscalFunds: project.amount.minus(project.amount.minus(1)), lines: [{ functionalCode: project.functionalCode, economicCode: '30201', fundSource: project.fundSource, amount: project.amount }] },
        ...otherProjects,
      ],
      procurement: [{ item: '办公电脑', category: 'A02010104', amount: project.amount, fundSource: '一般公共预算拨款', project: project.code }, { item: '复印纸', amount: first.amount.dividedBy(100), fromCarryOver: true }],
    };
    const bytes = await writeEntryWorkbook({ fiscalYear: 2024, department: content.department, units: content.units!, content, catalog });
    const read = await readEntryWorkbook(bytes, content.units);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const parsed = parseBudgetFacts(read.document);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(carried(parsed.document.content)).toEqual(carried(content));
    expect(contentToWire(parsed.document.content).units).toEqual(contentToWire(content).units);
  });

  it('has the six entry sheets with Chinese headers, a 说明 and a hidden 代码表 behind the drop-downs', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await workbookOf(fixture())) as unknown as ArrayBuffer);
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(['说明', '收入', '基本支出', '项目', '绩效指标', '用款计划', '政府采购', '代码表']));
    expect(workbook.getWorksheet('代码表')!.state).toBe('hidden');
    const basic = workbook.getWorksheet('基本支出')!;
    expect(basic.getRow(1).getCell(2).value).toBe('部门预算支出经济分类科目');
    expect(basic.getCell('B2').value).toBe('30101 基本工资');
    const validation = basic.getCell('B40').dataValidation;
    expect(validation).toMatchObject({ type: 'list' });
    expect(validation.formulae?.[0]).toMatch(/^'代码表'!\$B\$2:\$B\$\d+$/);
  });

  it('gives a blank workbook for a year without a draft, with the profile filled in', async () => {
    const read = await readEntryWorkbook(await workbookOf(undefined));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.document).toMatchObject({ department: { code: '501', name: '馆陶县信访局' }, fiscalYear: 2024, income: [], basicExpenditureLines: [], projects: [] });
  });

  it('reads a code typed by hand, and an amount typed as text with separators', async () => {
    const bytes = await edited(await workbookOf(fixture()), (workbook) => {
      const sheet = workbook.getWorksheet('基本支出')!;
      sheet.getCell('A2').value = 2010801;
      sheet.getCell('D2').value = '1,234.50';
    });
    const read = await readEntryWorkbook(bytes);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect((read.document['basicExpenditureLines'] as Array<Record<string, unknown>>)[0]).toMatchObject({ functionalCode: '2010801', amount: '1234.50' });
    expect(read.locate('basicExpenditureLines[0].amount')).toEqual({ sheet: '基本支出', row: 2, column: 'D', header: '金额（元）' });
    expect(read.locate('projects[1].indicators[2].target')).toMatchObject({ sheet: '绩效指标', column: 'F', header: '指标值' });
  });

  it('names every problem of the file at once: a renamed sheet, a changed header, a bad 是/否 cell', async () => {
    const renamed = await edited(await workbookOf(fixture()), (workbook) => {
      workbook.getWorksheet('用款计划')!.name = 'Sheet9';
    });
    const sheets = await readEntryWorkbook(renamed);
    expect(sheets.ok).toBe(false);
    expect(!sheets.ok && sheets.problems.map((problem) => [problem.code, problem.sheet])).toEqual([
      ['WORKBOOK_SHEET_UNKNOWN', 'Sheet9'],
      ['WORKBOOK_SHEET_MISSING', '用款计划'],
    ]);

    const cells = await edited(await workbookOf(fixture()), (workbook) => {
      workbook.getWorksheet('项目')!.getCell('E1').value = '金额';
      workbook.getWorksheet('基本支出')!.getCell('E3').value = '也许';
    });
    const read = await readEntryWorkbook(cells);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.problems.map((problem) => [problem.field, problem.code])).toEqual([
      ['基本支出!E3', 'WORKBOOK_CELL_INVALID'],
      ['项目!E1', 'WORKBOOK_HEADER_UNKNOWN'],
      ['项目!E1', 'WORKBOOK_HEADER_MISSING'],
    ]);
    expect(!read.ok && read.problems[0].message).toBe('基本支出 第 3 行 E 列（上年结转）：应填“是”或“否”，而不是“也许”');
  });

  it('refuses what is not a workbook, and an empty file', async () => {
    const junk = await readEntryWorkbook(Buffer.from('voucher,date\n1,2024-01-01\n'));
    expect(!junk.ok && junk.problems[0].code).toBe('WORKBOOK_INVALID');
    const empty = await readEntryWorkbook(Buffer.alloc(0));
    expect(!empty.ok && empty.problems[0].code).toBe('WORKBOOK_EMPTY');
  });

  it('refuses indicator rows of a project that is not in 项目', async () => {
    const bytes = await edited(await workbookOf(fixture()), (workbook) => {
      workbook.getWorksheet('绩效指标')!.getCell('A3').value = 'NO-SUCH-PROJECT';
    });
    const read = await readEntryWorkbook(bytes);
    expect(!read.ok && read.problems.map((problem) => [problem.field, problem.code])).toEqual([['绩效指标!A3', 'WORKBOOK_PROJECT_UNKNOWN']]);
  });
});
