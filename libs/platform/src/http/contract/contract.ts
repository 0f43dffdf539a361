import { UseGuards, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiExtension, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { type TSchema, Type } from '@sinclair/typebox';
import { ProblemDocument } from '@budgetflow/contracts';
import { BodySchemaCheck } from './body-schema';
import { schemaRef } from './schema-registry';

/**
 * The decorators a route declares its contract with. Each schema is a TypeBox schema with a `title` (its name
 * under `components.schemas`); the same object validates the request and describes it in `/docs/openapi.json`.
 *
 *   @CommandRoute('POST', 'income', '申报收入', { refuses: { 422: ['AMOUNT_NEGATIVE'] } })
 *   @BodySchema(DeclareIncomeRequest)
 *   @Answers(BudgetCommandAnswer)
 *
 * `test/contract/openapi-contract.spec.ts` fails for a route without them.
 */

/** The request body: registered for OpenAPI and checked before the handler runs (400 in `RequestReader`'s codes). */
export const BodySchema = (schema: TSchema, options: { required?: boolean; csv?: string } = {}) =>
  applyDecorators(
    ApiBody({ required: options.required ?? true, schema: schemaRef(schema), ...(options.csv ? { description: options.csv } : {}) }),
    ...(options.csv ? [ApiConsumes('application/json', 'text/csv')] : []),
    UseGuards(new BodySchemaCheck(schema)),
  );

/** A command that takes no body (`{}` or none); any field sent is refused (FIELD_NOT_ALLOWED). */
export const NoBody = Type.Object({}, { title: 'NoBody', description: '无需请求体：可省略或发送 {}；任何字段都会被拒绝（FIELD_NOT_ALLOWED）', additionalProperties: false });
export const BodyNone = () => BodySchema(NoBody, { required: false });

/** An uploaded file (CSV, XLSX …) as the whole request body: read by the route's own file reader, not by a JSON schema. */
export const FileUpload = Type.String({ title: 'FileUpload', format: 'binary', description: '上传的文件（整个请求体）：由路由自己的文件读取器逐行检查' });
export const BodyFile = (mediaTypes: readonly string[], description: string) =>
  applyDecorators(ApiConsumes(...mediaTypes), ApiBody({ required: true, description, schema: schemaRef(FileUpload) }));

/** The success answer (200 unless said): its named schema. */
export const Answers = (schema: TSchema, options: { status?: number; description?: string } = {}) =>
  ApiResponse({ status: options.status ?? 200, description: options.description ?? String(schema.description ?? '成功'), schema: schemaRef(schema) });

/** A success without a body (204). */
export const AnswersNothing = (description: string) => ApiResponse({ status: 204, description });

/** A file answer (XLSX, HTML, ZIP …): its media type. */
export const AnswersFile = (mediaType: string, description: string) =>
  ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });

const REFUSAL_TEXT: Record<number, string> = {
  400: '请求参数无效：字段错误一次列出（errors），或地址参数无效（VALIDATION_FAILED）',
  401: '未登录或令牌无效（UNAUTHENTICATED）',
  403: '角色或部门无权执行（FORBIDDEN、FORBIDDEN_ROLE、OTHER_DEPARTMENT、PASSWORD_CHANGE_REQUIRED、CSRF_TOKEN_INVALID）',
  404: '资源不存在或对调用者不可见',
  409: '与当前状态冲突',
  412: 'If-Match 中的版本已不是最新（PRECONDITION_FAILED）：刷新后重试',
  413: '请求体过大（PAYLOAD_TOO_LARGE）',
  415: '请求体类型不是 application/json（UNSUPPORTED_MEDIA_TYPE）',
  422: '不符合业务规则',
  429: '请求过于频繁（RATE_LIMITED），见 Retry-After',
};

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429;
/** Statuses a route may refuse with, each with the codes it answers (a bare status: its general meaning). */
export type Refusals = Partial<Record<RefusalStatus, readonly string[]>>;

const REFUSALS_KEY = 'budgetflow:refusals';
// @nestjs/swagger's metadata key of an operation's responses (`DECORATORS.API_RESPONSE`, not exported from its index).
const SWAGGER_RESPONSES_KEY = 'swagger/apiResponse';

const refusalResponse = (status: number, codes: readonly string[]) => ({
  description: `${REFUSAL_TEXT[status] ?? '拒绝'}${codes.length > 0 ? `；错误码：${codes.join('、')}` : ''}`,
  content: { 'application/problem+json': { schema: schemaRef(ProblemDocument) } },
});

/**
 * The problem+json answers a route can give: `@Refuses(404, 409)` or `@Refuses({ 409: ['BUDGET_NOT_SUBMITTED'] })`.
 * Several `@Refuses` on one route add up (the codes of one status are merged), in any order.
 */
export const Refuses =
  (...items: Array<RefusalStatus | Refusals>): MethodDecorator =>
  (_target, _key, descriptor) => {
    const method = descriptor.value as object;
    const known = (Reflect.getMetadata(REFUSALS_KEY, method) ?? {}) as Record<number, string[]>;
    const merged: Record<number, string[]> = { ...known };
    for (const item of items) {
      const entries: Array<[number, readonly string[]]> = typeof item === 'number' ? [[item, []]] : Object.entries(item).map(([status, codes]) => [Number(status), codes ?? []]);
      for (const [status, codes] of entries) merged[status] = [...new Set([...(merged[status] ?? []), ...codes])];
    }
    Reflect.defineMetadata(REFUSALS_KEY, merged, method);
    const responses = (Reflect.getMetadata(SWAGGER_RESPONSES_KEY, method) ?? {}) as Record<string, unknown>;
    const refusals = Object.fromEntries(Object.entries(merged).map(([status, codes]) => [status, refusalResponse(Number(status), codes)]));
    Reflect.defineMetadata(SWAGGER_RESPONSES_KEY, { ...responses, ...refusals }, method);
    return descriptor;
  };

/** Who may call a route, for the document's `security`: `public` (no sign-in), `session` (the console's cookie only). */
export const Access = (access: 'public' | 'session') => ApiExtension('x-access', access);

/** A path parameter with its Chinese description and example. */
export const PathParam = (name: string, description: string, example: string | number) =>
  ApiParam({ name, description, example, schema: { type: typeof example === 'number' ? 'integer' : 'string' } });

/** A query parameter with its Chinese description (optional unless said) and example. */
export const QueryParam = (name: string, description: string, options: { example?: string | number; required?: boolean; enum?: readonly string[] } = {}) =>
  ApiQuery({
    name,
    description,
    required: options.required ?? false,
    ...(options.example !== undefined ? { example: options.example } : {}),
    schema: options.enum ? { type: 'string', enum: [...options.enum] } : { type: typeof options.example === 'number' ? 'integer' : 'string' },
  });
