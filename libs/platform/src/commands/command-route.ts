import { Delete, HttpCode, Patch, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { type Refusals, Refuses } from '../http/contract/contract';

const METHODS = { POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/**
 * A command route: its method and path, its OpenAPI summary (Chinese), and its status — 201 for a route that creates
 * something (`created`), 200 for every other command. Every command can be refused for its body (400), its caller
 * (401/403), an absent budget (404), the budget's state (409), a stale `If-Match` (412) and the domain's rules (422);
 * `refuses` adds the codes the route answers. Its body and answer are declared with `@BodySchema` and `@Answers`.
 */
export const CommandRoute = (method: keyof typeof METHODS, path: string, summary: string, options: { created?: boolean; refuses?: Refusals } = {}) =>
  applyDecorators(
    METHODS[method](path),
    HttpCode(options.created ? 201 : 200),
    ApiOperation({ summary }),
    ApiHeader({ name: 'If-Match', required: false, description: '上次读到的事件流版本（ETag，如 "42"）：已变化则 412，不覆盖他人的修改' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: '幂等键：同一键同一请求体的重试得到同一答复，不重复写入' }),
    Refuses(400, 401, 403, 404, 409, 412, 422, options.refuses ?? {}),
  );
