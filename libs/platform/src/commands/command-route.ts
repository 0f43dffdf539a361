import { Delete, HttpCode, Patch, Post, Put, applyDecorators } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';

const METHODS = { POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/**
 * A command route: its method and path, its OpenAPI summary (Chinese), and its status — 201 for a route that creates
 * something (`created`), 200 for every other command.
 */
export const CommandRoute = (method: keyof typeof METHODS, path: string, summary: string, options: { created?: boolean } = {}) =>
  applyDecorators(METHODS[method](path), HttpCode(options.created ? 201 : 200), ApiOperation({ summary }));
