import { budgetFacts } from './budget-facts';

/**
 * A budget kept in 元 with odd fen (see test/golden/odd-fen-budget.golden.spec.ts): its exact figures tie to the fen,
 * its cells rounded on their own do not.
 */
export const oddFenBudget = budgetFacts({ code: '601', name: '测试县信访局' }, {
  unit: '元',
  income: [{ source: '一般公共预算拨款收入', amount: '12121185.09' }],
  basicExpenditureLines: [
    { functionalCode: '2014001', economicCode: '30101', fundSource: '一般公共预算拨款', amount: '11281649.49' },
    { functionalCode: '2014001', economicCode: '30201', fundSource: '一般公共预算拨款', amount: '335815.23' },
    { functionalCode: '2210201', economicCode: '30113', fundSource: '一般公共预算拨款', amount: '50.00' },
  ],
  projects: [
    {
      code: '601P001',
      name: '信访业务经费',
      functionalCode: '2014004',
      fundSource: '一般公共预算拨款',
      amount: '503670.37',
      fiscalFunds: '503670.37',
      purpose: '信访业务',
      spendingPlan: [{ checkpoint: '12月底', cumulativePercent: 100 }],
      goal: '化解信访事项',
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '接访批次', description: '', target: '≥100 批', basis: '上年实绩' }],
    },
  ],
});

/**
 * T3 of the odd-fen budget with each cell rounded on its own (the default print): each exact figure rounded half-up
 * to 0.01 万元, worked out by hand from the amounts (万元: 1161.746472, 50.367037, 0.005).
 */
export const ODD_FEN_T3_EACH_CELL = [
  ['1', '', '合计', '1212.12', '1161.75', '50.37', '', '', ''],
  ['2', '201', '一般公共服务支出', '1212.11', '1161.75', '50.37', '', '', ''],
  ['3', '20140', '信访事务', '1212.11', '1161.75', '50.37', '', '', ''],
  ['4', '2014001', '行政运行', '1161.75', '1161.75', '', '', '', ''],
  ['5', '2014004', '信访业务', '50.37', '', '50.37', '', '', ''],
  ['6', '221', '住房保障支出', '0.01', '0.01', '', '', '', ''],
  ['7', '22102', '住房改革支出', '0.01', '0.01', '', '', '', ''],
  ['8', '2210201', '住房公积金', '0.01', '0.01', '', '', '', ''],
];
