/**
 * Disclosure (issue 4): how long rendering the whole published document takes, and how fast the projection serves it.
 *  1. render: the whole document (nine tables, narrative, goal tables, sections, 勾稽 checks, open-data CSV) of one
 *     department with 2,000 lines, and of a county of 300 departments × 1,000 lines (pure functions, in-process);
 *  2. projection: on the built api (real Postgres), a 2,000-line budget imported, then the time until its tables
 *     are served from the projection (`?after=` the import's position);
 *  3. reads: GET …/tables of that department under concurrent load (autocannon), p50/p99 and req/s.
 * Run: `npm run build && node -r ./tools/register-dist-paths.js dist/bench/disclosure.bench.js`
 * Env: DATABASE_URL, BENCH_READ_SECONDS (default 5), BENCH_READERS (default 50), BENCH_SCALE (default 1).
 */
import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { Decimal, type BudgetContent, type CatalogNames } from '@budgetflow/budget-domain';
import { functionalClassTotals, renderDisclosureDocument } from '@budgetflow/budget-projections';
import { DEFAULT_DATABASE_URL } from '@budgetflow/event-store';
import { benchCatalog, benchLineCodes, startBenchApi } from './support/api-process';
import type { BenchContext, BenchSection } from './support/report';
import { median } from './support/stats';

const catalogEntries = benchCatalog();
const catalogNames: CatalogNames = (() => {
  const functional = new Map(catalogEntries.functional.map((entry) => [entry.code, entry.name]));
  const economic = new Map(catalogEntries.economic.map((entry) => [entry.code, entry.name]));
  return { functionalName: (code) => functional.get(code), economicName: (code) => economic.get(code) };
})();

/** Amount of line n in 元: varied cents so the roll-ups really add decimals. */
const lineAmount = (n: number): Decimal => new Decimal(1000 + ((n * 7919) % 90_000)).plus(new Decimal(n % 100).dividedBy(100));

/** A department with `lines` basic lines over the bench catalog (plus, as in real budgets, a few projects). */
export function syntheticContent(department: string, lines: number, projects = 10): BudgetContent {
  const basic = Array.from({ length: lines }, (_, n) => ({ lineId: `b${n}`, ...benchLineCodes(n), fundSource: '一般公共预算拨款' as const, amount: lineAmount(n) }));
  const projectList = Array.from({ length: projects }, (_, p) => ({
    code: `P${department}${String(p).padStart(4, '0')}`,
    name: `测试项目${p}`,
    functionalCode: benchLineCodes(p).functionalCode,
    fundSource: '一般公共预算拨款' as const,
    amount: new Decimal(50_000 + p * 1_000),
    fiscalFunds: new Decimal(50_000 + p * 1_000),
    otherFunds: new Decimal(0),
    purpose: '用于测试。',
    spendingPlan: [3, 6, 10, 12].map((month, i) => ({ checkpoint: `${month}月底`, month, cumulativePercent: (i + 1) * 25 })),
    goal: '完成测试。',
    indicators: [{ level1: '产出指标', level2: '成本指标', name: '成本', description: '', basis: '', target: { printed: `≤${5 + p * 0.1}万元`, comparator: '≤' as const, value: String(5 + p * 0.1), unit: '万元' } }],
    lines: [],
  }));
  const total = [...basic, ...projectList].reduce((sum, item) => sum.plus(item.amount), new Decimal(0));
  return {
    department: { code: department, name: `测试部门${department}`, unitKind: '行政' },
    fiscalYear: 2024,
    income: [{ source: '一般公共预算拨款收入', amount: total }],
    carryOver: { fromLastYear: new Decimal(0), toNextYear: new Decimal(0) },
    basicExpenditureLines: basic,
    projects: projectList,
    procurement: [],
  };
}

const time = (fn: () => void): number => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

export async function runDisclosureBench(context: BenchContext): Promise<BenchSection[]> {
  const departments = Math.max(1, Math.round(300 * context.scale));
  const readers = Number(process.env['BENCH_READERS'] ?? 50);
  const seconds = Number(process.env['BENCH_READ_SECONDS'] ?? 5);

  // 1. Rendering, in-process.
  const big = syntheticContent('901', 2_000);
  renderDisclosureDocument(big, catalogNames, 'proposed'); // warm-up (JIT)
  const departmentMs: number[] = [];
  for (let run = 0; run < context.runs; run++) departmentMs.push(time(() => renderDisclosureDocument(big, catalogNames, 'proposed')));
  context.log(`render 2,000-line department: ${departmentMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  const county = Array.from({ length: departments }, (_, d) => syntheticContent(String(600 + d), 1_000));
  const countyMs: number[] = [];
  for (let run = 0; run < context.runs; run++) {
    countyMs.push(
      time(() => {
        for (const content of county) {
          renderDisclosureDocument(content, catalogNames, 'proposed');
          functionalClassTotals(content, catalogNames);
        }
      }),
    );
  }
  context.log(`render county of ${departments} × 1,000 lines: ${countyMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);

  // 2 and 3. The projection on the built api.
  const api = await startBenchApi(context.databaseUrl);
  try {
    const admin = await api.token('admin');
    const clerk = await api.token('department', '501');
    const loaded = await api.call('PUT', '/v1/catalogs/2024', admin, catalogEntries);
    if (loaded.status !== 200) throw new Error(`catalog: ${loaded.status} ${loaded.body}`);
    const content = syntheticContent('501', 2_000, 0);
    const facts = {
      format: 'budget-facts/1',
      department: { code: '501', name: content.department.name, unitKind: '行政' },
      fiscalYear: 2024,
      unit: '元',
      income: content.income.map((line) => ({ source: line.source, amount: line.amount.toFixed(2) })),
      carryOver: { fromLastYear: '0', toNextYear: '0' },
      basicExpenditureLines: content.basicExpenditureLines.map(({ functionalCode, economicCode, fundSource, amount }) => ({ functionalCode, economicCode, fundSource, amount: amount.toFixed(2) })),
      projects: [],
    };
    const importStart = performance.now();
    const imported = await api.call('POST', '/v1/budgets/501/2024/import', clerk, facts);
    const importMs = performance.now() - importStart;
    if (imported.status !== 200) throw new Error(`import: ${imported.status} ${imported.body.slice(0, 500)}`);
    const position = (JSON.parse(imported.body) as { position: string }).position;
    const servedStart = performance.now();
    // Each read waits up to 5 s for the projection and answers 503 if it is not there yet: ask again until served.
    let served = await api.call('GET', `/v1/budgets/501/2024/tables?after=${position}`, clerk);
    while (served.status === 503 && performance.now() - servedStart < 300_000) served = await api.call('GET', `/v1/budgets/501/2024/tables?after=${position}`, clerk);
    const projectionMs = performance.now() - servedStart;
    if (served.status !== 200) throw new Error(`tables: ${served.status} ${served.body.slice(0, 500)}`);
    context.log(`import 2,000 lines ${importMs.toFixed(0)} ms; tables served from the projection ${projectionMs.toFixed(0)} ms later (${served.body.length} bytes)`);

    const url = `http://127.0.0.1:${api.port}/v1/budgets/501/2024/tables`;
    const headers = { authorization: `Bearer ${clerk}` };
    await autocannon({ url, connections: 10, duration: 1, headers }); // warm-up
    const reads: Array<{ p50: number; p99: number; rate: number; errors: number }> = [];
    for (let run = 0; run < context.runs; run++) {
      const result = await autocannon({ url, connections: readers, duration: seconds, headers });
      reads.push({ p50: result.latency.p50, p99: result.latency.p99, rate: result.requests.average, errors: result.errors + result.non2xx + result.timeouts });
      context.log(`reads run ${run + 1}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${reads[run].errors}`);
    }
    return [
      {
        title: 'Disclosure: rendering the whole document',
        rows: [
          { measure: 'render one department, 2,000 basic lines + 10 projects', value: median(departmentMs), unit: 'ms', runs: departmentMs },
          { measure: `render a county, ${departments} departments × 1,000 lines`, value: median(countyMs), unit: 'ms', runs: countyMs },
        ],
        notes: ['Pure functions in-process: nine tables, narrative, goal tables, 机关运行经费/采购/资产, 勾稽 checks, open-data CSV, totals by 类.'],
      },
      {
        title: 'Disclosure projection on the api (real Postgres)',
        rows: [
          { measure: 'import of a 2,000-line budget (one atomic append)', value: importMs, unit: 'ms' },
          { measure: 'then until its tables are served from the projection', value: projectionMs, unit: 'ms' },
          { measure: `GET …/tables (${served.body.length} bytes), ${readers} concurrent readers`, value: median(reads.map((r) => r.rate)), unit: 'req/s' },
          { measure: 'GET …/tables p50 latency', value: median(reads.map((r) => r.p50)), unit: 'ms' },
          { measure: 'GET …/tables p99 latency', value: median(reads.map((r) => r.p99)), unit: 'ms', note: `errors/non-2xx: ${reads.reduce((sum, r) => sum + r.errors, 0)}` },
        ],
      },
    ];
  } finally {
    await api.stop();
  }
}

if (require.main === module) {
  const context: BenchContext = {
    databaseUrl: process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL,
    runs: Number(process.env['BENCH_RUNS'] ?? 3),
    scale: Number(process.env['BENCH_SCALE'] ?? 1),
    log: (message) => console.log(message),
  };
  runDisclosureBench(context).then(
    (sections) => {
      for (const section of sections) {
        console.log(`\n${section.title}`);
        for (const row of section.rows) console.log(`  ${row.measure}: ${row.value.toFixed(1)} ${row.unit}${row.note ? ` (${row.note})` : ''}`);
      }
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
