export * from './problem/problem';
export * from './problem/problem-mapping';
export * from './problem/problem-details.filter';
export * from './auth/actor';
export * from './auth/token-verifier';
export * from './auth/auth.guard';
export * from './auth/session-authenticator';
export * from './security/security-event-sink';
