/**
 * Samples the resident set size of a process from /proc/<pid>/status every `intervalMs` (default 200 ms), so a
 * section can report the peak under load and the level at rest.
 */
import { rssOfPid } from './api-process';

export interface RssSampler {
  /** Highest sample so far, MB. */
  peakMb(): number;
  /** Samples taken so far (MB), oldest first. */
  samples(): readonly number[];
  /** Highest sample taken since sample number `from` (an earlier `samples().length`), MB. */
  peakSinceMb(from: number): number;
  /** Median of the samples taken from now for `ms` milliseconds: the level of a process left alone. */
  settledMb(ms: number): Promise<number>;
  stop(): void;
}

export function sampleRss(pid: number, intervalMs = 200): RssSampler {
  const taken: number[] = [];
  const take = (): void => {
    try {
      const mb = rssOfPid(pid);
      if (Number.isFinite(mb)) taken.push(mb);
    } catch {
      // The process has exited: nothing more to sample.
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    peakMb: () => (taken.length ? Math.max(...taken) : Number.NaN),
    samples: () => taken,
    peakSinceMb: (from) => (taken.length > from ? Math.max(...taken.slice(from)) : Number.NaN),
    settledMb: async (ms) => {
      const from = taken.length;
      await new Promise((resolve) => setTimeout(resolve, ms));
      const window = [...taken.slice(from)].sort((a, b) => a - b);
      return window.length ? window[Math.floor(window.length / 2)]! : Number.NaN;
    },
    stop: () => clearInterval(timer),
  };
}
