import { existsSync, readFileSync } from 'node:fs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { KeyLike } from 'jose';
import { standardSpendingPlan } from '@budgetflow/budget-domain';
import { mintLocalToken, projectPath } from '@budgetflow/platform';
import { type DemoIndicatorReport, type DemoPayment, PACES, type PaceName, monthEnd, monthsReached, pacedPayments } from './demo-execution';

/**
 * 演示县 — what `DEMO=1` loads on first start: the fixture department 501 (馆陶县信访局, its published 2024
 * budget-facts/1 document) and three generated departments in different stages, all through the public API
 * (import, submit, approve, publish) so the events are exactly what a real client would produce.
 * Published departments then live through the year up to the demo clock (today, at most the year's end):
 * payments against every basic line and project on a pace of its own, and indicator reports explaining the
 * projects that lag, so the supervisor dashboard shows green, yellow and red for reasons a visitor can follow.
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
  { code: '504', name: '馆陶县城市管理局', stage: 'published' },
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
  projects: Array<{ code: string; name: string; amount: string; indicator: [string, string]; pace: PaceName; reports?: DemoIndicatorReport[] }>;
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
      { code: '13043324P00010010001A', name: '预算管理一体化系统运维经费', amount: '60.00', indicator: ['系统正常运行率', '≥99%'], pace: 'onPlan' },
      { code: '13043324P00010010002B', name: '财政票据电子化改造经费', amount: '25.00', indicator: ['电子票据覆盖率', '100%'], pace: 'onPlan' },
    ],
  },
  {
    code: '503',
    name: '馆陶县社会工作部',
    unitKind: '行政',
    operations: '2013901',
    projectFunctional: '2013999',
    basic: [['30101', '58.30'], ['30102', '17.60'], ['30201', '4.00'], ['30205', '0.80']],
    projects: [{ code: '13043324P00020010001C', name: '社区工作者培训经费', amount: '18.00', indicator: ['培训人次', '≥600人次'], pace: 'onPlan' }],
  },
  {
    code: '504',
    name: '馆陶县城市管理局',
    unitKind: '行政',
    operations: '2120101',
    projectFunctional: '2120201',
    basic: [['30101', '96.00'], ['30102', '28.80'], ['30201', '6.50'], ['30206', '3.10']],
    projects: [
      { code: '13043324P00030010001D', name: '城区道路照明维护经费', amount: '80.00', indicator: ['路灯完好率', '≥98%'],
        pace: 'behind',
        reports: [{ indicator: '路灯完好率', month: 6, actualToDate: '97', forecast: '98', likelihood: '确定能' }],
      },
      {
        code: '13043324P00030010002E',
        name: '城乡规划编制经费',
        amount: '35.00',
        indicator: ['规划编制完成率', '100%'],
        pace: 'stalled',
        reports: [
          { indicator: '规划编制完成率', month: 3, actualToDate: '0', forecast: '90', likelihood: '有可能', deviationCause: '制度', deviationNote: '编制单位招标须待上级规划批复，预计8月完成招标' },
          { indicator: '规划编制完成率', month: 6, actualToDate: '5', forecast: '80', likelihood: '有可能', deviationCause: '制度', deviationNote: '上级规划批复延至7月，招标推迟到8月，合同签订后按进度集中支付' },
          { indicator: '规划编制完成率', month: 10, actualToDate: '45', forecast: '80', likelihood: '有可能', deviationCause: '其他', deviationNote: '8月完成招标，初稿已提交；年底前完成评审，部分尾款跨年支付' },
        ],
      },
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
      spendingPlan: standardSpendingPlan(),
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
  /** Position of the last event written (`?after=` for a read that must see the whole demo); absent when nothing was. */
  position?: string;
}

type Inject = NestFastifyApplication['inject'];

/** Loads the demo county through the API (Fastify inject); departments whose budget exists are skipped. */
export async function loadDemoCounty(
  app: NestFastifyApplication,
  signing: { privateKey: KeyLike; audience: string },
  log: (message: string) => void,
  /** The demo clock: today (ISO date); execution is brought up to it, at most to the year's end. */
  today: string,
): Promise<DemoLoadReport> {
  const inject: Inject = app.inject.bind(app);
  const finance = await mintLocalToken(signing.privateKey, { role: 'finance', userId: 'demo-finance', audience: signing.audience });
  const report: DemoLoadReport = { loaded: [], skipped: [] };
  for (const department of DEMO_DEPARTMENTS) {
    const clerk = await mintLocalToken(signing.privateKey, { role: 'department', department: department.code, userId: `demo-clerk-${department.code}`, audience: signing.audience });
    const base = `/v1/budgets/${department.code}/${DEMO_YEAR}`;
    const call = async (method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<{ statusCode: number; body: string; json: () => unknown }> => {
      const response = await inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      if (response.statusCode >= 400 && !(method === 'GET' && response.statusCode === 404)) {
        throw new Error(`演示数据加载失败 ${method} ${url}: ${response.statusCode} ${response.body}`);
      }
      if (method === 'POST') {
        const position = (response.json() as { position?: string }).position;
        if (position !== undefined) report.position = position;
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
      await liveTheYear(department.code, GENERATED.find((candidate) => candidate.code === department.code), today, clerk, call);
    }
    report.loaded.push(department.code);
  }
  log(`演示县：载入 ${report.loaded.join('、') || '无'}；已存在 ${report.skipped.join('、') || '无'}`);
  return report;
}

type Call = (method: 'GET' | 'POST', url: string, token: string, body?: unknown) => Promise<{ json: () => unknown }>;

interface ApprovedContent {
  content: {
    basicExpenditureLines: Array<{ lineId: string; amount: string; economicCode: string }>;
    projects: Array<{ code: string; amount: string; name: string }>;
  };
}

/**
 * Payments up to the demo clock — basic lines on plan, each project on its own pace — in one bulk request (the
 * same door as a clerk's CSV), then the indicator reports due by then.
 */
async function liveTheYear(department: string, spec: GeneratedSpec | undefined, today: string, clerk: string, call: Call): Promise<void> {
  if (!spec) return;
  const approved = (await call('GET', `/v1/budgets/${department}/${DEMO_YEAR}?version=approved`, clerk)).json() as ApprovedContent;
  const payee = '馆陶县财政国库支付中心';
  const payments: DemoPayment[] = [
    ...approved.content.basicExpenditureLines.flatMap((line, i) =>
      pacedPayments({ amount: line.amount, basicLineId: line.lineId, payee, note: `${line.economicCode} 月度支出` }, PACES.onPlan, DEMO_YEAR, today, `D${department}-B${i + 1}`),
    ),
    ...approved.content.projects.flatMap((project, i) => {
      const pace = spec.projects.find((candidate) => candidate.code === project.code)?.pace ?? 'onPlan';
      return pacedPayments({ amount: project.amount, projectCode: project.code, payee: `${project.name}承办单位`, note: `${project.name} 按进度支付` }, PACES[pace], DEMO_YEAR, today, `D${department}-P${i + 1}`);
    }),
  ];
  const base = `/v1/execution/${department}/${DEMO_YEAR}`;
  if (payments.length > 0) await call('POST', `${base}/payments/bulk`, clerk, payments);
  const reached = new Set(monthsReached(DEMO_YEAR, today));
  for (const project of spec.projects) {
    for (const { month, ...report } of project.reports ?? []) {
      if (reached.has(month)) await call('POST', `${base}/indicator-progress`, clerk, { projectCode: project.code, date: monthEnd(DEMO_YEAR, month), ...report });
    }
  }
}
