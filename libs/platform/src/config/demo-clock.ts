import { performance } from 'node:perf_hooks';
import type { ServiceConfig } from './service-config';

/**
 * The service's clock: real time, or with `CLOCK_START` a clock that starts at that instant when the process
 * starts and runs at real speed (now = start + real time elapsed since the process started).
 * `realNow` and `startedAt` are there for tests.
 */
export const serviceClock = (
  config: Pick<ServiceConfig, 'clockStart'>,
  realNow: () => number = Date.now,
  startedAt: number = performance.timeOrigin,
): (() => Date) => {
  const start = config.clockStart;
  if (!start) return () => new Date(realNow());
  const startMs = start.getTime();
  return () => new Date(startMs + (realNow() - startedAt));
};
