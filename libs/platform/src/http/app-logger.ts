import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import type { ServiceConfig } from '../config';

/**
 * The process's one pino logger: `LOG_LEVEL`, and the file of `LOG_FILE` (written synchronously, so nothing is lost
 * on exit) or stdout. The request log (apps/api) and Nest's logger (below) both write through it.
 */
export const appLogger = (config: Pick<ServiceConfig, 'logLevel' | 'logFile'>): Pino =>
  config.logFile ? pino({ level: config.logLevel }, pino.destination({ dest: config.logFile, sync: true, mkdir: true })) : pino({ level: config.logLevel });

/** Nest's per-module and per-route start-up lines: ~100 lines that say nothing an operator acts on. */
const STARTUP_NOISE = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory']);

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * Nest's logger (`new Logger('http').warn(...)`, Nest's own lines) written as pino lines: the last parameter is
 * the context, an object message becomes fields (`{ requestId, … }, 'login refused'`), an Error becomes `err`.
 * Each subsystem says in one line what it runs on; Nest's per-route and per-module start-up lines are dropped.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    if (!this.noise(params)) this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private noise(params: unknown[]): boolean {
    const context = params[params.length - 1];
    return typeof context === 'string' && STARTUP_NOISE.has(context);
  }

  private write(level: Level, message: unknown, optional: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    let rest = optional;
    if (optional.length > 0) {
      fields['context'] = optional[optional.length - 1];
      rest = optional.slice(0, -1);
    }
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, ...(rest as [string?]));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message }, ...(rest as [string?]));
    } else if (level === 'error' && typeof message === 'string' && rest.length === 1 && typeof rest[0] === 'string' && /\n\s*at /.test(rest[0])) {
      // Nest's exception handlers call error(message, stack, context).
      const err = new Error(message);
      err.stack = rest[0];
      this.pino.error({ ...fields, err });
    } else {
      this.pino[level](fields, String(message), ...(rest as []));
    }
  }
}
