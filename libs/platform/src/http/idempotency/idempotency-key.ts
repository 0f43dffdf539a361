import { SetMetadata } from '@nestjs/common';

export const REFUSES_IDEMPOTENCY_KEY = 'budgetflow:refuses-idempotency-key';

/**
 * Routes whose answers may not be stored and replayed (a session cookie, a one-time password): an
 * `Idempotency-Key` on them is refused (400 IDEMPOTENCY_KEY_NOT_ACCEPTED) before any key is kept.
 */
export const RefusesIdempotencyKey = () => SetMetadata(REFUSES_IDEMPOTENCY_KEY, true);

/**
 * An answer kept under an `Idempotency-Key`, answered again: thrown by the idempotency guard (a guard cannot
 * answer by itself) and sent by the problem filter as it was first sent, with `idempotent-replayed: true`.
 */
export class ReplayedAnswer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
