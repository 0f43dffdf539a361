/**
 * `npm run bench`: builds, then runs every module of bench/registry.ts against the local Postgres
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and writes docs/benchmarks.md —
 * machine, versions, medians of BENCH_RUNS runs (default 3), each measure beside its physical reference,
 * the ratio and the target.
 * Env: BENCH_ONLY (comma-separated module names), BENCH_RUNS, BENCH_SCALE (shrinks the big data sets),
 *      BENCH_OUT (report path; default docs/benchmarks.md, or a file in the temp directory with BENCH_ONLY),
 *      plus each module's own variables.
 */
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_DATABASE_URL, PgSqlClient } from '@budgetflow/event-store';
import { BENCHMARKS } from './registry';
import { type BenchContext, type BenchRow, type BenchSection, describeTarget, meetsTarget, ratioOf } from './support/report';
import { runs, scale } from './support/stats';

const root = path.resolve(__dirname, '..', '..');

const fmt = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value) ? '–' : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function renderRow(row: BenchRow): string {
  const ratio = ratioOf(row);
  const ok = meetsTarget(row);
  const verdict = ok === undefined ? '' : ok ? '✅ met' : '❌ **short**';
  const latency = row.p50 !== undefined || row.p99 !== undefined ? `${fmt(row.p50, 1)} / ${fmt(row.p99, 1)}` : '';
  const reference = row.reference ? `${fmt(row.reference.value, row.reference.value < 100 ? 1 : 0)} (${row.reference.label})` : '';
  const cells = [
    row.measure,
    `${fmt(row.value, row.value < 100 ? 1 : 0)} ${row.unit}`,
    reference,
    ratio === undefined ? '' : `${ratio.toFixed(2)}×`,
    latency,
    describeTarget(row.target, row.unit),
    verdict,
    [row.runs ? `runs: ${row.runs.join(', ')}` : '', row.note ?? ''].filter(Boolean).join('; '),
  ];
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function renderSection(section: BenchSection): string {
  return [
    `## ${section.title}`,
    '',
    '| measure | median | reference (same run) | ratio | p50 / p99 ms | target | verdict | notes |',
    '|---|---|---|---|---|---|---|---|',
    ...section.rows.map(renderRow),
    '',
    ...(section.notes ?? []).map((note) => `- ${note}`),
    '',
  ].join('\n');
}

async function machine(databaseUrl: string): Promise<string[]> {
  const sql = new PgSqlClient({ connectionString: databaseUrl, max: 1 });
  let pg = 'unknown';
  let settings = '';
  try {
    pg = (await sql.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? pg;
    const { rows } = await sql.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'wal_level') ORDER BY name",
    );
    settings = rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  } finally {
    await sql.close();
  }
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown'}`,
    `- Memory: ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB total, ${(os.freemem() / 1024 ** 3).toFixed(1)} GiB free at start`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node.js: ${process.version}`,
    `- PostgreSQL: ${pg}`,
    `- Postgres settings: ${settings}`,
  ];
}

async function main(): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL;
  const only = process.env['BENCH_ONLY']?.split(',').map((name) => name.trim()).filter(Boolean);
  const started = Date.now();
  const context: BenchContext = {
    databaseUrl,
    runs: runs(),
    scale: scale(),
    log: (message) => process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  const sections: BenchSection[] = [];
  const failures: string[] = [];
  const timings: string[] = [];
  for (const module of BENCHMARKS) {
    if (only && !only.includes(module.name)) continue;
    context.log(`── ${module.name}`);
    const t0 = Date.now();
    try {
      sections.push(...(await module.run(context)));
    } catch (error) {
      failures.push(`${module.name}: ${(error as Error).stack ?? String(error)}`);
      context.log(`${module.name} FAILED: ${(error as Error).message}`);
    }
    timings.push(`${module.name} ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const rows = sections.flatMap((section) => section.rows);
  const short = rows.filter((row) => meetsTarget(row) === false);
  const report = [
    '# Benchmarks',
    '',
    `Produced by \`npm run bench\` (bench/run-benchmarks.ts) on ${new Date().toISOString()}; total ${((Date.now() - started) / 60_000).toFixed(1)} min`,
    `(${timings.join(', ')}). Medians of ${context.runs} runs${context.scale !== 1 ? `, BENCH_SCALE=${context.scale}` : ''}. Every measure sits beside`,
    'its physical reference measured in the same run on the same Postgres; the ratio is measure ÷ reference.',
    '',
    '## Machine',
    ...(await machine(databaseUrl)),
    '',
    '## Summary',
    `${rows.filter((row) => meetsTarget(row) === true).length} targets met, ${short.length} short${failures.length ? `, ${failures.length} module(s) failed` : ''}.`,
    ...short.map((row) => `- ❌ ${row.measure}: ${describeTarget(row.target, row.unit)}`),
    '',
    ...sections.map(renderSection),
    ...(failures.length ? ['## Failed modules', '', ...failures.map((f) => `\`\`\`\n${f}\n\`\`\``), ''] : []),
  ].join('\n');
  // A partial run (BENCH_ONLY) never replaces the full report unless asked to.
  const out = process.env['BENCH_OUT'] ?? (only ? path.join(os.tmpdir(), 'budgetflow-benchmarks.md') : path.join(root, 'docs', 'benchmarks.md'));
  writeFileSync(out, report);
  context.log(`report written to ${out}`);
  if (failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
