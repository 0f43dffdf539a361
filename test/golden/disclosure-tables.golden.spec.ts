import ExcelJS from 'exceljs';
import {
  consistencyChecks,
  renderDisclosureTables,
  renderNarrative,
  renderPerformanceGoalTables,
  runningCosts,
  tablesToXlsx,
  xlsxBodyStartRow,
  type DisclosureTable,
} from '@budgetflow/budget-projections';
import { catalogNamesFromEntries, parseBudgetFacts } from '@budgetflow/budget-domain';
import { TABLE_IDS, firstDifference, loadBudgetFacts, loadPublishedTables, normaliseCell as normalise } from '../support/guantao-fixture';

/**
 * Golden test: the published 2024 budget of 馆陶县信访局 (department 501) rebuilt from its facts.
 * The fixture is the published document transcribed cell by cell; nothing here may be edited to make a test pass.
 */
const facts = loadBudgetFacts();
const published = loadPublishedTables();

const parsed = parseBudgetFacts(facts);
if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.errors)}`);
const { content, catalogUsed } = parsed.document;
const catalog = catalogNamesFromEntries(catalogUsed);
const tables = renderDisclosureTables(content, catalog);
const narrative = renderNarrative(content, tables);

const bodyAfterColumnNumbers = (rows: string[][]) => {
  const columnNumbers = rows.findIndex((row) => row[0] === '栏次');
  if (columnNumbers < 0) throw new Error('published table has no 栏次 row');
  return rows.slice(columnNumbers + 1);
};
const tableById = (id: string): DisclosureTable => {
  const table = tables.find((t) => t.id === id);
  if (!table) throw new Error(`table ${id} not rendered`);
  return table;
};

describe('馆陶县信访局 2024: disclosure tables (golden)', () => {
  it('renders exactly T1..T9 in order', () => {
    expect(tables.map((t) => t.id)).toEqual([...TABLE_IDS]);
  });

  it.each(TABLE_IDS.map((id, index) => [id, index] as const))('%s matches the published table cell for cell', (id, index) => {
    const table = tableById(id);
    expect(normalise(table.title)).toBe(normalise(published[index].title));
    const expected = bodyAfterColumnNumbers(published[index].rows ?? []);
    expect(firstDifference(`${id} body`, expected, table.rows)).toBeNull();
  });

  it('the comparison reports the first differing row', () => {
    const t6 = tableById('T6').rows.map((row) => [...row]);
    t6[4][3] = '13.30';
    expect(firstDifference('T6 body', bodyAfterColumnNumbers(published[5].rows ?? []), t6)).toContain('T6 body row 4 differs');
  });
});

describe('馆陶县信访局 2024: project performance-goal tables (golden)', () => {
  const goalTables = published.find((entry) => entry.title === '七、部门项目预算安排情况及绩效目标')!;

  it('lists the projects in the published order and titles', () => {
    expect(renderPerformanceGoalTables(content).map((t) => t.title)).toEqual(goalTables.text);
  });

  it('matches the published goal tables cell for cell', () => {
    const rendered = renderPerformanceGoalTables(content).flatMap((t) => [['单位：万元'], ...t.rows]);
    expect(firstDifference('goal tables', goalTables.rows ?? [], rendered)).toBeNull();
  });
});

describe('馆陶县信访局 2024: narrative (情况说明)', () => {
  const figure = (key: string) => {
    const found = narrative.figures.find((f) => f.key === key);
    if (!found) throw new Error(`no narrative figure ${key}`);
    return found;
  };
  const wan = (key: string) => {
    const { amount } = figure(key);
    return (amount.isNegative() ? '-' : '+') + figure(key).printed;
  };
  const publishedText = (title: string) => {
    const entry = published.find((e) => e.title === title);
    if (!entry) throw new Error(`no published section ${title}`);
    return (entry.text ?? []).map(normalise);
  };

  it('carries the published figures', () => {
    expect(figure('income.total').printed).toBe('654.24');
    expect(figure('expenditure.total').printed).toBe('654.24');
    expect(figure('expenditure.basic').printed).toBe('199.84');
    expect(figure('expenditure.personnel').printed).toBe('183.94');
    expect(figure('expenditure.publicUse').printed).toBe('15.90');
    expect(figure('expenditure.project').printed).toBe('454.40');
    expect(narrative.figures.filter((f) => f.key.startsWith('project.')).map((f) => f.printed)).toEqual([
      '4.00', '40.00', '2.60', '50.00', '7.80', '300.00', '50.00',
    ]);
    expect(wan('change.total')).toBe('+210.08');
    expect(wan('change.basic')).toBe('-121.52');
    expect(wan('change.project')).toBe('+331.60');
    expect(figure('runningCosts').printed).toBe('15.90');
    expect(runningCosts(content)?.toFixed(0)).toBe('159000');
    expect(figure('threePublic.total').printed).toBe('1.80');
    expect(wan('threePublic.change')).toBe('-0.10');
  });

  it('words the income and running-cost sentences as published', () => {
    const sentences = narrative.sections.flatMap((s) => s.paragraphs).map(normalise);
    for (const title of ['二、部门预算安排的总体情况', '三、机关运行经费安排情况']) {
      const expectedSentence = publishedText(title).find((text) => text.includes('2024年预算收入') || text.includes('机关运行经费共计'));
      expect(sentences).toContain(expectedSentence);
    }
  });

  it('words the “三公” sentence as published (the published text closes a full-width bracket with a half-width one)', () => {
    const publishedSentence = published.find((e) => e.title.includes('“三公”经费预算安排'))!.title;
    const generated = narrative.sections.find((s) => s.heading.includes('“三公”'))!.paragraphs[0];
    const bracketsUnified = (text: string) => normalise(text).replace(/\)/g, '）');
    expect(bracketsUnified(generated)).toBe(bracketsUnified(publishedSentence));
  });

  it('names every project with its amount in the 支出说明 sentence', () => {
    const published支出 = publishedText('二、部门预算安排的总体情况').find((t) => t.includes('2024年支出预算'))!;
    const generated = normalise(narrative.text);
    for (const project of content.projects) {
      const phrase = published支出.match(new RegExp(`${project.name}([\\d.]+)万元`));
      expect(phrase).not.toBeNull();
      expect(generated).toContain(phrase![0]);
    }
    expect(generated).toContain(normalise(published支出.split('；')[0]));
  });
});

describe('馆陶县信访局 2024: consistency checks (勾稽)', () => {
  it('finds exactly the two cost indicators the department got wrong', () => {
    const findings = consistencyChecks(content, tables, narrative);
    expect(findings).toHaveLength(2);
    expect(findings.map(({ code, severity, ref }) => ({ code, severity, ref }))).toEqual([
      { code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', severity: 'warning', ref: 'projects[0].indicators[3]' },
      { code: 'COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', severity: 'warning', ref: 'projects[1].indicators[3]' },
    ]);
    expect(findings[0].message).toContain('群众工作中心运维经费');
    expect(findings[0].message).toContain('5 万元');
    expect(findings[0].message).toContain('4.00');
    expect(findings[1].message).toContain('信访维稳工作经费');
    expect(findings[1].message).toContain('72.4万元');
    expect(findings[1].message).toContain('40.00');
  });
});

describe('馆陶县信访局 2024: XLSX export', () => {
  it('holds the same numbers as the JSON tables, as numbers with two decimals', async () => {
    const buffer = await tablesToXlsx(tables, { department: content.department, fiscalYear: content.fiscalYear });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(workbook.worksheets).toHaveLength(9);
    tables.forEach((table, index) => {
      const sheet = workbook.worksheets[index];
      expect(sheet.getCell(1, 1).value).toBe(table.title);
      expect(sheet.getCell(2, sheet.columnCount).value).toBe('单位：万元');
      const start = xlsxBodyStartRow(table);
      expect(sheet.getCell(start - 1, 1).value).toBe('栏次');
      table.rows.forEach((cells, r) => {
        cells.forEach((expected, c) => {
          const cell = sheet.getCell(start + r, c + 1);
          if (expected === '') {
            expect(cell.value).toBeNull();
          } else if (/^-?\d+\.\d{2}$/.test(expected)) {
            expect(typeof cell.value).toBe('number');
            expect((cell.value as number).toFixed(2)).toBe(expected);
            expect(cell.numFmt).toBe('0.00');
          } else {
            expect(String(cell.value)).toBe(expected);
          }
        });
      });
    });
    const t7 = workbook.worksheets[6];
    expect(t7.getCell(xlsxBodyStartRow(tableById('T7')) + 1, 1).value).toBe('注：无政府基金预算财政拨款预算，空表列示。');
  });
});
