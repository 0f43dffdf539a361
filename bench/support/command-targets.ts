import type { BenchRow } from './report';

/**
 * Issue 19's targets for commands over HTTP (propose line, record payment) against plain single-row INSERTs in the
 * same run: at 8 and 32 clients ≥ 0.35× with the read models in another process, ≥ 0.25× with them in the api (the
 * one-process default). One client has no ratio target (only the peer comparisons). They replace the scale issue's
 * 0.5× at every client count: the floor rows (bare node:http, one INSERT per POST, nothing else) do 0.5–0.7× here,
 * which left a real command almost nothing.
 */
export function commandRatioTarget(clients: number, readModels: 'in the api' | 'in a worker'): Pick<BenchRow, 'target'> {
  if (clients < 8) return {};
  return { target: { kind: 'ratio-min', value: readModels === 'in the api' ? 0.25 : 0.35 } };
}
