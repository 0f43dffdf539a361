/**
 * The platform floor every bounded context stands on: the ports (clock, event store, SQL client, projection
 * runner), the request's actor and metadata, problem+json, the auth guard, configuration, the persistence module,
 * and the one way a command is handled (load the stream, decide, append with the expected version).
 */
export * from './config';
export * from './http';
export * from './ports/tokens';
export * from './request/request-context';
export * from './request/request-reader';
export * from './request/csv-rows';
export * from './problems';
export * from './persistence';
export * from './caching/bounded-cache';
export * from './commands';
export * from './pdf';
