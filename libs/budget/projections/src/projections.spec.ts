import Decimal from 'decimal.js';
import type { BudgetContent, CatalogNames } from './domain';
import {
  csvDocument,
  csvDownload,
  neutraliseFormula,
  consistencyChecks,
  fiscalDataPackage,
  renderDisclosureTables,
  renderNarrative,
  runningCosts,
  tablesToCsv,
} from './index';

const wan = (text: string) => new Decimal(text).times(10000);
const names: Record<string, string> = {
  '201': '一般公共服务支出', '20101': '人大事务', '2010101': '行政运行', '2010102': '一般行政管理事务',
  '212': '城乡社区支出', '21208': '国有土地使用权出让收入安排的支出', '2120801': '征地和拆迁补偿支出',
  '301': '工资福利支出', '30101': '基本工资', '302': '商品和服务支出', '30217': '公务接待费', '30201': '办公费',
};
const catalog: CatalogNames = { functionalName: (c) => names[c], economicName: (c) => names[c] };

/** A small 事业 unit with general-budget, government-fund and unit funds, and a project split by economic code. */
const content = (): BudgetContent => ({
  department: { code: '901', name: '测试单位', unitKind: '事业' },
  fiscalYear: 2024,
  income: [
    { source: '一般公共预算拨款收入', amount: wan('100.00') },
    { source: '政府性基金预算拨款收入', amount: wan('20.00') },
    { source: '事业收入', amount: wan('5.00') },
  ],
  carryOver: { fromLastYear: wan('0'), toNextYear: wan('0') },
  basicExpenditureLines: [
    { lineId: 'basic-1', functionalCode: '2010101', economicCode: '30101', fundSource: '一般公共预算拨款', amount: wan('60.00') },
    { lineId: 'basic-2', functionalCode: '2010101', economicCode: '30201', fundSource: '一般公共预算拨款', amount: wan('10.00') },
    { lineId: 'basic-3', functionalCode: '2010101', economicCode: '30201', fundSource: '单位资金', amount: wan('5.00') },
  ],
  projects: [
    {
      code: 'P1', name: '接待项目', functionalCode: '2010102', fundSource: '一般公共预算拨款',
      amount: wan('30.00'), fiscalFunds: wan('30.00'), otherFunds: wan('0'), purpose: '', goal: '', spendingPlan: [],
      indicators: [
        { level1: '产出指标', level2: '成本指标', name: '成本', description: '', basis: '',
          target: { printed: '≤30万元', comparator: '≤', value: '30', unit: '万元' } },
      ],
      lines: [
        { functionalCode: '2010102', economicCode: '30217', fundSource: '一般公共预算拨款', amount: wan('2.00') },
        { functionalCode: '2010102', economicCode: '30201', fundSource: '一般公共预算拨款', amount: wan('28.00') },
      ],
    },
    {
      code: 'P2', name: '拆迁补偿', functionalCode: '2120801', fundSource: '政府性基金预算拨款',
      amount: wan('20.00'), fiscalFunds: wan('20.00'), otherFunds: wan('0'), purpose: '', goal: '', spendingPlan: [], indicators: [], lines: [],
    },
  ],
  procurement: [],
});

describe('renderDisclosureTables', () => {
  const tables = renderDisclosureTables(content(), catalog);
  const rows = (id: string) => tables.find((t) => t.id === id)!.rows;

  it('puts unit funds under 单位资金 in T1 and under the one unit-income column in T2', () => {
    expect(rows('T1')[4]).toEqual(['5', '五、单位资金', '5.00', '五、教育支出', '']);
    expect(rows('T1')[11].slice(3)).toEqual(['十二、城乡社区支出', '20.00']);
    expect(rows('T1').slice(-3).map((r) => r[2])).toEqual(['125.00', '', '125.00']);
    expect(rows('T2')[0]).toEqual(['1', '', '合计', '125.00', '125.00', '120.00', '', '5.00', '', '', '', '', '']);
  });

  it('keeps T5 to the general budget and fills T7 from the government fund', () => {
    expect(rows('T5').map((r) => r[1])).toEqual(['', '201', '20101', '2010101', '2010102']);
    expect(rows('T5')[0].slice(3)).toEqual(['100.00', '70.00', '30.00']);
    expect(rows('T7')).toEqual([
      ['1', '', '合计', '20.00', '', '20.00'],
      ['2', '212', '城乡社区支出', '20.00', '', '20.00'],
      ['3', '21208', '国有土地使用权出让收入安排的支出', '20.00', '', '20.00'],
      ['4', '2120801', '征地和拆迁补偿支出', '20.00', '', '20.00'],
    ]);
    expect(rows('T8')).toEqual([['', '', '', '', '', '']]);
  });

  it('shows fiscal funds only in T4 and T6', () => {
    expect(rows('T4')[0].slice(1)).toEqual(['一、一般公共预算拨款', '100.00', '一、一般公共服务支出', '100.00', '100.00', '', '']);
    expect(rows('T4').at(-1)).toEqual(['37', '收入总计', '120.00', '支出总计', '120.00', '100.00', '20.00', '']);
    expect(rows('T6')[0]).toEqual(['1', '', '合计', '70.00', '60.00', '10.00']);
  });

  it('finds “三公” spending in project lines', () => {
    expect(rows('T9')[0]).toEqual(['1', '合计', '2.00', '2.00', '', '']);
    expect(rows('T9')[8]).toEqual(['9', '三、公务接待费', '2.00', '2.00', '', '']);
  });
});

describe('runningCosts', () => {
  it('is reported by 行政 and 参公 units only', () => {
    expect(runningCosts(content())).toBeNull();
    expect(runningCosts({ ...content(), department: { code: '1', name: 'x', unitKind: '参公' } })?.toFixed(0)).toBe('100000');
  });
});

describe('三公 from economic codes', () => {
  it('counts 30913 公务用车购置 under 资本性支出（基本建设） like 31013 under 资本性支出', () => {
    const base = content();
    const withCar: BudgetContent = {
      ...base,
      income: base.income.map((line, i) => (i === 0 ? { ...line, amount: line.amount.plus(wan('3.00')) } : line)),
      basicExpenditureLines: [
        ...base.basicExpenditureLines,
        { lineId: 'basic-9', functionalCode: '2010101', economicCode: '30913', fundSource: '一般公共预算拨款', amount: wan('3.00') },
      ],
    };
    const before = renderDisclosureTables(base, catalog).find((t) => t.id === 'T9')!;
    const t9 = renderDisclosureTables(withCar, catalog).find((t) => t.id === 'T9')!;
    expect(before.rows[6][2]).toBe('');
    expect(t9.rows[6].slice(1, 4)).toEqual(['其中：公务用车购置费', '3.00', '3.00']);
    expect(t9.rows[5][2]).toBe('3.00');
  });
});

describe('the catalog decides the 类 rows of Tables 1 and 4', () => {
  it('lists the year\'s 类 with that year\'s names, numbered, then 人行科目; without a 类 list, the 2024 rows', () => {
    const classes = [
      { code: '201', name: '一般公共服务支出（新）' },
      { code: '212', name: '城乡社区支出' },
      { code: '235', name: '新设类级科目' },
    ];
    const yearCatalog: CatalogNames = {
      ...catalog,
      functionalName: (code) => classes.find((entry) => entry.code === code)?.name ?? names[code],
      functionalClasses: () => classes,
    };
    const t1 = renderDisclosureTables(content(), yearCatalog).find((t) => t.id === 'T1')!;
    expect(t1.rows.map((row) => row[3])).toEqual([
      '一、一般公共服务支出（新）',
      '二、城乡社区支出',
      '三、新设类级科目',
      '四、人行科目',
      '本年支出合计',
      '年终结转结余',
      '支出总计',
    ]);
    expect(t1.rows[0][4]).toBe('105.00');
    const t4 = renderDisclosureTables(content(), yearCatalog).find((t) => t.id === 'T4')!;
    expect(t4.rows.slice(0, 4).map((row) => row[3])).toEqual(t1.rows.slice(0, 4).map((row) => row[3]));
    expect(renderDisclosureTables(content(), catalog).find((t) => t.id === 'T1')!.rows[30][3]).toBe('三十一、人行科目');
  });
});

describe('consistencyChecks', () => {
  const budget = content();
  const tables = renderDisclosureTables(budget, catalog);
  const narrative = renderNarrative(budget, tables);

  it('finds nothing wrong with tables rendered from the same content', () => {
    expect(consistencyChecks(budget, tables, narrative)).toEqual([]);
  });

  it('catches tables that do not add up and narrative figures the tables contradict', () => {
    const broken = tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) }));
    const t3 = broken.find((t) => t.id === 'T3')!;
    t3.rows[0][4] = '71.00';
    const t9 = broken.find((t) => t.id === 'T9')!;
    t9.rows[8][2] = '3.00';
    const codes = consistencyChecks(budget, broken, narrative).map((f) => [f.code, f.ref]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['T3_TOTAL_NOT_BASIC_PLUS_PROJECT', 'T3[0]'],
        ['T3_BASIC_NOT_T6_TOTAL', 'T6[0][3]'],
        ['T9_TOTAL_NOT_SUM_OF_ITEMS', 'T9[1][2]'],
        ['NARRATIVE_FIGURE_DIFFERS_FROM_TABLE', 'T3[0][4]'],
        ['NARRATIVE_FIGURE_DIFFERS_FROM_TABLE', 'T9[8][2]'],
      ]),
    );
  });

  it('compares exact amounts: odd fen that print 0.01 apart from their printed total are a note, never an error', () => {
    // Basic 11281649.49 + 335815.23 元 print 1128.16 + 33.58 = 1161.74 against their total 1161.75 (T6); with a
    // project of 503670.00 元 the total 12121134.72 元 prints 1212.11 against 1161.75 + 50.37 = 1212.12 (T3).
    const odd: BudgetContent = {
      ...content(),
      department: { code: '902', name: '测试局', unitKind: '行政' },
      income: [{ source: '一般公共预算拨款收入', amount: new Decimal('12121134.72') }],
      basicExpenditureLines: [
        { lineId: 'b1', functionalCode: '2010101', economicCode: '30101', fundSource: '一般公共预算拨款', amount: new Decimal('11281649.49') },
        { lineId: 'b2', functionalCode: '2010101', economicCode: '30201', fundSource: '一般公共预算拨款', amount: new Decimal('335815.23') },
      ],
      projects: [{ ...content().projects[0], amount: new Decimal('503670.00'), fiscalFunds: new Decimal('503670.00'), indicators: [], lines: [] }],
    };
    const oddTables = renderDisclosureTables(odd, catalog);
    const t3 = oddTables.find((t) => t.id === 'T3')!;
    expect(t3.rows[0].slice(3, 6)).toEqual(['1212.11', '1161.75', '50.37']);
    expect(oddTables.find((t) => t.id === 'T6')!.rows[0].slice(3, 6)).toEqual(['1161.75', '1128.16', '33.58']);
    const findings = consistencyChecks(odd, oddTables, renderNarrative(odd, oddTables));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => [f.code, f.severity, f.ref])).toEqual(
      expect.arrayContaining([
        ['PRINTED_ROUNDING_DIFFERENCE', 'info', 'T3[0]'],
        ['PRINTED_ROUNDING_DIFFERENCE', 'info', 'T6[0]'],
      ]),
    );
  });

  it('a printed difference larger than rounding explains is an error even when the exact amounts tie', () => {
    const broken = tables.map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) }));
    const t6 = broken.find((t) => t.id === 'T6')!;
    // 合计 70.00 = 60.00 + 10.00; three rounded terms explain at most 0.015 万元, so 0.02 is too much and 0.01 is not.
    t6.rows[0][3] = '70.02';
    expect(consistencyChecks(budget, broken, narrative).filter((f) => f.ref === 'T6[0]').map((f) => [f.code, f.severity])).toEqual([
      ['T6_TOTAL_NOT_PERSONNEL_PLUS_PUBLIC_USE', 'error'],
    ]);
    t6.rows[0][3] = '70.01';
    expect(consistencyChecks(budget, broken, narrative).filter((f) => f.ref === 'T6[0]').map((f) => [f.code, f.severity])).toEqual([
      ['PRINTED_ROUNDING_DIFFERENCE', 'info'],
    ]);
  });

  it('flags an unbalanced budget and a cost indicator above its comparator', () => {
    const unbalanced = content();
    unbalanced.income[0].amount = wan('90.00');
    unbalanced.projects[0].indicators[0].target = { printed: '≤20万元', comparator: '≤', value: '20', unit: '万元' };
    const tablesOf = renderDisclosureTables(unbalanced, catalog);
    const findings = consistencyChecks(unbalanced, tablesOf, renderNarrative(unbalanced, tablesOf));
    expect(findings.map((f) => [f.code, f.severity])).toEqual(
      expect.arrayContaining([
        ['T1_INCOME_EXPENDITURE_UNBALANCED', 'error'],
        ['COST_INDICATOR_DIFFERS_FROM_PROJECT_AMOUNT', 'warning'],
      ]),
    );
  });
});

describe('exports', () => {
  it('neutralises formula-leading text cells and leaves numbers, including negative ones, as they are', () => {
    expect(['=HYPERLINK("x")', '@SUM(A1)', '+1+1', '-1+1', '\t=1', '\r=1', '-12.50', '+3', '1000', '-', '合计'].map(neutraliseFormula)).toEqual([
      `'=HYPERLINK("x")`,
      "'@SUM(A1)",
      "'+1+1",
      "'-1+1",
      "'\t=1",
      "'\r=1",
      '-12.50',
      '+3',
      '1000',
      "'-",
      '合计',
    ]);
    expect(csvDocument([['=1+1', '-12.50', '"a", b']])).toBe(`'=1+1,-12.50,"""a"", b"\r\n`);
    expect(csvDownload('a\r\n')).toBe('\uFEFFa\r\n');
  });

  it('writes a table as CSV with its header and RFC 4180 quoting', () => {
    const csv = tablesToCsv({ id: 'T5', title: 't', rows: [['1', '', '合计, "all"', '1.00', '', '1.00']] });
    expect(csv.split('\r\n')).toEqual([
      '序号,功能分类科目,,合计,基本支出,项目支出',
      ',科目编码,科目名称,,,',
      '栏次,1,2,3,4,5',
      '1,,"合计, ""all""",1.00,,1.00',
      '',
    ]);
  });

  it('builds a fiscal data package with a phase column', () => {
    const pkg = fiscalDataPackage(content(), catalog, 'approved');
    const descriptor = pkg['datapackage.json'] as { name: string; resources: Array<{ path: string; schema: { fields: Array<{ name: string }> } }> };
    expect(descriptor.name).toBe('budget-901-2024-approved');
    expect(descriptor.resources[0].schema.fields.map((f) => f.name)).toContain('phase');
    const [header, ...lines] = pkg.files[0].csv.trim().split('\r\n');
    expect(pkg.files[0].name).toBe(descriptor.resources[0].path);
    expect(header.split(',')).toContain('phase');
    expect(lines).toHaveLength(6);
    expect(lines.every((line) => line.includes(',approved,'))).toBe(true);
    expect(lines[3]).toContain('30217,公务接待费');
  });
});
