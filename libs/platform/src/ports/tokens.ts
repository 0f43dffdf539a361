/** Injection tokens for the ports the application layer depends on; apps bind them to adapters. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SQL_CLIENT = Symbol('SQL_CLIENT');
/** `() => Date`: the only clock the application reads; tests inject a fixed or simulated one. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
/** The projection runner of this process (read models, lag, read-your-writes). */
export const PROJECTION_RUNNER = Symbol('PROJECTION_RUNNER');
