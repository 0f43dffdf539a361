import { useTestApp } from '../support/test-app';
import { GENERAL, GOVERNMENT_FUND, STATE_CAPITAL, budgetFacts } from '../support/budget-facts';
import { rowsOf, rowsWithAmounts, usePublishedBudget } from '../support/real-budget-workflow';

/**
 * Budgets of the shapes real county departments have, each imported, submitted, approved and published over HTTP,
 * with its nine tables compared cell by cell with tables worked out by hand from the document (Hebei's layout,
 * ../shared/docs/DOMAIN.md): projects paid from last year's carry-over; government-fund and state-capital money
 * (with 三公 inside them); a 主管部门 with three units, one of them a 事业 unit with 事业收入.
 */

/** Classification entries these budgets use beyond the starter catalog (loaded by the admin, as in production). */
const CATALOG = {
  functional: [
    { code: '21208', name: '国有土地使用权出让收入安排的支出' },
    { code: '2120801', name: '征地和拆迁补偿支出' },
    { code: '2120802', name: '土地开发支出' },
    { code: '22301', name: '解决历史遗留问题及改革成本支出' },
    { code: '2230105', name: '国有企业退休人员社会化管理补助支出' },
    { code: '20501', name: '教育管理事务' },
    { code: '2050101', name: '行政运行' },
    { code: '2050102', name: '一般行政管理事务' },
    { code: '20502', name: '普通教育' },
    { code: '2050203', name: '初中教育' },
  ],
  economic: [],
};

const plan = [{ checkpoint: '6月底', cumulativePercent: 50 }, { checkpoint: '12月底', cumulativePercent: 100 }];
const indicators = [{ level1: '产出指标', level2: '数量指标', name: '完成事项', description: '', target: '≥1 项', basis: '工作计划' }];
const project = (code: string, name: string, functionalCode: string, fundSource: string, amount: string, extra: Record<string, unknown> = {}) => ({
  code, name, functionalCode, fundSource, amount, fiscalFunds: amount, purpose: name, spendingPlan: plan, goal: name, indicators, ...extra,
});
const basic = (functionalCode: string, economicCode: string, fundSource: string, amount: string, extra: Record<string, unknown> = {}) => ({
  functionalCode, economicCode, fundSource, amount, ...extra,
});

/** 602: 350.00 万元 of spending, 50.00 of it paid from last year's carry-over (a whole project and one project line). */
const carryOverBudget = budgetFacts({ code: '602', name: '测试县司法局' }, {
  income: [{ source: '一般公共预算拨款收入', amount: '300.00' }],
  carryOver: { fromLastYear: '50.00', toNextYear: '0' },
  basicExpenditureLines: [basic('2014001', '30101', GENERAL, '200.00'), basic('2014001', '30201', GENERAL, '100.00')],
  projects: [
    project('602P001', '积案化解经费', '2014004', GENERAL, '30.00', { fromCarryOver: true }),
    project('602P002', '法律援助经费', '2014004', GENERAL, '20.00', {
      lines: [{ functionalCode: '2014004', economicCode: '30227', fundSource: GENERAL, amount: '20.00', fromCarryOver: true }],
    }),
  ],
});

/** 603: general budget 150.00, government fund 80.00 (with 5.00 of 公务用车运行维护费), state capital 20.00 (with 2.00 of 因公出国). */
const fundsBudget = budgetFacts({ code: '603', name: '测试县自然资源和规划局' }, {
  income: [
    { source: '一般公共预算拨款收入', amount: '150.00' },
    { source: '政府性基金预算拨款收入', amount: '80.00' },
    { source: '国有资本经营预算拨款收入', amount: '20.00' },
  ],
  basicExpenditureLines: [
    basic('2014001', '30101', GENERAL, '100.00'),
    basic('2014001', '30201', GENERAL, '48.00'),
    basic('2014001', '30217', GENERAL, '2.00'),
  ],
  projects: [
    project('603G001', '征地拆迁补偿', '2120801', GOVERNMENT_FUND, '60.00', {
      lines: [
        { functionalCode: '2120801', economicCode: '31005', fundSource: GOVERNMENT_FUND, amount: '55.00' },
        { functionalCode: '2120801', economicCode: '30231', fundSource: GOVERNMENT_FUND, amount: '5.00' },
      ],
    }),
    project('603G002', '土地开发', '2120802', GOVERNMENT_FUND, '20.00'),
    project('603S001', '国企退休人员社会化管理补助', '2230105', STATE_CAPITAL, '20.00', {
      lines: [
        { functionalCode: '2230105', economicCode: '30212', fundSource: STATE_CAPITAL, amount: '2.00' },
        { functionalCode: '2230105', economicCode: '30299', fundSource: STATE_CAPITAL, amount: '18.00' },
      ],
    }),
  ],
});

/**
 * 604: a county education bureau (主管部门) with three units: its own office (行政), an exam centre (参公) and a
 * middle school (事业) that has 30.00 万元 of 事业收入. 机关运行经费 counts the office and the exam centre only.
 */
const unitsBudget = budgetFacts({ code: '604', name: '测试县教育局' }, {
  units: [
    { code: '604001', name: '测试县教育局本级', unitKind: '行政', parent: '604' },
    { code: '604002', name: '测试县教育考试中心', unitKind: '参公', parent: '604001' },
    { code: '604003', name: '测试县第一中学', unitKind: '事业', parent: '604001' },
  ],
  income: [
    { source: '一般公共预算拨款收入', amount: '240.00' },
    { source: '事业收入', amount: '30.00' },
  ],
  basicExpenditureLines: [
    basic('2050101', '30101', GENERAL, '40.00', { unit: '604001' }),
    basic('2050101', '30201', GENERAL, '10.00', { unit: '604001' }),
    basic('2050102', '30101', GENERAL, '14.00', { unit: '604002' }),
    basic('2050102', '30201', GENERAL, '6.00', { unit: '604002' }),
    basic('2050203', '30101', GENERAL, '100.00', { unit: '604003' }),
    basic('2050203', '30201', GENERAL, '20.00', { unit: '604003' }),
    basic('2050203', '30201', '单位资金', '30.00', { unit: '604003' }),
  ],
  projects: [project('604P001', '校舍维修', '2050203', GENERAL, '50.00', { unit: '604003' })],
});

describe('real budget shapes through the whole workflow over HTTP (golden)', () => {
  const t = useTestApp();

  beforeAll(async () => {
    const loaded = await t.request('PUT', '/v1/catalogs/2024', { token: await t.token('admin', undefined, 'admin-1'), body: CATALOG });
    if (loaded.status !== 200) throw new Error(`catalog: ${loaded.status} ${loaded.text}`);
  });

  describe('602: projects paid from last year\'s carry-over', () => {
    const published = usePublishedBudget(t, '602', carryOverBudget, {
      'T1 shows the carry-over as 上年结转结余 and all 350.00 of spending': [{ id: 'T1', amountColumns: [2, 4], rows: [
        ['1', '一、一般公共预算拨款收入', '300.00', '一、一般公共服务支出', '350.00'],
        ['32', '本年收入合计', '300.00', '本年支出合计', '350.00'],
        ['33', '上年结转结余', '50.00', '年终结转结余', ''],
        ['34', '收入总计', '350.00', '支出总计', '350.00'],
      ] }],
      'T2 puts carry-over-funded spending in its 上年结转 column, not in this year\'s income': [{ id: 'T2', rows: [
        ['1', '', '合计', '350.00', '300.00', '300.00', '', '', '', '', '', '', '50.00'],
        ['2', '201', '一般公共服务支出', '350.00', '300.00', '300.00', '', '', '', '', '', '', '50.00'],
        ['3', '20140', '信访事务', '350.00', '300.00', '300.00', '', '', '', '', '', '', '50.00'],
        ['4', '2014001', '行政运行', '300.00', '300.00', '300.00', '', '', '', '', '', '', ''],
        ['5', '2014004', '信访业务', '50.00', '', '', '', '', '', '', '', '', '50.00'],
      ] }],
      'T4 shows the carry-over by fund type under 年初财政拨款结转和结余': [{ id: 'T4', amountColumns: [2, 4, 5, 6, 7], rows: [
        ['1', '一、一般公共预算拨款', '300.00', '一、一般公共服务支出', '350.00', '350.00', '', ''],
        ['32', '本年收入合计', '300.00', '本年支出合计', '350.00', '350.00', '', ''],
        ['33', '年初财政拨款结转和结余', '50.00', '年末财政拨款结转和结余', '', '', '', ''],
        ['34', '一、一般公共预算拨款', '50.00', '', '', '', '', ''],
        ['37', '收入总计', '350.00', '支出总计', '350.00', '350.00', '', ''],
      ] }],
    });

    it('T3 and T5 count the carry-over-funded projects as general-budget project spending', () => {
      const expected = [
        ['1', '', '合计', '350.00', '300.00', '50.00'],
        ['2', '201', '一般公共服务支出', '350.00', '300.00', '50.00'],
        ['3', '20140', '信访事务', '350.00', '300.00', '50.00'],
        ['4', '2014001', '行政运行', '300.00', '300.00', ''],
        ['5', '2014004', '信访业务', '50.00', '', '50.00'],
      ];
      expect(rowsOf(published.tables, 'T5')).toEqual(expected);
      expect(rowsOf(published.tables, 'T3')).toEqual(expected.map((row) => [...row, '', '', '']));
    });

    it('GET returns lines and projects with fromCarryOver in the field names of budget-facts/1', () => {
      expect(published.budget.projects.map((p: { code: string; fromCarryOver: boolean }) => [p.code, p.fromCarryOver])).toEqual([
        ['602P001', true],
        ['602P002', false],
      ]);
      expect(published.budget.projects[1].lines[0]).toMatchObject({ economicCode: '30227', fromCarryOver: true, amount: '200000.00' });
      expect(published.budget.basicExpenditureLines.map((l: { fromCarryOver: boolean; unit: string }) => [l.fromCarryOver, l.unit])).toEqual([
        [false, '602'],
        [false, '602'],
      ]);
      expect(published.budget.carryOver).toEqual({ fromLastYear: '500000.00', toNextYear: '0.00' });
    });
  });

  it('602b: a carry-over that disagrees with the spending it funds is refused at submit with CARRY_OVER_MISMATCH, appending nothing', async () => {
    const clerk = await t.token('department', '612', 'clerk-612');
    const document = { ...carryOverBudget, department: { ...carryOverBudget.department, code: '612' }, carryOver: { fromLastYear: '40.00', toNextYear: '0' }, income: [{ source: '一般公共预算拨款收入', amount: '310.00' }] };
    expect((await t.request('POST', '/v1/budgets/612/2024/import', { token: clerk, body: document })).status).toBe(200);
    const draft = await t.request('GET', '/v1/budgets/612/2024', { token: clerk });
    expect(draft.body.warnings.map((w: { code: string }) => w.code)).toContain('CARRY_OVER_MISMATCH');
    const before = await t.eventCount();
    const refused = await t.request('POST', '/v1/budgets/612/2024/submit', { token: clerk });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CARRY_OVER_MISMATCH');
    expect(refused.body.detail ?? refused.body.title).toMatch(/超过上年结转结余/);
    expect(await t.eventCount()).toBe(before);
  });

  describe('603: government-fund and state-capital money', () => {
    usePublishedBudget(t, '603', fundsBudget, {
      'T1 lists the three fiscal incomes and the 类 they fund': [{ id: 'T1', amountColumns: [2, 4], rows: [
        ['1', '一、一般公共预算拨款收入', '150.00', '一、一般公共服务支出', '150.00'],
        ['2', '二、政府性基金预算拨款收入', '80.00', '二、外交支出', ''],
        ['3', '三、国有资本经营预算拨款收入', '20.00', '三、国防支出', ''],
        ['12', '', '', '十二、城乡社区支出', '80.00'],
        ['22', '', '', '二十二、国有资本经营预算支出', '20.00'],
        ['32', '本年收入合计', '250.00', '本年支出合计', '250.00'],
        ['34', '收入总计', '250.00', '支出总计', '250.00'],
      ] }],
      'T3 and T4 show the government-fund and state-capital spending by 类 and fund type': [{ id: 'T3', columns: 6, rows: [
        ['1', '', '合计', '250.00', '150.00', '100.00'],
        ['2', '201', '一般公共服务支出', '150.00', '150.00', ''],
        ['3', '20140', '信访事务', '150.00', '150.00', ''],
        ['4', '2014001', '行政运行', '150.00', '150.00', ''],
        ['5', '212', '城乡社区支出', '80.00', '', '80.00'],
        ['6', '21208', '国有土地使用权出让收入安排的支出', '80.00', '', '80.00'],
        ['7', '2120801', '征地和拆迁补偿支出', '60.00', '', '60.00'],
        ['8', '2120802', '土地开发支出', '20.00', '', '20.00'],
        ['9', '223', '国有资本经营预算支出', '20.00', '', '20.00'],
        ['10', '22301', '解决历史遗留问题及改革成本支出', '20.00', '', '20.00'],
        ['11', '2230105', '国有企业退休人员社会化管理补助支出', '20.00', '', '20.00'],
      ] }, { id: 'T4', amountColumns: [2, 4, 5, 6, 7], rows: [
        ['1', '一、一般公共预算拨款', '150.00', '一、一般公共服务支出', '150.00', '150.00', '', ''],
        ['2', '二、政府性基金预算拨款', '80.00', '二、外交支出', '', '', '', ''],
        ['3', '三、国有资本经营预算拨款', '20.00', '三、国防支出', '', '', '', ''],
        ['12', '', '', '十二、城乡社区支出', '80.00', '', '80.00', ''],
        ['22', '', '', '二十二、国有资本经营预算支出', '20.00', '', '', '20.00'],
        ['32', '本年收入合计', '250.00', '本年支出合计', '250.00', '150.00', '80.00', '20.00'],
        ['37', '收入总计', '250.00', '支出总计', '250.00', '150.00', '80.00', '20.00'],
      ] }],
      'T5 holds the general budget only; T7 the government fund; T8 the state capital': [{ id: 'T5', rows: [
        ['1', '', '合计', '150.00', '150.00', ''],
        ['2', '201', '一般公共服务支出', '150.00', '150.00', ''],
        ['3', '20140', '信访事务', '150.00', '150.00', ''],
        ['4', '2014001', '行政运行', '150.00', '150.00', ''],
      ] }, { id: 'T7', rows: [
        ['1', '', '合计', '80.00', '', '80.00'],
        ['2', '212', '城乡社区支出', '80.00', '', '80.00'],
        ['3', '21208', '国有土地使用权出让收入安排的支出', '80.00', '', '80.00'],
        ['4', '2120801', '征地和拆迁补偿支出', '60.00', '', '60.00'],
        ['5', '2120802', '土地开发支出', '20.00', '', '20.00'],
      ] }, { id: 'T8', rows: [
        ['1', '', '合计', '20.00', '', '20.00'],
        ['2', '223', '国有资本经营预算支出', '20.00', '', '20.00'],
        ['3', '22301', '解决历史遗留问题及改革成本支出', '20.00', '', '20.00'],
        ['4', '2230105', '国有企业退休人员社会化管理补助支出', '20.00', '', '20.00'],
      ] }],
      'T6 is the general-budget basic spending by economic code': [{ id: 'T6', rows: [
        ['1', '', '合计', '150.00', '100.00', '50.00'],
        ['2', '301', '工资福利支出', '100.00', '100.00', ''],
        ['3', '30101', '基本工资', '100.00', '100.00', ''],
        ['4', '302', '商品和服务支出', '50.00', '', '50.00'],
        ['5', '30201', '办公费', '48.00', '', '48.00'],
        ['6', '30217', '公务接待费', '2.00', '', '2.00'],
      ] }],
      'T9 shows 三公 within each fund: reception (general), vehicles (government fund), travel abroad (state capital)': [{ id: 'T9', rows: [
        ['1', '合计', '9.00', '2.00', '5.00', '2.00'],
        ['2', '“三公”经费小计', '9.00', '2.00', '5.00', '2.00'],
        ['3', '一、因公出国（境）费', '2.00', '', '', '2.00'],
        ['4', '其中：教学科研人员因公出国（境）费', '', '', '', ''],
        ['5', '其他因公出国（境）费', '2.00', '', '', '2.00'],
        ['6', '二、公务用车购置及运维费', '5.00', '', '5.00', ''],
        ['7', '其中：公务用车购置费', '', '', '', ''],
        ['8', '公务用车运行维护费', '5.00', '', '5.00', ''],
        ['9', '三、公务接待费', '2.00', '2.00', '', ''],
      ] }],
    });
  });

  it('the catalog decides the 类 rows: a renamed 类 is renamed in drafts, an approved version keeps the name it was approved with', async () => {
    const admin = await t.token('admin', undefined, 'admin-1');
    const renamed = await t.request('PUT', '/v1/catalogs/2024', { token: admin, body: { functional: [{ code: '212', name: '城乡社区支出（修订）' }], economic: [] } });
    expect(renamed.status).toBe(200);
    const draft = await t.request('GET', '/v1/budgets/612/2024/tables/T1?version=draft', { token: await t.token('department', '612', 'clerk-612') });
    expect(draft.status).toBe(200);
    expect(draft.body.table.rows[11][3]).toBe('十二、城乡社区支出（修订）');
    const approved = await t.request('GET', '/v1/budgets/603/2024/tables/T1?version=1');
    expect(approved.body.table.rows[11].slice(3)).toEqual(['十二、城乡社区支出', '80.00']);
  });

  describe('604: a department with three units, one of them a 事业 unit with 事业收入', () => {
    const published = usePublishedBudget(t, '604', unitsBudget, {
      'the nine tables are the consolidated department\'s: T1, T2 and T3 hold every unit, 事业收入 in its own column': [{ id: 'T1', amountColumns: [2, 4], rows: [
        ['1', '一、一般公共预算拨款收入', '240.00', '一、一般公共服务支出', ''],
        ['5', '五、单位资金', '30.00', '五、教育支出', '270.00'],
        ['32', '本年收入合计', '270.00', '本年支出合计', '270.00'],
        ['34', '收入总计', '270.00', '支出总计', '270.00'],
      ] }, { id: 'T2', rows: [
        ['1', '', '合计', '270.00', '270.00', '240.00', '', '30.00', '', '', '', '', ''],
        ['2', '205', '教育支出', '270.00', '270.00', '240.00', '', '30.00', '', '', '', '', ''],
        ['3', '20501', '教育管理事务', '70.00', '70.00', '70.00', '', '', '', '', '', '', ''],
        ['4', '2050101', '行政运行', '50.00', '50.00', '50.00', '', '', '', '', '', '', ''],
        ['5', '2050102', '一般行政管理事务', '20.00', '20.00', '20.00', '', '', '', '', '', '', ''],
        ['6', '20502', '普通教育', '200.00', '200.00', '170.00', '', '30.00', '', '', '', '', ''],
        ['7', '2050203', '初中教育', '200.00', '200.00', '170.00', '', '30.00', '', '', '', '', ''],
      ] }, { id: 'T3', columns: 6, rows: [
        ['1', '', '合计', '270.00', '220.00', '50.00'],
        ['2', '205', '教育支出', '270.00', '220.00', '50.00'],
        ['3', '20501', '教育管理事务', '70.00', '70.00', ''],
        ['4', '2050101', '行政运行', '50.00', '50.00', ''],
        ['5', '2050102', '一般行政管理事务', '20.00', '20.00', ''],
        ['6', '20502', '普通教育', '200.00', '150.00', '50.00'],
        ['7', '2050203', '初中教育', '200.00', '150.00', '50.00'],
      ] }],
    });

    it('T6 holds every unit\'s general-budget basic spending; 机关运行经费 only the 行政 and 参公 units\' 公用经费 (10.00 + 6.00)', async () => {
      expect(rowsOf(published.tables, 'T6')).toEqual([
        ['1', '', '合计', '190.00', '154.00', '36.00'],
        ['2', '301', '工资福利支出', '154.00', '154.00', ''],
        ['3', '30101', '基本工资', '154.00', '154.00', ''],
        ['4', '302', '商品和服务支出', '36.00', '', '36.00'],
        ['5', '30201', '办公费', '36.00', '', '36.00'],
      ]);
      const disclosure = await t.request('GET', '/v1/budgets/604/2024/disclosure?version=published');
      expect(disclosure.status).toBe(200);
      expect(disclosure.body.runningCosts).toMatchObject({ applies: true, amount: '16.00' });
      expect(disclosure.body.narrative.text).toContain('机关运行经费共计安排16.00万元');
    });

    it('each unit\'s own tables (?unit=): the 事业 school with its 事业收入, and the three units add up to the department', async () => {
      const school = await t.request('GET', '/v1/budgets/604/2024/tables?version=published&unit=604003');
      expect(school.status).toBe(200);
      expect(school.body).toMatchObject({ department: '604', version: 1, unit: '万元', budgetUnit: { code: '604003', name: '测试县第一中学', unitKind: '事业' } });
      expect(rowsWithAmounts(rowsOf(school.body.tables, 'T1'), [2, 4])).toEqual([
        ['1', '一、一般公共预算拨款收入', '170.00', '一、一般公共服务支出', ''],
        ['5', '五、单位资金', '30.00', '五、教育支出', '200.00'],
        ['32', '本年收入合计', '200.00', '本年支出合计', '200.00'],
        ['34', '收入总计', '200.00', '支出总计', '200.00'],
      ]);
      expect(rowsOf(school.body.tables, 'T6')[0]).toEqual(['1', '', '合计', '120.00', '100.00', '20.00']);
      const totals = await Promise.all(
        ['604001', '604002', '604003'].map(async (unit) => {
          const response = await t.request('GET', `/v1/budgets/604/2024/tables?version=published&unit=${unit}`);
          return rowsOf(response.body.tables, 'T3')[0].slice(3, 6);
        }),
      );
      expect(totals).toEqual([
        ['50.00', '50.00', ''],
        ['20.00', '20.00', ''],
        ['200.00', '150.00', '50.00'],
      ]);
      const unknown = await t.request('GET', '/v1/budgets/604/2024/tables?version=published&unit=604009');
      expect(unknown.status).toBe(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
    });

    it('GET returns the units and each line and project with its unit', () => {
      expect(published.budget.units).toEqual(unitsBudget.units);
      expect(published.budget.basicExpenditureLines.map((line: { unit: string }) => line.unit)).toEqual([
        '604001', '604001', '604002', '604002', '604003', '604003', '604003',
      ]);
      expect(published.budget.projects.map((p: { unit: string }) => p.unit)).toEqual(['604003']);
    });
  });
});
