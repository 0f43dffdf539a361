/**
 * RFC 9457 problem details (`application/problem+json`): every error the service answers, with a stable `code`,
 * a Chinese `title`/`detail` and field-level `errors` whose `field` is the request's path (`amount`,
 * `spendingPlan[1].cumulativePercent`, `rows[3].voucher` …).
 */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: FieldProblem[];
}

/** The whole document as the server writes it: `type` and `instance` besides, and extension members of some codes. */
export interface ProblemDocument extends Problem {
  type: string;
  instance?: string;
  [extension: string]: unknown;
}
