/**
 * Reads under load: one department's nine tables (GET …/501/2024/tables) and the county dashboard
 * (GET /v1/budgets?year=2024) on the built api with 200 concurrent readers (autocannon), p50/p99; beside
 * them a bare node:http server (own process) answering the same bytes from memory — the HTTP floor of this
 * machine. The api's RSS is sampled throughout. Targets: tables p99 < 20 ms; api RSS < 300 MB.
 * Env: BENCH_READ_SECONDS (per run and endpoint, default 5), BENCH_READERS (default 200).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { freePort, startBenchApi } from './support/api-process';
import type { BenchContext, BenchRow, BenchSection } from './support/report';
import { median } from './support/stats';

const root = path.resolve(__dirname, '..', '..');

/** A bare HTTP server in its own process that answers every request with `body`. */
async function startStaticServer(body: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const script = `const b=Buffer.from(process.env.BODY);require('node:http').createServer((q,r)=>{r.writeHead(200,{'content-type':'application/json','content-length':b.length});r.end(b)}).listen(${port},'127.0.0.1',()=>process.stdout.write('up'))`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

export async function runTableReadsBench(context: BenchContext): Promise<BenchSection[]> {
  const seconds = Number(process.env['BENCH_READ_SECONDS'] ?? 5);
  const readers = Number(process.env['BENCH_READERS'] ?? 200);
  const api = await startBenchApi(context.databaseUrl);
  const rows: BenchRow[] = [];
  let peakRss = 0;
  let idleRss = 0;
  try {
    const admin = await api.token('admin');
    const finance = await api.token('finance');
    const facts = readFileSync(path.join(root, 'test/fixtures/guantao-xinfang-2024/budget-facts.json'), 'utf8');
    const imported = await api.call('POST', '/v1/budgets/501/2024/import', admin, facts);
    if (imported.status !== 200) throw new Error(`fixture import failed: ${imported.status} ${imported.body.slice(0, 300)}`);
    // A county of 40 budgets for the dashboard.
    for (let d = 0; d < 40; d++) {
      const clerk = await api.token('department', `6${String(d).padStart(2, '0')}`);
      const opened = await api.call('POST', `/v1/budgets/6${String(d).padStart(2, '0')}/2024`, clerk, { name: `县直部门${d}`, unitKind: '行政' });
      if (opened.status !== 201) throw new Error(`open failed: ${opened.status}`);
    }
    const position = JSON.parse(imported.body) as { position?: string };
    await api.call('GET', `/v1/budgets?year=2024${position.position ? `&after=${position.position}` : ''}`, finance);
    idleRss = api.rssMb();

    // 502: the same budget submitted, approved and published (version 1): what the public reads.
    const facts502 = facts.replace(/"code":\s*"501"/, '"code": "502"');
    const clerk502 = await api.token('department', '502');
    for (const [url, token, body] of [['/v1/budgets/502/2024/import', admin, facts502], ['/v1/budgets/502/2024/submit', clerk502], ['/v1/budgets/502/2024/approve', finance], ['/v1/budgets/502/2024/versions/1/publish', finance]] as const) {
      const answer = await api.call('POST', url, token, body);
      if (answer.status >= 300) throw new Error(`${url}: ${answer.status} ${answer.body.slice(0, 300)}`);
    }
    const publishedPath = '/v1/budgets/502/2024/tables?version=1';
    let publishedSample = await api.call('GET', publishedPath, undefined);
    for (let attempt = 0; publishedSample.status !== 200 && attempt < 300; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      publishedSample = await api.call('GET', publishedPath, undefined);
    }
    const publishedEtag = String(publishedSample.headers['etag'] ?? '');

    const endpoints: Array<{ label: string; path: string; headers: Record<string, string>; p99Max?: number; ratioMin?: number; expectStatus?: number }> = [
      { label: "one department's nine tables (draft, finance)", path: '/v1/budgets/501/2024/tables?version=draft', p99Max: 20, headers: { authorization: `Bearer ${finance}` } },
      { label: "a published version's nine tables (anonymous)", path: publishedPath, p99Max: 20, headers: {} },
      { label: "a published version's nine tables, revalidated (If-None-Match → 304, anonymous)", path: publishedPath, ratioMin: 0.7, headers: { 'if-none-match': publishedEtag }, expectStatus: 304 },
      { label: 'county dashboard (40 budgets)', path: '/v1/budgets?year=2024', p99Max: undefined, headers: { authorization: `Bearer ${finance}` } },
    ];
    for (const endpoint of endpoints) {
      // Tables come from the disclosure read model: 503 until its projection has the import.
      const token = endpoint.headers.authorization ? finance : undefined;
      let sample = await api.call('GET', endpoint.path, token);
      for (let attempt = 0; sample.status === 503 && attempt < 300; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        sample = await api.call('GET', endpoint.path, token);
      }
      if (sample.status !== 200) throw new Error(`${endpoint.path}: ${sample.status} ${sample.body.slice(0, 200)}`);
      const reference = await startStaticServer(sample.body);
      const results: { p50: number; p99: number; rate: number; errors: number }[] = [];
      const refResults: { p50: number; p99: number; rate: number }[] = [];
      const unexpectedCodes = new Map<string, number>();
      try {
        await autocannon({ url: `http://127.0.0.1:${api.port}${endpoint.path}`, connections: 20, duration: 1, headers: endpoint.headers }); // warm-up
        for (let run = 0; run < context.runs; run++) {
          const sampler = setInterval(() => (peakRss = Math.max(peakRss, api.rssMb())), 200);
          const result = await autocannon({ url: `http://127.0.0.1:${api.port}${endpoint.path}`, connections: readers, duration: seconds, headers: endpoint.headers });
          clearInterval(sampler);
          peakRss = Math.max(peakRss, api.rssMb());
          const ref = await autocannon({ url: `${reference.url}${endpoint.path}`, connections: readers, duration: seconds });
          const unexpected = endpoint.expectStatus === 304 ? result.requests.total - result['3xx'] : result.non2xx;
          results.push({ p50: result.latency.p50, p99: result.latency.p99, rate: result.requests.average, errors: result.errors + unexpected + result.timeouts });
          // Which answers were not the expected ones (e.g. 503: Node answers a request sent on a keep-alive socket
          // past HTTP_MAX_REQUESTS_PER_SOCKET, after the answer that said Connection: close).
          const codes = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {};
          for (const [code, { count }] of Object.entries(codes)) {
            if (Number(code) !== (endpoint.expectStatus ?? 200)) unexpectedCodes.set(code, (unexpectedCodes.get(code) ?? 0) + count);
          }
          refResults.push({ p50: ref.latency.p50, p99: ref.latency.p99, rate: ref.requests.average });
          context.log(`reads ${endpoint.path} run ${run + 1}: ${result.requests.average.toFixed(0)} req/s p50 ${result.latency.p50} p99 ${result.latency.p99} ms (floor ${ref.requests.average.toFixed(0)} req/s p99 ${ref.latency.p99} ms)`);
        }
      } finally {
        reference.stop();
      }
      const errors = results.reduce((sum, r) => sum + r.errors, 0);
      rows.push({
        measure: `${endpoint.label}, ${readers} concurrent readers`,
        value: median(results.map((r) => r.rate)),
        unit: 'req/s',
        reference: { label: 'bare node:http answering the same bytes', value: median(refResults.map((r) => r.rate)) },
        p50: median(results.map((r) => r.p50)),
        p99: median(results.map((r) => r.p99)),
        ...(endpoint.p99Max ? { target: { kind: 'p99-max' as const, value: endpoint.p99Max } } : endpoint.ratioMin ? { target: { kind: 'ratio-min' as const, value: endpoint.ratioMin } } : {}),
        runs: results.map((r) => r.p99),
        note: `${endpoint.expectStatus === 304 ? 'floor sends the whole 200 answer; ' : ''}floor p50/p99 ${median(refResults.map((r) => r.p50))}/${median(refResults.map((r) => r.p99))} ms${errors > 0 ? `; ${errors} errors/unexpected answers${unexpectedCodes.size > 0 ? ` (${[...unexpectedCodes].map(([code, count]) => `${code} × ${count}`).join(', ')})` : ''}` : ''}; runs list p99 (ms)`,
      });
    }
  } finally {
    await api.stop();
  }
  rows.push({ measure: `api RSS, peak under the read load (idle after start-up: ${idleRss.toFixed(0)} MB)`, value: peakRss, unit: 'MB', target: { kind: 'value-max', value: 300 } });
  return [
    {
      title: 'Reads under load (autocannon) and memory',
      rows,
      notes: [
        'autocannon runs in the bench process on the same 2 cores as the api and Postgres; the floor server runs in its own process.',
        'With 200 closed-loop connections, latency ≈ 200 ÷ throughput: p99 < 20 ms needs ≳ 10,000 req/s from one api process — compare the floor row (bare node:http, same bytes, same machine).',
        'Worker RSS: see "Reminders: planning, delivery and worker memory" (the real dist/apps/worker process, idle and while reconciling 120,000 jobs into BullMQ).',
      ],
    },
  ];
}
