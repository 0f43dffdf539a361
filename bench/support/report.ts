/**
 * What every benchmark module gives back: sections of rows, each measure next to its physical reference
 * (same run, same Postgres), the ratio and the target. `run-benchmarks.ts` renders them into docs/benchmarks.md.
 */
export interface BenchRow {
  /** What was measured, e.g. "propose basic line over HTTP, 8 clients". */
  measure: string;
  /** Median value, with its unit. */
  value: number;
  unit: string;
  /** The physical reference measured beside it (same unit), when there is one. */
  reference?: { label: string; value: number };
  /** Latency percentiles (ms), when measured. */
  p50?: number;
  p99?: number;
  /** Target, e.g. `{ kind: 'ratio-min', value: 0.5 }` → ratio ≥ 0.5. */
  target?: Target;
  /** Raw values of each run, for the record. */
  runs?: number[];
  note?: string;
}

export type Target =
  | { kind: 'ratio-min'; value: number }
  | { kind: 'value-min'; value: number }
  | { kind: 'p99-max'; value: number }
  | { kind: 'value-max'; value: number };

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

export interface BenchContext {
  databaseUrl: string;
  /** Runs per measurement (medians are taken over these). */
  runs: number;
  /** BENCH_SCALE, 1 = full size. */
  scale: number;
  log(message: string): void;
}

/** A benchmark module as the runner sees it (see registry.ts). */
export interface BenchModule {
  name: string;
  run(context: BenchContext): Promise<BenchSection[]>;
}

export const ratioOf = (row: BenchRow): number | undefined => (row.reference && row.reference.value > 0 ? row.value / row.reference.value : undefined);

export function meetsTarget(row: BenchRow): boolean | undefined {
  const target = row.target;
  if (!target) return undefined;
  switch (target.kind) {
    case 'ratio-min': {
      const ratio = ratioOf(row);
      return ratio === undefined ? undefined : ratio >= target.value;
    }
    case 'value-min':
      return row.value >= target.value;
    case 'value-max':
      return row.value <= target.value;
    case 'p99-max':
      return row.p99 === undefined ? undefined : row.p99 < target.value;
  }
}

export function describeTarget(target: Target | undefined, unit: string): string {
  if (!target) return '';
  switch (target.kind) {
    case 'ratio-min':
      return `ratio ≥ ${target.value}×`;
    case 'value-min':
      return `≥ ${target.value.toLocaleString('en-US')} ${unit}`;
    case 'value-max':
      return `≤ ${target.value.toLocaleString('en-US')} ${unit}`;
    case 'p99-max':
      return `p99 < ${target.value} ms`;
  }
}
