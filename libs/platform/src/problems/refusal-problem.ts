import { type FieldProblem, type ProblemMapper, ProblemException } from '../http';

/**
 * A command refused by a bounded context's decider, in the shape every context's domain error has: a stable `code`,
 * its HTTP status and Chinese title from that context's one table, the field problems, and what else the client
 * needs to mend it. The domains cannot import the platform, so the shape is structural.
 */
export interface Refusal {
  readonly isRefusal: true;
  readonly code: string;
  readonly httpStatus: number;
  readonly title: string;
  readonly detail: string;
  readonly problems: readonly FieldProblem[];
  readonly extensions: Record<string, unknown>;
}

/** Whether a thrown thing is a context's refusal (a domain error of any context). */
export const isRefusal = (error: unknown): error is Refusal => error instanceof Error && (error as Partial<Refusal>).isRefusal === true;

/** Every context's refusals as problem+json: the one mapping from a domain error to an answer. */
export const refusalProblem: ProblemMapper = (error) =>
  isRefusal(error) ? new ProblemException(error.httpStatus, error.code, error.title, error.detail, [...error.problems], error.extensions) : undefined;
