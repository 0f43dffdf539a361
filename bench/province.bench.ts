/**
 * A province on one Postgres: departments × (200 basic lines, 20 projects, approved) with a year of payments —
 * 3,000 departments and about 10 million events at BENCH_PROVINCE_SCALE=1. One template department goes through
 * the real doors (import, submit, approve, bulk payments over HTTP on the built api); its events are then cloned
 * for every department (its code substituted) straight into a fresh schema with appendMany. Then the built api
 * starts on that schema and builds every read model from nothing (the rebuild a province does after an upgrade):
 * events/s until every projection is at the head, each projection's time, the api's RSS throughout; then the
 * county dashboards' latency over all departments.
 * Env: BENCH_PROVINCE_SCALE (default 0.1 in the full run: 300 departments, about 1 million events; 1 = 3,000),
 *      BENCH_PROVINCE_PAYMENTS (payments per department; default 3,100).
 */
import { randomUUID } from 'node:crypto';
import { type EventMetadata, type NewEvent, PgSqlClient, PostgresEventStore, projectionLag, runMigrations } from '@budgetflow/event-store';
import { standardSpendingPlan } from '@budgetflow/budget-domain';
import { benchCatalog, benchLineCodes, rssOfPid, startBenchApi } from './support/api-process';
import type { BenchContext, BenchRow, BenchSection } from './support/report';
import { median, percentile } from './support/stats';

const YEAR = 2024;
const TEMPLATE = 'TPL9';
const LINES = 200;
const PROJECTS = 20;

/** 万元 with two decimals from hundredths. */
const wan = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** A balanced budget-facts/1 document of 200 basic lines and 20 projects (every code in the bench catalog). */
export function provinceBudgetFacts(department: string): Record<string, unknown> {
  const lines = Array.from({ length: LINES }, (_, n) => ({ ...benchLineCodes(n), amount: wan(100 + (n % 50) * 7), fundSource: '一般公共预算拨款' }));
  const projects = Array.from({ length: PROJECTS }, (_, n) => {
    const amount = wan(2_000 + n * 150);
    return {
      code: `13043324P9${String(n).padStart(11, '0')}`,
      name: `省级压测项目${n + 1}`,
      functionalCode: '2010101',
      fundSource: '一般公共预算拨款',
      amount,
      fiscalFunds: amount,
      otherFunds: null,
      purpose: '用于压测项目的年度支出。',
      goal: '按期完成年度任务。',
      spendingPlan: standardSpendingPlan(),
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: '完成事项', description: '', target: '≥10项', basis: '年度计划' },
        { level1: '产出指标', level2: '成本指标', name: '项目成本', description: '年度项目所需资金', target: `${Number(amount)}万元`, basis: '项目预算' },
        { level1: '满意度指标', level2: '服务对象满意度指标', name: '服务对象满意度', description: '', target: '≥90%', basis: '问卷调查' },
      ],
    };
  });
  const totalCents = [...lines, ...projects].reduce((sum, item) => sum + Math.round(Number(item.amount) * 100), 0);
  return {
    format: 'budget-facts/1',
    about: '省级压测部门（生成）',
    department: { code: department, name: `省级压测部门${department}`, unitName: `省级压测部门${department}本级`, unitKind: '行政' },
    fiscalYear: YEAR,
    unit: '万元',
    income: [{ source: '一般公共预算拨款收入', amount: wan(totalCents) }],
    carryOver: { fromLastYear: '0.00', toNextYear: '0.00' },
    basicExpenditureLines: lines,
    projects,
    procurement: [],
  };
}

interface TemplateEvent {
  stream_id: string;
  type: string;
  data: unknown;
}

/** The template department through the real doors; answers its events (budget and execution streams) in order. */
async function templateEvents(context: BenchContext, payments: number): Promise<TemplateEvent[]> {
  const api = await startBenchApi(context.databaseUrl);
  try {
    const admin = await api.token('admin');
    const finance = await api.token('finance');
    const clerk = await api.token('department', TEMPLATE);
    const ok = async (method: string, url: string, token: string, body?: unknown): Promise<string> => {
      const answer = await api.call(method, url, token, body);
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${answer.body.slice(0, 500)}`);
      return answer.body;
    };
    await ok('PUT', `/v1/catalogs/${YEAR}`, admin, benchCatalog());
    const budget = `/v1/budgets/${TEMPLATE}/${YEAR}`;
    await ok('POST', `${budget}/import`, clerk, provinceBudgetFacts(TEMPLATE));
    await ok('POST', `${budget}/submit`, clerk);
    await ok('POST', `${budget}/approve`, finance);
    const approved = JSON.parse(await ok('GET', `${budget}?version=approved`, finance)) as {
      content: { basicExpenditureLines: Array<{ lineId: string }>; projects: Array<{ code: string }> };
    };
    const targets = [...approved.content.basicExpenditureLines.map((line) => ({ basicLineId: line.lineId })), ...approved.content.projects.map((project) => ({ projectCode: project.code }))];
    for (let start = 0; start < payments; start += 1_000) {
      const rows = Array.from({ length: Math.min(1_000, payments - start) }, (_, i) => {
        const n = start + i;
        const day = 1 + Math.floor((n / payments) * 364);
        const date = new Date(Date.UTC(YEAR, 0, day)).toISOString().slice(0, 10);
        return { voucher: `PV-${n}`, date, amount: `${(1 + (n % 899) / 100).toFixed(2)}`, ...targets[n % targets.length]!, payee: '压测收款单位', note: '' };
      });
      await ok('POST', `/v1/execution/${TEMPLATE}/${YEAR}/payments/bulk`, clerk, rows);
    }
    const { rows } = await api.sql.query<TemplateEvent>(
      `SELECT stream_id, type, data FROM events WHERE stream_id IN ($1, $2) ORDER BY global_position`,
      [`budget-${TEMPLATE}-${YEAR}`, `execution-${TEMPLATE}-${YEAR}`],
    );
    return rows;
  } finally {
    await api.stop();
  }
}

export async function runProvinceBench(context: BenchContext): Promise<BenchSection[]> {
  const scale = Number(process.env['BENCH_PROVINCE_SCALE'] ?? 0.1);
  const departments = Math.max(2, Math.round(3_000 * scale));
  const payments = Number(process.env['BENCH_PROVINCE_PAYMENTS'] ?? 3_100);
  const template = await templateEvents(context, payments);
  context.log(`province: template department has ${template.length} events`);
  if (process.env['BENCH_KEEP_SCHEMA'] === '1') context.log('province: BENCH_KEEP_SCHEMA=1, the schema is kept at the end');

  const schema = `bench_province_${randomUUID().slice(0, 8)}`;
  const sql = new PgSqlClient({ connectionString: context.databaseUrl, schema, max: 6, applicationName: 'bench-province' });
  const store = new PostgresEventStore(sql, { notify: 'off' });
  const metadata: EventMetadata = { userId: 'bench', role: 'admin', correlationId: randomUUID(), recordedAt: new Date().toISOString() };
  const rows: BenchRow[] = [];
  let generated = 0;
  let generateSeconds = 0;
  const byStream = new Map<string, TemplateEvent[]>();
  for (const event of template) byStream.set(event.stream_id, [...(byStream.get(event.stream_id) ?? []), event]);
  try {
    await runMigrations(sql);
    // Events of one department with its code in place of the template's (stream ids, data).
    const clone = (code: string): Array<{ streamId: string; events: NewEvent[]; expected: 'no-stream' }> =>
      [...byStream].map(([streamId, events]) => ({
        streamId: streamId.replace(TEMPLATE, code),
        expected: 'no-stream' as const,
        events: events.map((event) => ({ type: event.type, data: JSON.parse(JSON.stringify(event.data).split(TEMPLATE).join(code)) as Record<string, unknown> })),
      }));
    const t0 = process.hrtime.bigint();
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < departments) {
        const code = `P${String(next++).padStart(4, '0')}`;
        const writes = clone(code);
        // appendMany in chunks of about 5,000 events (one stream's events may be split: each chunk continues it).
        for (const write of writes) {
          for (let start = 0; start < write.events.length; start += 5_000) {
            const events = write.events.slice(start, start + 5_000);
            await store.appendMany([{ streamId: write.streamId, events, expected: start === 0 ? 'no-stream' : start }], metadata);
          }
        }
      }
    };
    await Promise.all([writer(), writer()]);
    generateSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    generated = Number((await sql.query<{ n: bigint }>('SELECT count(*) AS n FROM events')).rows[0]!.n);
    context.log(`province: generated ${generated} events for ${departments} departments in ${generateSeconds.toFixed(0)} s (schema ${schema})`);
  } finally {
    await store.close();
    await sql.close();
  }

  // The api on that schema builds every read model from nothing.
  const started = process.hrtime.bigint();
  // Start-up on a filled schema takes longer than on an empty one: wait up to 30 minutes for /health.
  // RSS sampled from the moment the api runs: /health may answer only once the build is well under way.
  const rss: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  const api = await startBenchApi(context.databaseUrl, {}, schema, 30 * 60_000, (pid) => {
    sampler = setInterval(() => {
      try {
        const mb = rssOfPid(pid);
        if (Number.isFinite(mb)) rss.push(mb);
      } catch {
        // the api has exited: its start-up failure is reported by startBenchApi
      }
    }, 250);
  });
  try {
    const caughtUp = new Map<string, number>();
    // A store on the api's schema only to measure each read model's lag.
    const lagStore = new PostgresEventStore(api.sql, { notify: 'off' });
    const deadline = Date.now() + 60 * 60_000;
    for (;;) {
      const { rows: names } = await api.sql.query<{ name: string }>('SELECT name FROM projection_versions');
      const lags = await Promise.all(names.map(async ({ name }) => ({ name, behind: (await projectionLag(api.sql, lagStore, name)).eventsBehind > 0 })));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const lag of lags) if (!lag.behind && !caughtUp.has(lag.name)) caughtUp.set(lag.name, seconds);
      if (lags.length > 0 && caughtUp.size === lags.length) break;
      if (Date.now() > deadline) throw new Error(`read models still building after an hour: ${lags.filter((l) => l.behind).map((l) => l.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    clearInterval(sampler);
    const buildSeconds = Math.max(...caughtUp.values());
    rows.push({
      measure: `api builds every read model from nothing over ${generated.toLocaleString('en-US')} events (${departments.toLocaleString('en-US')} departments)`,
      value: generated / buildSeconds,
      unit: 'events/s',
      target: { kind: 'value-min', value: 50_000 },
      note: `${buildSeconds.toFixed(0)} s from api start; per read model (s): ${[...caughtUp].map(([name, s]) => `${name} ${s.toFixed(0)}`).join(', ')}`,
    });
    if (rss.length === 0) throw new Error('no RSS sample of the api while it built the read models');
    rows.push({ measure: 'api RSS, peak while building every read model', value: Math.max(...rss), unit: 'MB', target: { kind: 'value-max', value: 300 } });

    const supervisor = await api.token('supervisor');
    const finance = await api.token('finance');
    const dashboards = [
      { label: `county execution dashboard (${departments.toLocaleString('en-US')} departments) at 6月底`, path: `/v1/monitoring/${YEAR}?checkpoint=${encodeURIComponent('6月底')}`, token: supervisor },
      { label: `county warnings (${departments.toLocaleString('en-US')} departments) at 6月底`, path: `/v1/monitoring/${YEAR}/warnings?checkpoint=${encodeURIComponent('6月底')}`, token: supervisor },
      { label: `budgets of the year (${departments.toLocaleString('en-US')} departments)`, path: `/v1/budgets?year=${YEAR}`, token: finance },
    ];
    const readRss: number[] = [];
    for (const dashboard of dashboards) {
      const latencies: number[] = [];
      const cpuBefore = api.cpuMs();
      for (let i = 0; i < 20; i++) {
        const t = process.hrtime.bigint();
        const answer = await api.call('GET', dashboard.path, dashboard.token);
        if (answer.status !== 200) throw new Error(`${dashboard.path}: ${answer.status} ${answer.body.slice(0, 300)}`);
        latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        readRss.push(api.rssMb());
      }
      const cpuPerRequest = (api.cpuMs() - cpuBefore) / 20;
      rows.push({
        measure: dashboard.label,
        value: median(latencies),
        unit: 'ms',
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        note: `20 requests one after another; ${cpuPerRequest.toFixed(1)} ms of api CPU per request`,
      });
    }
    rows.push({ measure: 'api RSS, peak under the dashboard reads', value: Math.max(...readRss), unit: 'MB', target: { kind: 'value-max', value: 300 } });
  } finally {
    clearInterval(sampler);
    await api.stop();
  }
  return [
    {
      title: `A province on one Postgres (BENCH_PROVINCE_SCALE=${scale})`,
      rows,
      notes: [
        `Each department: ${LINES} basic lines and ${PROJECTS} projects (imported, submitted, approved) and ${payments.toLocaleString('en-US')} payments — ${template.length.toLocaleString('en-US')} events; the template went through the api's doors, the others are its events with their own department code.`,
        `Generated with appendMany (2 writers) in ${generateSeconds.toFixed(0)} s (${Math.round(generated / Math.max(generateSeconds, 0.001)).toLocaleString('en-US')} events/s).`,
        'The build: the built api started on the filled schema builds every read model registered in the composition (budget overview, disclosure, execution monitoring, reminder plan, audit trail) from the first event, as after an upgrade that bumps them all; each read model reads the event store on its own. The reminder plan of every project is part of it.',
        'At scale 1 (3,000 departments, about 10 million events) run with BENCH_ONLY=province BENCH_PROVINCE_SCALE=1; see docs/operations.md for what a province needs.',
      ],
    },
  ];
}
