/**
 * Webhook retries: exponential backoff (base, 2×base, 4×base …, capped at a day), dead-lettered after
 * `maxAttempts` tries.
 */
const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** Delay before try number `attempt + 1`, after `attempt` failed tries (attempt ≥ 1). */
export const retryDelayMs = (failedAttempts: number, baseMs: number): number => Math.min(baseMs * 2 ** Math.max(failedAttempts - 1, 0), MAX_DELAY_MS);

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export const afterFailedAttempt = (failedAttempts: number, maxAttempts: number, baseMs: number): RetryDecision =>
  failedAttempts >= maxAttempts ? { retry: false } : { retry: true, delayMs: retryDelayMs(failedAttempts, baseMs) };
