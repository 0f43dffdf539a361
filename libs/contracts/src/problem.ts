import { type Static, Type } from '@sinclair/typebox';

/**
 * RFC 9457 problem details (`application/problem+json`): every error the service answers, with a stable `code`,
 * a Chinese `title`/`detail` and field-level `errors` whose `field` is the request's path (`amount`,
 * `spendingPlan[1].cumulativePercent`, `rows[3].voucher` …).
 */
export const FieldProblem = Type.Object(
  {
    field: Type.String({ description: '出错字段在请求中的路径（如 spendingPlan[1].cumulativePercent）；整个请求体为空串', examples: ['amount'] }),
    code: Type.String({ description: '稳定的错误码', examples: ['AMOUNT_NOT_STRING'] }),
    message: Type.String({ description: '中文说明', examples: ['金额必须是字符串形式的十进制数（如 "654.24"），不接受 JSON 数字'] }),
  },
  { title: 'FieldProblem', description: '字段级错误' },
);
export type FieldProblem = Static<typeof FieldProblem>;

export const Problem = Type.Object(
  {
    status: Type.Integer({ description: 'HTTP 状态码', examples: [400] }),
    code: Type.String({ description: '稳定的错误码（程序据此判断，不读中文）', examples: ['FIELD_REQUIRED'] }),
    title: Type.String({ description: '中文标题', examples: ['请求参数无效'] }),
    detail: Type.Optional(Type.String({ description: '中文详情', examples: ['reason：必填项缺失'] })),
    errors: Type.Optional(Type.Array(FieldProblem, { description: '逐字段的错误（一次列出全部）' })),
  },
  { description: '问题详情中控制台读取的部分' },
);
export type Problem = Static<typeof Problem>;

/** The whole document as the server writes it: `type` and `instance` besides, and extension members of some codes. */
export const ProblemDocument = Type.Object(
  {
    type: Type.String({ description: '错误类型的 URI（由 code 得出）', examples: ['https://budgetflow.local/problems/field-required'] }),
    title: Problem.properties.title,
    status: Problem.properties.status,
    code: Problem.properties.code,
    detail: Problem.properties.detail,
    instance: Type.Optional(Type.String({ description: '出错的请求路径', examples: ['/v1/budgets/501/2024/return'] })),
    errors: Problem.properties.errors,
  },
  {
    title: 'Problem',
    description: 'RFC 9457 问题详情（application/problem+json）：中文标题在前、稳定的 code、逐字段错误；个别错误码另带扩展字段（如 retryAfterSeconds）',
    additionalProperties: true,
    examples: [
      {
        type: 'https://budgetflow.local/problems/field-required',
        title: '请求参数无效',
        status: 400,
        code: 'FIELD_REQUIRED',
        detail: 'reason：必填项缺失',
        instance: '/v1/budgets/501/2024/return',
        errors: [{ field: 'reason', code: 'FIELD_REQUIRED', message: '必填项缺失' }],
      },
    ],
  },
);
export type ProblemDocument = Static<typeof ProblemDocument> & { [extension: string]: unknown };

/** The statuses a problem code may answer with. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 422 | 429 | 500 | 503;

type CodesOf<Groups> = Extract<{ [Status in keyof Groups]: keyof Groups[Status] }[keyof Groups], string>;

/** Each code of a table with the status it answers and its Chinese title (the default message). */
export type ProblemCodeTable<Groups> = { readonly [Code in CodesOf<Groups>]: { readonly status: ProblemStatus; readonly title: string } };

/**
 * One table of error codes, written by HTTP status: `problemCodes({ 404: { NOT_FOUND: '资源不存在' } })` is
 * `{ NOT_FOUND: { status: 404, title: '资源不存在' } }`. Each context keeps its codes in one such table (the budget
 * and execution domains, the platform's own HTTP problems); within a status the codes keep their order, so the
 * first code of a status can stand for it. A code listed under two statuses is refused when the table is built.
 */
export const problemCodes = <Groups extends { readonly [Status in ProblemStatus]?: Readonly<Record<string, string>> }>(groups: Groups): ProblemCodeTable<Groups> => {
  const entries = Object.entries(groups).flatMap(([status, codes]: [string, Readonly<Record<string, string>>]) =>
    Object.entries(codes).map(([code, title]) => [code, { status: Number(status) as ProblemStatus, title }] as const),
  );
  const table = Object.fromEntries(entries);
  if (Object.keys(table).length !== entries.length) throw new Error('A problem code is listed under two statuses');
  return table as ProblemCodeTable<Groups>;
};
