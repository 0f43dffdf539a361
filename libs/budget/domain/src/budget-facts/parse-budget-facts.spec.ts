import { readFileSync } from 'fs';
import { join } from 'path';
import { catalogNamesFromEntries, parseBudgetFacts } from './index';

const fixturePath = join(__dirname, '../../../../../test/fixtures/guantao-xinfang-2024/budget-facts.json');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests mutate arbitrary fields of raw JSON
const fixture = (): Record<string, any> => JSON.parse(readFileSync(fixturePath, 'utf8'));

const errorsOf = (json: unknown) => {
  const result = parseBudgetFacts(json);
  if (result.ok) throw new Error('expected the document to be refused');
  return result.errors;
};

describe('parseBudgetFacts', () => {
  it('reads the Guantao fixture with every amount in 元', () => {
    const result = parseBudgetFacts(fixture());
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    const { content, catalogUsed, unit } = result.document;
    expect(unit).toBe('万元');
    expect(content.department).toEqual({
      code: '501',
      name: '馆陶县信访局',
      unitName: '馆陶县信访局本级',
      unitKind: '行政',
      unitRank: '正科级',
      fundingForm: '财政拨款',
    });
    expect(content.fiscalYear).toBe(2024);
    expect(content.income[0].amount.toFixed(2)).toBe('6542400.00');
    expect(content.basicExpenditureLines).toHaveLength(19);
    expect(content.basicExpenditureLines[0]).toMatchObject({ lineId: 'basic-1', functionalCode: '2014001', economicCode: '30101' });
    expect(content.basicExpenditureLines[18].lineId).toBe('basic-19');
    expect(content.basicExpenditureLines[0].amount.toFixed(0)).toBe('779000');
    expect(content.projects).toHaveLength(7);
    const first = content.projects[0];
    expect(first.otherFunds.isZero()).toBe(true);
    expect(first.fiscalFunds.toFixed(0)).toBe('40000');
    expect(first.spendingPlan.map((c) => [c.checkpoint, c.month, c.cumulativePercent])).toEqual([
      ['3月底', 3, 25],
      ['6月底', 6, 50],
      ['10月底', 10, 75],
      ['12月底', 12, 100],
    ]);
    expect(first.indicators[2].target).toEqual({ printed: '≤60天', comparator: '≤', value: '60', unit: '天' });
    expect(first.lines).toEqual([]);
    expect(content.priorYear?.fiscalYear).toBe(2023);
    expect(content.priorYear?.threePublicExpenses.toFixed(0)).toBe('19000');
    expect(content.fixedAssets?.vehicles.count).toBe(1);
    expect(content.text?.threePublicChangeReason).toBe('压减公务接待费');
    expect(catalogUsed.functional).toContainEqual({ code: '2014004', name: '信访业务' });
    expect(catalogNamesFromEntries(catalogUsed).economicName('30231')).toBe('公务用车运行维护费');
  });

  it('reads amounts in 元 unchanged', () => {
    const json = fixture();
    json.unit = '元';
    const result = parseBudgetFacts(json);
    if (!result.ok) throw new Error('expected ok');
    expect(result.document.content.income[0].amount.toFixed(2)).toBe('654.24');
  });

  it('refuses another format', () => {
    expect(errorsOf({ ...fixture(), format: 'budget-facts/2' })).toEqual([
      expect.objectContaining({ code: 'FORMAT_UNSUPPORTED', field: 'format' }),
    ]);
    expect(errorsOf([])[0].code).toBe('NOT_AN_OBJECT');
  });

  it('refuses JSON numbers as amounts and names the field', () => {
    const json = fixture();
    json.projects[2].amount = 2.6;
    const errors = errorsOf(json);
    expect(errors).toEqual([expect.objectContaining({ code: 'AMOUNT_NOT_DECIMAL_STRING', field: 'projects[2].amount' })]);
    expect(errors[0].message).toMatch(/金额/);
  });

  it('reports every problem with its path', () => {
    const json = fixture();
    json.unit = '千元';
    json.income[0].source = '捐赠收入';
    json.basicExpenditureLines[3].functionalCode = '20140';
    json.basicExpenditureLines[4].economicCode = '301';
    json.basicExpenditureLines[5].fundSource = '自筹';
    json.projects[2].indicators[3].target = '较多';
    json.projects[1].spendingPlan[0].checkpoint = '第一季度';
    json.projects[1].spendingPlan[1].cumulativePercent = 150;
    json.department.unitKind = '企业';
    delete json.projects[0].name;
    const fields = errorsOf(json).map((e) => [e.code, e.field]);
    expect(fields).toEqual(
      expect.arrayContaining([
        ['UNIT_UNSUPPORTED', 'unit'],
        ['INCOME_SOURCE_UNKNOWN', 'income[0].source'],
        ['FUNCTIONAL_CODE_INVALID', 'basicExpenditureLines[3].functionalCode'],
        ['ECONOMIC_CODE_INVALID', 'basicExpenditureLines[4].economicCode'],
        ['FUND_SOURCE_UNKNOWN', 'basicExpenditureLines[5].fundSource'],
        ['INDICATOR_TARGET_INVALID', 'projects[2].indicators[3].target'],
        ['CHECKPOINT_INVALID', 'projects[1].spendingPlan[0].checkpoint'],
        ['PERCENT_INVALID', 'projects[1].spendingPlan[1].cumulativePercent'],
        ['UNIT_KIND_UNKNOWN', 'department.unitKind'],
        ['FIELD_REQUIRED', 'projects[0].name'],
      ]),
    );
    expect(fields).toHaveLength(10);
  });

  it('treats null amounts as zero and a missing required amount as an error', () => {
    const json = fixture();
    json.basicExpenditureLines[0].amount = null;
    const ok = parseBudgetFacts(json);
    expect(ok.ok && ok.document.content.basicExpenditureLines[0].amount.isZero()).toBe(true);
    delete json.basicExpenditureLines[0].amount;
    expect(errorsOf(json)).toEqual([
      expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'basicExpenditureLines[0].amount' }),
    ]);
  });

  it('reads project lines split by economic code', () => {
    const json = fixture();
    json.projects[0].lines = [{ functionalCode: '2014004', economicCode: '30217', fundSource: '一般公共预算拨款', amount: '1.50' }];
    const result = parseBudgetFacts(json);
    if (!result.ok) throw new Error('expected ok');
    expect(result.document.content.projects[0].lines[0].amount.toFixed(0)).toBe('15000');
  });
});

describe('parseBudgetFacts: strict fields, units and carry-over', () => {
  it('refuses a field budget-facts/1 does not define, at any depth, with its path', () => {
    const document = fixture();
    document.unknownRoot = 1;
    document.department.unitCode = '501';
    document.projects[1].indicators[2].weight = 10;
    document.basicExpenditureLines[0].fundsource = '一般公共预算拨款';
    const errors = errorsOf(document).filter((error) => error.code === 'FIELD_NOT_ALLOWED');
    // In the document's order (the new root field was added last).
    expect(errors.map((error) => error.field)).toEqual([
      'department.unitCode',
      'basicExpenditureLines[0].fundsource',
      'projects[1].indicators[2].weight',
      'unknownRoot',
    ]);
    expect(errors[0].message).toContain('不是 budget-facts/1 定义的字段');
    // Unknown fields come first: the import answers with the first error's code.
    expect(errorsOf(document)[0].code).toBe('FIELD_NOT_ALLOWED');
  });

  it('reads units[], a unit on lines and projects and fromCarryOver, and refuses a unit not in units[]', () => {
    const document = fixture();
    document.units = [
      { code: '501001', name: '本级', unitKind: '行政', parent: '501' },
      { code: '501002', name: '群众工作中心', unitKind: '事业', parent: '501001' },
    ];
    document.basicExpenditureLines[0].unit = '501002';
    document.basicExpenditureLines[0].fromCarryOver = true;
    document.projects[0].unit = '501001';
    document.projects[0].fromCarryOver = true;
    const result = parseBudgetFacts(document);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { content } = result.document;
    expect(content.units?.map((unit) => [unit.code, unit.unitKind, unit.parent])).toEqual([
      ['501001', '行政', '501'],
      ['501002', '事业', '501001'],
    ]);
    expect(content.basicExpenditureLines[0]).toMatchObject({ unit: '501002', fromCarryOver: true });
    expect(content.basicExpenditureLines[1].fromCarryOver).toBeUndefined();
    expect(content.projects[0]).toMatchObject({ unit: '501001', fromCarryOver: true });

    document.projects[1].unit = '501009';
    document.basicExpenditureLines[1].fromCarryOver = 'yes';
    document.units[1].unitKind = '企业';
    expect(errorsOf(document).map((error) => [error.code, error.field])).toEqual(
      expect.arrayContaining([
        ['UNIT_NOT_IN_BUDGET', 'projects[1].unit'],
        ['FIELD_WRONG_TYPE', 'basicExpenditureLines[1].fromCarryOver'],
        ['UNIT_KIND_UNKNOWN', 'units[1].unitKind'],
      ]),
    );
  });

  it('a document without units[] is one unit: a line may name only the department itself', () => {
    const document = fixture();
    document.basicExpenditureLines[0].unit = '501';
    expect(parseBudgetFacts(document).ok).toBe(true);
    document.basicExpenditureLines[0].unit = '501002';
    expect(errorsOf(document).map((error) => error.code)).toEqual(['UNIT_NOT_IN_BUDGET']);
  });
});
