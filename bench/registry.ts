/**
 * The benchmark modules `npm run bench` runs, in this order. To add yours: export a function that takes a
 * BenchContext and returns BenchSection[] (see support/report.ts), then add ONE line below.
 * Each row states its measure, its physical reference (same run, same Postgres) and its target.
 */
import { runBulkImportBench } from './bulk-import.bench';
import { runDisclosureBench } from './disclosure.bench';
import { runExecutionBench } from './execution.bench';
import { formatBench, runEventStoreBench } from './event-store.bench';
import { runHttpCommandsBench } from './http-commands.bench';
import { runPeersBench } from './peers/emmett.bench';
import { runProjectionRebuildBench } from './projection-rebuild.bench';
import { runProvinceBench } from './province.bench';
import { runRemindersBench } from './reminders.bench';
import type { BenchContext, BenchModule, BenchSection } from './support/report';
import { runTableReadsBench } from './table-reads.bench';

/** The existing event-store bench (append vs plain INSERT, 1 and 8 writers), in report form. */
async function eventStoreSections(context: BenchContext): Promise<BenchSection[]> {
  const results = await runEventStoreBench({ databaseUrl: context.databaseUrl });
  context.log(formatBench(results));
  return [
    {
      title: 'Event store append vs plain single-row INSERT',
      rows: results.map((r) => ({
        measure: `store.append, ${r.writers} writer${r.writers > 1 ? 's' : ''}`,
        value: r.storeAppendsPerSecond,
        unit: 'appends/s',
        reference: { label: `plain single-row INSERT, ${r.writers} writer${r.writers > 1 ? 's' : ''}`, value: r.plainInsertsPerSecond },
        target: { kind: 'ratio-min' as const, value: 0.7 },
      })),
      notes: ['bench/event-store.bench.ts: half-second rounds of each side interleaved (BENCH_SECONDS per side, default 3).'],
    },
  ];
}

export const BENCHMARKS: BenchModule[] = [
  { name: 'event-store', run: eventStoreSections },
  { name: 'http-commands', run: runHttpCommandsBench },
  { name: 'peers', run: runPeersBench },
  { name: 'bulk-import', run: runBulkImportBench },
  { name: 'projection-rebuild', run: runProjectionRebuildBench },
  { name: 'table-reads', run: runTableReadsBench },
  { name: 'disclosure', run: runDisclosureBench },
  { name: 'execution', run: runExecutionBench },
  { name: 'reminders', run: runRemindersBench },
  { name: 'province', run: runProvinceBench },
];
