import { Controller, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/**
 * A controller of `/v1` routes: its path and its OpenAPI tag. Every route needs a bearer token or the console's
 * session unless `@Public()`; the document's `security` says so per operation (`completeOpenApi`).
 */
export const ApiController = (tag: string, path: string) => applyDecorators(ApiTags(tag), Controller(path));
