/** Small statistics helpers for the benchmarks: medians of runs, latency percentiles. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of latencies in ms. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Runs `clients` loops of `op` for `seconds`; operations per second and every latency (ms). */
export async function closedLoop(clients: number, seconds: number, op: (client: number, n: number) => Promise<void>): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      let n = 0;
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await op(client, n);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        n++;
      }
      return n;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: counts.reduce((a, b) => a + b, 0) / elapsed, latencies };
}

export const runs = (): number => Math.max(1, Number(process.env['BENCH_RUNS'] ?? 3));
/** Shrinks the big data sets (1.0 = full size: 1,000,000 events for the rebuild). */
export const scale = (): number => {
  const value = Number(process.env['BENCH_SCALE'] ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
};
