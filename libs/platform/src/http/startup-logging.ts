import type { LoggerService } from '@nestjs/common';

/** Nest's per-module and per-route start-up lines: ~100 lines that say nothing an operator acts on. */
const STARTUP_NOISE = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory']);

/**
 * The app's logger without Nest's per-route and per-module start-up lines: each subsystem says in one line what it
 * runs on (store, read models, reminders, HTTP), everything else passes through unchanged.
 */
export class OneLinePerSubsystemLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  private noise(params: unknown[]): boolean {
    const context = params[params.length - 1];
    return typeof context === 'string' && STARTUP_NOISE.has(context);
  }

  log(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.inner.log(message, ...params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.inner.debug?.(message, ...params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.inner.verbose?.(message, ...params);
  }
}
