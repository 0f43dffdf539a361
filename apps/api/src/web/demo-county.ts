import { existsSync, readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeyLike } from 'jose';
import { projectPath } from '@budgetflow/platform';
import { mintLocalToken } from '@budgetflow/platform';

/**
 * 演示县 — what `DEMO=1` loads on first start: the fixture department 501 (馆陶县信访局, its published 2024
 * budget-facts/1 document) and three generated departments in different stages, all through the public API
 * (import, submit, approve, publish) so the events are exactly what a real client would produce.
 * Idempotent: a department whose budget already exists is left alone, so a restart appends nothing.
 */
export const DEMO_YEAR = 2024;

export interface DemoDepartment {
  code: string;
  name: string;
  /** How far the demo takes it. */
  stage: 'drafting' | 'submitted' | 'published';
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  { code: '501', name: '馆陶县信访局', stage: 'drafting' },
  { code: '502', name: '馆陶县财政局', stage: 'published' },
  { code: '503', name: '馆陶县社会工作部', stage: 'submitted' },
  { code: '504', name: '馆陶县城市管理局', stage: 'drafting' },
];

const FIXTURE = ['test', 'fixtures', 'guantao-xinfang-2024', 'budget-facts.json'];

interface GeneratedSpec {
  code: string;
  name: string;
  unitKind: string;
  operations: string; // functional code of 行政运行
  projectFunctional: string;
  /** 万元 as decimal strings (basic lines: economic code → amount). */
  basic: Array<[string, string]>;
  projects: Array<{ code: string; name: string; amount: string; indicator: [string, string] }>;
}

const GENERATED: GeneratedSpec[] = [
  {
    code: '502',
    name: '馆陶县财政局',
    unitKind: '行政',
    operations: '2010601',
    projectFunctional: '2010607',
    basic: [['30101', '120.50'], ['30102', '36.20'], ['30201', '8.00'], ['30205', '1.20'], ['30206', '2.40']],
    projects: [
      { code: '13043324P00010010001A', name: '预算管理一体化系统运维经费', amount: '60.00', indicator: ['系统正常运行率', '≥99%'] },
      { code: '13043324P00010010002B', name: '财政票据电子化改造经费', amount: '25.00', indicator: ['电子票据覆盖率', '100%'] },
    ],
  },
  {
    code: '503',
    name: '馆陶县社会工作部',
    unitKind: '行政',
    operations: '2013901',
    projectFunctional: '2013999',
    basic: [['30101', '58.30'], ['30102', '17.60'], ['30201', '4.00'], ['30205', '0.80']],
    projects: [{ code: '13043324P00020010001C', name: '社区工作者培训经费', amount: '18.00', indicator: ['培训人次', '≥600人次'] }],
  },
  {
    code: '504',
    name: '馆陶县城市管理局',
    unitKind: '行政',
    operations: '2120101',
    projectFunctional: '2120201',
    basic: [['30101', '96.00'], ['30102', '28.80'], ['30201', '6.50'], ['30206', '3.10']],
    projects: [
      { code: '13043324P00030010001D', name: '城区道路照明维护经费', amount: '80.00', indicator: ['路灯完好率', '≥98%'] },
      { code: '13043324P00030010002E', name: '城乡规划编制经费', amount: '35.00', indicator: ['规划编制完成率', '100%'] },
    ],
  },
];

/** Sum of 万元 decimal strings in cents, back as a 万元 string (exact: integer arithmetic on hundredths). */
const sumWan = (amounts: string[]): string => {
  const cents = amounts.reduce((total, amount) => total + BigInt(amount.replace('.', '')), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
};

/** A budget-facts/1 document for a generated department: balanced, every code in the 2024 starter catalog. */
export function generatedBudgetFacts(spec: GeneratedSpec): Record<string, unknown> {
  const total = sumWan([...spec.basic.map(([, amount]) => amount), ...spec.projects.map((p) => p.amount)]);
  return {
    format: 'budget-facts/1',
    about: `演示数据：${spec.name}（生成）`,
    department: { code: spec.code, name: spec.name, unitName: `${spec.name}本级`, unitKind: spec.unitKind },
    fiscalYear: DEMO_YEAR,
    unit: '万元',
    income: [{ source: '一般公共预算拨款收入', amount: total }],
    carryOver: { fromLastYear: '0.00', toNextYear: '0.00' },
    basicExpenditureLines: spec.basic.map(([economicCode, amount]) => ({ functionalCode: spec.operations, economicCode, amount, fundSource: '一般公共预算拨款' })),
    projects: spec.projects.map((project) => ({
      code: project.code,
      name: project.name,
      functionalCode: spec.projectFunctional,
      fundSource: '一般公共预算拨款',
      amount: project.amount,
      fiscalFunds: project.amount,
      otherFunds: null,
      purpose: `用于${project.name.replace(/经费$/, '')}。`,
      goal: `按期完成${project.name.replace(/经费$/, '')}任务。`,
      spendingPlan: [
        { checkpoint: '3月底', cumulativePercent: 25 },
        { checkpoint: '6月底', cumulativePercent: 50 },
        { checkpoint: '10月底', cumulativePercent: 75 },
        { checkpoint: '12月底', cumulativePercent: 100 },
      ],
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: project.indicator[0], description: '', target: project.indicator[1], basis: '年度工作计划' },
        { level1: '产出指标', level2: '成本指标', name: '项目成本', description: '年度项目所需资金', target: `${Number(project.amount)}万元`, basis: '项目预算' },
        { level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', description: '', target: '≥90%', basis: '问卷调查' },
      ],
    })),
    procurement: [],
  };
}

export interface DemoLoadReport {
  loaded: string[];
  skipped: string[];
}

type Inject = NestFastifyApplication['inject'];

/** Loads the demo county through the API (Fastify inject); departments whose budget exists are skipped. */
export async function loadDemoCounty(app: NestFastifyApplication, signing: { privateKey: KeyLike; audience: string }, log: (message: string) => void): Promise<DemoLoadReport> {
  const inject: Inject = app.inject.bind(app);
  const finance = await mintLocalToken(signing.privateKey, { role: 'finance', userId: 'demo-finance', audience: signing.audience });
  const report: DemoLoadReport = { loaded: [], skipped: [] };
  for (const department of DEMO_DEPARTMENTS) {
    const clerk = await mintLocalToken(signing.privateKey, { role: 'department', department: department.code, userId: `demo-clerk-${department.code}`, audience: signing.audience });
    const base = `/v1/budgets/${department.code}/${DEMO_YEAR}`;
    const call = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown) => {
      const response = await inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      if (response.statusCode >= 400 && !(method === 'GET' && response.statusCode === 404)) {
        throw new Error(`演示数据加载失败 ${method} ${url}: ${response.statusCode} ${response.body}`);
      }
      return response;
    };
    if ((await call('GET', base, clerk)).statusCode !== 404) {
      report.skipped.push(department.code);
      continue;
    }
    let document: unknown;
    if (department.code === '501') {
      const fixture = projectPath(...FIXTURE);
      if (!existsSync(fixture)) {
        log(`演示数据：未找到 ${FIXTURE.join('/')}，跳过 501`);
        report.skipped.push(department.code);
        continue;
      }
      document = JSON.parse(readFileSync(fixture, 'utf8'));
    } else {
      const spec = GENERATED.find((candidate) => candidate.code === department.code);
      if (!spec) throw new Error(`no demo spec for ${department.code}`);
      document = generatedBudgetFacts(spec);
    }
    await call('POST', `${base}/import`, clerk, document);
    if (department.stage !== 'drafting') await call('POST', `${base}/submit`, clerk);
    if (department.stage === 'published') {
      await call('POST', `${base}/approve`, finance);
      await call('POST', `${base}/versions/1/publish`, finance);
    }
    report.loaded.push(department.code);
  }
  log(`演示县：载入 ${report.loaded.join('、') || '无'}；已存在 ${report.skipped.join('、') || '无'}`);
  return report;
}
