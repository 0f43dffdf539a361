import ExcelJS from 'exceljs';
import { EXPLANATION_SHEET } from '@budgetflow/budget-projections';
import { type TestApp, useTestApp } from '../support/test-app';
import { BUDGET_URL as B, loadBudgetFacts, loadPublishedTables, normaliseCell, type PublishedEntry } from '../support/guantao-fixture';
import { importSubmitApprovePublish } from '../support/real-budget-workflow';

/**
 * The whole published document after the nine tables (一 部门职责及机构设置 … 十一 其他需要说明的事项), served over HTTP
 * as JSON chapters, as the printable HTML and as the 情况说明 sheet of the XLSX: for the 馆陶县信访局 fixture compared
 * with the published document (published-tables.json, the chapters of disclosure.txt), and for a department with a
 * 事业 unit, a structured 部门整体绩效目标 and procurement paid from several funds.
 */

interface Chapter {
  heading: string;
  paragraphs: string[];
  tables: Array<{ title: string; caption: string[]; header: string[][]; rows: string[][]; notes: string[] }>;
}

const published = loadPublishedTables();
/** The published chapters: entries titled 一、… to 十一、 (entry 13 is a paragraph the extraction took for a title). */
const publishedChapters: PublishedEntry[] = published.filter((entry) => /^[一二三四五六七八九十]+、/.test(entry.title));
const plain = (rows: string[][]) => rows.map((row) => row.map(normaliseCell));

const readAfter = async (t: TestApp, url: string, token: string | undefined, position: string | number | undefined) => {
  const suffix = position === undefined ? '' : `${url.includes('?') ? '&' : '?'}after=${position}`;
  let response = await t.request('GET', `${url}${suffix}`, token ? { token } : {});
  // 503: the projection is still behind (another suite's long transaction on the shared Postgres): ask again.
  for (let attempt = 0; response.status === 503 && attempt < 10; attempt++) response = await t.request('GET', `${url}${suffix}`, token ? { token } : {});
  return response;
};

const xlsxOf = async (t: TestApp, url: string, token?: string): Promise<ExcelJS.Workbook> => {
  const response = await t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
};

/** Every non-empty cell text of a sheet, row by row. */
const sheetRows = (sheet: ExcelJS.Worksheet): string[][] => {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((cell) => {
      if (!cell.isMerged || cell.master === cell) cells.push(String(cell.value));
    });
    rows.push(cells);
  });
  return rows;
};

describe('the whole published document (golden)', () => {
  const t = useTestApp();


  describe('馆陶县信访局 2024 through HTTP', () => {
    let chapters: Chapter[];
    let dept: string;

    beforeAll(async () => {
      dept = await t.token('department', '501', 'clerk-501');
      const imported = await t.request('POST', `${B}/import`, { token: dept, body: loadBudgetFacts() });
      if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${imported.text}`);
      const response = await readAfter(t, `${B}/disclosure`, dept, imported.body.position);
      expect(response.status).toBe(200);
      chapters = response.body.chapters;
    });

    it('prints the chapters of the published document, in its order', () => {
      expect(publishedChapters.map((entry) => entry.title)).toHaveLength(11);
      expect(chapters.map((chapter) => chapter.heading)).toEqual(publishedChapters.map((entry) => entry.title));
    });

    it('一、部门职责及机构设置情况: the duties as published and 部门机构设置情况 row for row', () => {
      const [duties] = chapters;
      const entry = publishedChapters[0];
      expect([...duties.paragraphs, ...duties.tables.map((table) => table.title)]).toEqual(entry.text);
      expect(plain([...duties.tables[0].header, ...duties.tables[0].rows])).toEqual(plain(entry.rows!));
    });

    it('二、总体情况: the opening and the 收入说明 / 支出说明 sentences as published', () => {
      const overview = chapters[1].paragraphs;
      // The published 比上年增减 sentence adds the department's own reasons, which are no budget fact.
      const publishedOverview = publishedChapters[1].text!;
      expect(overview.slice(0, 4)).toEqual(publishedOverview.slice(0, 4));
      // 支出说明 names the projects in the budget's order; the publication lists the same projects in an order of its own.
      const [head, projects] = overview[4].split('主要为');
      const [publishedHead, publishedProjects] = publishedOverview[4].split('主要为');
      expect(head).toBe(publishedHead);
      const names = (list: string) => list.replace(/。$/, '').split('，').sort();
      expect(names(projects)).toEqual(names(publishedProjects));
      expect(overview[5]).toBe('3、比上年增减情况');
    });

    it('三、机关运行经费 and 五、部门整体绩效目标 (the free text of older documents) as published', () => {
      expect(chapters[2].paragraphs).toEqual(publishedChapters[2].text);
      expect(chapters[4].paragraphs).toEqual(publishedChapters[4].text!.map((line) => line.trim()));
      expect(chapters[4].tables).toEqual([]);
    });

    it('六、七、八: 专项资金 无, one goal table per project with the published title, the empty procurement table', () => {
      expect(chapters[5].paragraphs).toEqual(publishedChapters[5].text);
      expect(chapters[6].tables.map((table) => table.title)).toEqual(
        loadBudgetFacts().projects.map((project: { name: string }, i: number) => `${i + 1}、${project.name}绩效目标表`),
      );
      expect(chapters[7].tables[0].notes).toEqual(publishedChapters[7].text!.slice(1));
    });

    it('十、名词解释 and 十一、其他需要说明的事项 word for word', () => {
      expect(chapters[9].paragraphs).toEqual(publishedChapters[9].text);
      expect(chapters[10].paragraphs).toEqual(publishedChapters[10].text);
    });

    it('the printable HTML holds every chapter heading in order, the organisation row and the glossary', async () => {
      const page = await t.request('GET', `${B}/disclosure.html`, { token: dept });
      expect(page.status).toBe(200);
      const positions = chapters.map((chapter) => page.text.indexOf(`<h2>${chapter.heading}</h2>`));
      expect(positions.every((position) => position > 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(page.text).toContain('<td>馆陶县信访局本级</td><td>行政</td><td>正科级</td><td>财政拨款</td>');
      for (const paragraph of publishedChapters[9].text!) expect(page.text).toContain(`<p>${paragraph}</p>`);
      expect(page.text.indexOf('<h3>部门预算收支总表</h3>')).toBeLessThan(positions[0]);
    });

    it('the XLSX ends with a 情况说明 sheet holding the same chapters, paragraphs and tables', async () => {
      const workbook = await xlsxOf(t, `${B}/tables.xlsx`, dept);
      expect(workbook.worksheets).toHaveLength(10);
      const sheet = workbook.worksheets[9];
      expect(sheet.name).toBe(EXPLANATION_SHEET);
      const rows = sheetRows(sheet);
      const firstCells = rows.map((row) => row[0]);
      const headingRows = chapters.map((chapter) => firstCells.indexOf(chapter.heading));
      expect(headingRows.every((row) => row >= 0)).toBe(true);
      expect([...headingRows].sort((a, b) => a - b)).toEqual(headingRows);
      expect(rows).toContainEqual(['馆陶县信访局本级', '行政', '正科级', '财政拨款']);
      for (const paragraph of publishedChapters[9].text!) expect(firstCells).toContain(paragraph);
      // A goal table row of the first project, cell for cell as published.
      expect(rows).toContainEqual(published[16].rows![1]);
    });
  });

  describe('a department with a 事业 unit, a structured 部门整体绩效目标 and procurement from several funds', () => {
    const department = '606';
    const url = `/v1/budgets/${department}/2024`;
    const facts = loadBudgetFacts();
    const [firstProject, secondProject] = facts.projects;
    const overallPerformance = {
      summary: '2024年，我部门的年度规划目标是：确保全县和谐稳定。',
      goals: [
        {
          name: '做好信访维稳值班工作',
          goal: '降低越级信访量，维护社会和谐稳定。',
          indicators: [
            { level1: '产出指标', level2: '质量指标', name: '值班人员到位率', description: '', target: '＝100%', basis: '值班制度' },
            { level1: '产出指标', level2: '数量指标', name: '值班天数', description: '', target: '≥365天', basis: '值班制度' },
            { level1: '效益指标', level2: '社会效益指标', name: '越级信访量', description: '', target: '≤5件', basis: '上年实际' },
          ],
        },
        {
          name: '做好信访案件化解工作',
          goal: '做好特殊疑难信访案件化解工作',
          indicators: [{ level1: '产出指标', level2: '数量指标', name: '疑难案件化解数', description: '', target: '≥10个', basis: '工作计划' }],
        },
      ],
      measures: '1、进一步抓好领导干部接访工作。\n2、进一步抓好信访隐患排查工作。',
    };
    const document = {
      ...facts,
      department: { code: department, name: '测试县信访局', unitKind: '行政' },
      units: [
        { code: '606001', name: '测试县信访局本级', unitKind: '行政', parent: department },
        { code: '606002', name: '测试县群众工作服务中心', unitKind: '事业', parent: '606001' },
      ],
      basicExpenditureLines: facts.basicExpenditureLines.map((line: object) => ({ ...line, unit: '606001' })),
      projects: facts.projects.map((project: { code: string }) => ({ ...project, unit: project.code === firstProject.code ? '606002' : '606001' })),
      procurement: [
        { item: '台式计算机', category: 'A02010104', amount: '1.20', fundSource: '一般公共预算拨款', project: firstProject.code },
        { item: '复印纸', category: 'A05040101', amount: '0.30', fundSource: '一般公共预算拨款' },
        { item: '身份证识别终端', category: 'A02021101', amount: '2.00', fundSource: '一般公共预算拨款', fromCarryOver: true, project: secondProject.code },
      ],
      text: {
        ...facts.text,
        organisation: [{ unitName: '测试县群众工作服务中心', unitRank: '股级', fundingForm: '财政补助' }],
        overallPerformance,
      },
    };
    let chapters: Chapter[];

    beforeAll(async () => {
      const published = await importSubmitApprovePublish(t, department, 2024, document);
      expect(published.draftFindings.filter((finding) => finding.severity === 'error')).toEqual([]);
      const response = await readAfter(t, `${url}/disclosure?version=published`, undefined, undefined);
      expect(response.status).toBe(200);
      chapters = response.body.chapters;
    });

    it('部门机构设置情况 lists the units of the budget with their 单位性质 (the department spends nothing of its own)', () => {
      expect(chapters[0].tables[0].rows).toEqual([
        ['测试县信访局本级', '行政', '', ''],
        ['测试县群众工作服务中心', '事业', '股级', '财政补助'],
      ]);
    });

    it('五、部门整体绩效目标 prints 部门整体支出绩效目标表: one row per indicator, goal and 一级指标 on their first row', () => {
      const overall = chapters[4];
      expect(overall.paragraphs).toEqual([
        '（一）总体绩效目标',
        '2024年，我部门的年度规划目标是：确保全县和谐稳定。',
        '（二）分项绩效目标（详见部门整体支出绩效目标表）',
        '（三）工作保障措施',
        '1、进一步抓好领导干部接访工作。',
        '2、进一步抓好信访隐患排查工作。',
      ]);
      expect(overall.tables).toHaveLength(1);
      expect(overall.tables[0].title).toBe('部门整体支出绩效目标表');
      expect(overall.tables[0].header).toEqual([['分项目标', '绩效目标', '一级指标', '二级指标', '三级指标', '指标值', '指标值确定依据']]);
      expect(overall.tables[0].rows).toEqual([
        ['做好信访维稳值班工作', '降低越级信访量，维护社会和谐稳定。', '产出指标', '质量指标', '值班人员到位率', '＝100%', '值班制度'],
        ['', '', '', '数量指标', '值班天数', '≥365天', '值班制度'],
        ['', '', '效益指标', '社会效益指标', '越级信访量', '≤5件', '上年实际'],
        ['做好信访案件化解工作', '做好特殊疑难信访案件化解工作', '产出指标', '数量指标', '疑难案件化解数', '≥10个', '工作计划'],
      ]);
    });

    it('政府采购预算 puts each amount under 合计 and the column of the fund paying for it, with the project it is for', () => {
      const procurement = chapters[7].tables[0];
      const column = (name: string) => procurement.header[1].indexOf(name);
      expect(procurement.rows).toHaveLength(4);
      const [total, computer, paper, reader] = procurement.rows;
      expect([total[0], total[column('合计')], total[column('一般公共预算拨款')], total[column('上年结转结余')]]).toEqual(['合计', '3.50', '1.50', '2.00']);
      expect([computer[0], computer[1], computer[2], computer[3], computer[column('合计')], computer[column('一般公共预算拨款')]]).toEqual([
        firstProject.name, firstProject.amount, '台式计算机', 'A02010104', '1.20', '1.20',
      ]);
      expect([paper[0], paper[2], paper[column('合计')], paper[column('一般公共预算拨款')]]).toEqual(['', '复印纸', '0.30', '0.30']);
      expect([reader[0], reader[column('一般公共预算拨款')], reader[column('上年结转结余')]]).toEqual([secondProject.name, '', '2.00']);
      expect(procurement.notes).not.toContain('注：无政府采购预算，空表列示。');
    });

    it('the approved version\'s HTML and XLSX print the same structured goal table, read by the public', async () => {
      const page = await t.request('GET', `${url}/disclosure.html?version=published`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<h3>部门整体支出绩效目标表</h3>');
      expect(page.text).toContain('<td>做好信访维稳值班工作</td><td>降低越级信访量，维护社会和谐稳定。</td><td>产出指标</td><td>质量指标</td><td>值班人员到位率</td><td>＝100%</td><td>值班制度</td>');
      expect(page.text).toContain('<td>测试县群众工作服务中心</td><td>事业</td><td>股级</td><td>财政补助</td>');
      const rows = sheetRows((await xlsxOf(t, `${url}/tables.xlsx?version=published`)).getWorksheet(EXPLANATION_SHEET)!);
      expect(rows).toContainEqual(['做好信访维稳值班工作', '降低越级信访量，维护社会和谐稳定。', '产出指标', '质量指标', '值班人员到位率', '＝100%', '值班制度']);
      expect(rows).toContainEqual(['', '', '效益指标', '社会效益指标', '越级信访量', '≤5件', '上年实际'].filter(Boolean));
    });

    /** The same document for a department with no budget yet: a refused import must leave it without one. */
    const fresh = '616';
    const freshUrl = `/v1/budgets/${fresh}/2024`;
    const asFresh = (body: typeof document) => ({
      ...body,
      department: { ...body.department, code: fresh },
      units: body.units.map((unit) => (unit.parent === department ? { ...unit, parent: fresh } : unit)),
    });

    it('a structured goal with an indicator outside the framework, or a field the format lacks, is refused with its path, appending nothing', async () => {
      const freshClerk = await t.token('department', fresh, `clerk-${fresh}`);
      const wrong = structuredClone(document);
      wrong.text.overallPerformance.goals[1].indicators[0].level2 = '满意度指标';
      const refused = await t.request('POST', `${freshUrl}/import`, { token: freshClerk, body: asFresh(wrong) });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('INDICATOR_LEVEL2_UNKNOWN');
      expect(JSON.stringify(refused.body)).toContain('text.overallPerformance.goals[1].indicators[0].level2');
      const unknown = structuredClone(document);
      (unknown.text.overallPerformance.goals[0] as Record<string, unknown>)['weight'] = '50%';
      const strict = await t.request('POST', `${freshUrl}/import`, { token: freshClerk, body: asFresh(unknown) });
      expect(strict.status).toBe(400);
      expect(strict.body.code).toBe('FIELD_NOT_ALLOWED');
      expect(JSON.stringify(strict.body)).toContain('text.overallPerformance.goals[0].weight');
      expect((await t.request('GET', freshUrl, { token: freshClerk })).status).toBe(404);
    });

    it('procurement for a project the budget does not have is refused with PROCUREMENT_PROJECT_UNKNOWN, appending nothing', async () => {
      const freshClerk = await t.token('department', fresh, `clerk-${fresh}`);
      const wrong = { ...document, procurement: [{ ...document.procurement[0], project: 'NO-SUCH-PROJECT' }] };
      const refused = await t.request('POST', `${freshUrl}/import`, { token: freshClerk, body: asFresh(wrong) });
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('PROCUREMENT_PROJECT_UNKNOWN');
      expect(JSON.stringify(refused.body)).toContain('procurement');
      expect((await t.request('GET', freshUrl, { token: freshClerk })).status).toBe(404);
    });
  });
});
