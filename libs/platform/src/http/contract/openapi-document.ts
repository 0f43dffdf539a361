import type { OpenAPIObject } from '@nestjs/swagger';
import { contractSchemas } from './schema-registry';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The console's session cookie (local accounts, `libs/accounts`); unsafe requests also need `X-CSRF-Token`. */
export const SESSION_COOKIE_SCHEME = 'session';

/**
 * Completes the document `@nestjs/swagger` builds from the routes: the named schemas of every `@BodySchema` /
 * `@Answers` under `components.schemas` (OpenAPI 3.1, whose schemas are JSON Schema as TypeBox writes them), the
 * two ways to sign in, and each operation's `security` from its `@Access` (bearer or session unless public).
 */
export function completeOpenApi(document: OpenAPIObject): OpenAPIObject {
  document.openapi = '3.1.0';
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(contractSchemas() as NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>) },
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: '令牌：本地签发（npm run token）或 AUTH_ISSUER 的 OIDC 令牌' },
      [SESSION_COOKIE_SCHEME]: {
        type: 'apiKey',
        in: 'cookie',
        name: 'budgetflow_session',
        description: '控制台的会话 Cookie（POST /v1/auth/login 设置）；以 Cookie 发出的写请求须带 X-CSRF-Token',
      },
    },
  };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (NonNullable<typeof item.get> & { 'x-access'?: string }) | undefined;
      if (!operation) continue;
      const access = operation['x-access'];
      operation.security =
        access === 'public' ? [{}, { bearer: [] }, { [SESSION_COOKIE_SCHEME]: [] }] : access === 'session' ? [{ [SESSION_COOKIE_SCHEME]: [] }] : [{ bearer: [] }, { [SESSION_COOKIE_SCHEME]: [] }];
    }
  }
  return document;
}
