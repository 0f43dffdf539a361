/**
 * Bulk import: a generated budget-facts/1 document with 10,000 basic lines POSTed to …/import on the built
 * api (one request, one atomic append), against a plain batched INSERT of the same event rows (1,000 rows a
 * statement, one transaction) into the same Postgres. Rows per second of both. Target: import ≥ 0.5× plain.
 * Env: BENCH_IMPORT_LINES (default 10000 × BENCH_SCALE).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { benchCatalog, benchLineCodes, startBenchApi } from './support/api-process';
import type { BenchContext, BenchSection } from './support/report';
import { median } from './support/stats';
import { insertReferenceRows } from './support/reference-events';

const YEAR = 2024;
const root = path.resolve(__dirname, '..', '..');

export function budgetFactsWithLines(department: string, lines: number): Record<string, unknown> {
  const fixture = JSON.parse(readFileSync(path.join(root, 'test/fixtures/guantao-xinfang-2024/budget-facts.json'), 'utf8')) as Record<string, unknown>;
  const basicExpenditureLines = Array.from({ length: lines }, (_, n) => ({
    ...benchLineCodes(n),
    amount: `${(1 + (n % 97) / 100).toFixed(2)}`,
    fundSource: '一般公共预算拨款',
  }));
  return { ...fixture, department: { ...(fixture['department'] as object), code: department }, basicExpenditureLines };
}

export async function runBulkImportBench(context: BenchContext): Promise<BenchSection[]> {
  const lines = Number(process.env['BENCH_IMPORT_LINES'] ?? Math.max(100, Math.round(10_000 * Math.min(1, context.scale))));
  const api = await startBenchApi(context.databaseUrl);
  const importRates: number[] = [];
  const plainRates: number[] = [];
  let eventsPerImport = 0;
  let bodyBytes = 0;
  let rss = 0;
  try {
    const admin = await api.token('admin');
    const loaded = await api.call('PUT', `/v1/catalogs/${YEAR}`, admin, benchCatalog());
    if (loaded.status !== 200) throw new Error(`catalog load failed: ${loaded.status} ${loaded.body}`);
    // Warm-up: a small import (parser, decider, append path).
    const warm = await api.call('POST', `/v1/budgets/W0/${YEAR}/import`, admin, budgetFactsWithLines('W0', 100));
    if (warm.status !== 200) throw new Error(`warm-up import failed: ${warm.status} ${warm.body.slice(0, 500)}`);

    for (let run = 0; run < context.runs; run++) {
      const department = `IMP${run}`;
      const body = JSON.stringify(budgetFactsWithLines(department, lines));
      bodyBytes = Buffer.byteLength(body);
      const t0 = process.hrtime.bigint();
      const answer = await api.call('POST', `/v1/budgets/${department}/${YEAR}/import`, admin, body);
      const importSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (answer.status !== 200) throw new Error(`import failed: ${answer.status} ${answer.body.slice(0, 500)}`);
      rss = Math.max(rss, api.rssMb());
      const stream = `budget-${department}-${YEAR}`;
      const { rows } = await api.sql.query<{ type: string; type_version: number; data: unknown; metadata: unknown }>(
        'SELECT type, type_version, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version',
        [stream],
      );
      eventsPerImport = rows.length;
      importRates.push(rows.length / importSeconds);

      // Reference: the same rows, plain multi-row INSERTs of 1,000 rows, one transaction.
      const plainStream = `plain-import-${run}-${randomUUID().slice(0, 8)}`;
      const t1 = process.hrtime.bigint();
      await api.sql.transaction(async (tx) => {
        for (let start = 0; start < rows.length; start += 1000) {
          await insertReferenceRows(tx, plainStream, start + 1, rows.slice(start, start + 1000));
        }
      });
      const plainSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
      plainRates.push(rows.length / plainSeconds);
      context.log(`bulk import run ${run + 1}: ${rows.length} events in ${importSeconds.toFixed(2)} s vs plain ${plainSeconds.toFixed(2)} s`);
    }
  } finally {
    await api.stop();
  }
  return [
    {
      title: 'Bulk import vs plain batched INSERT',
      rows: [
        {
          measure: `import budget-facts/1 with ${lines.toLocaleString('en-US')} basic lines (${eventsPerImport.toLocaleString('en-US')} events, ${(bodyBytes / 1024 / 1024).toFixed(1)} MB body)`,
          value: median(importRates),
          unit: 'rows/s',
          reference: { label: 'plain batched INSERT of the same rows (1,000 per statement)', value: median(plainRates) },
          target: { kind: 'ratio-min', value: 0.5 },
          runs: importRates.map(Math.round),
          note: `api RSS after import ${rss.toFixed(0)} MB`,
        },
      ],
      notes: [
        'Import side: one HTTP request end to end (JSON parse, budget-facts/1 validation, catalog checks, every line decided as the same command the API takes, one atomic append).',
        'Reference: INSERT INTO reference_events (the shape of events, not read by the api\'s projections) of exactly the rows the import wrote (type, data, metadata), 1,000 rows a statement, in one transaction.',
        '100,000 payments: see "Bulk payments vs plain batched INSERT".',
      ],
    },
  ];
}
