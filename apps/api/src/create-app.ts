import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import { Logger as NestLogger, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { answerPublishedTablesFromMemory } from '@budgetflow/budget-application';
import type { ServiceConfig } from '@budgetflow/platform';
import {
  PinoNestLogger,
  appLogger,
  ProblemDetailsFilter,
  PROBLEM_MAPPERS,
  SECURITY_EVENT_SINK,
  type SecurityEventSink,
  TOKEN_VERIFIER,
  type TokenVerifier,
  completeOpenApi,
  httpProblem,
  sendProblem,
  toProblem,
} from '@budgetflow/platform';
import { AppModule } from './app.module';
import { answerClientError } from './http/client-errors';
import { IdempotencyGuard } from './http/idempotency.guard';
import { registerRateLimit } from './http/rate-limit';
import { requestIdOf } from './http/request-id';
import { registerRequestLog } from './http/request-log';
import { recordRoutes } from './http/route-table';
import { registerSecurityHeaders } from './http/security-headers';

/** Request bodies the API reads: JSON, CSV for bulk uploads, XLSX for the entry workbook and the catalog import. */
const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPTED_BODY_TYPES = /^(?:application\/(?:[\w.+-]+\+)?json|text\/csv|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\b/i;

export interface CreateAppOptions {
  /** Extra modules (tests plug in clocks or fakes here). */
  imports?: Array<Type | DynamicModule>;
}

/**
 * Fastify's own errors (body parsing, size limits, bad URLs) are answered by the one problem+json handler `createApp`
 * sets; Nest's would be a second handler on the same scope (Fastify warns FSTWRN004 about the override).
 */
class ProblemAnsweringFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
}

/** Builds the HTTP application: Fastify, problem+json everywhere, one pino log line per request, OpenAPI at /docs. */
export async function createApp(config: ServiceConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new ProblemAnsweringFastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Client addresses feed rate limits and the audit trail: X-Forwarded-For is believed only from configured proxies.
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Requests Node's parser refuses (e.g. raw Chinese in a query string) get problem+json in Chinese, logged.
    clientErrorHandler: answerClientError,
    // Slow clients (a body dribbled a byte at a time) are cut off: the whole request must arrive within
    // requestTimeout (answered 408), an idle socket is closed after connectionTimeout, idle keep-alive after
    // keepAliveTimeout, and one socket serves at most maxRequestsPerSocket requests.
    requestTimeout: config.security.http.requestTimeoutMs,
    connectionTimeout: config.security.http.connectionTimeoutMs,
    keepAliveTimeout: config.security.http.keepAliveTimeoutMs,
    maxRequestsPerSocket: config.security.http.maxRequestsPerSocket,
    // Node checks request timeouts on this interval (30 s by default, far beyond a short timeout).
    http: { connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.security.http.requestTimeoutMs / 4))) },
  });
  // Connection cap: beyond it Node closes new sockets at once instead of queueing them without bound.
  const server = adapter.getInstance().server;
  server.maxConnections = config.security.http.maxConnections;
  // Node enforces requestTimeout only while headersTimeout (60 s by default) is not larger than it.
  server.headersTimeout = Math.min(server.headersTimeout, config.security.http.requestTimeoutMs);
  // Publication day: a named published version's tables, once answered, go out from memory with the headers that
  // answer carried, before the rate limit, routing and guards (issue 19).
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    if (answerPublishedTablesFromMemory(request, reply)) return reply;
  });
  const module = AppModule.forRoot(config, options.imports ?? []);
  const log = appLogger(config);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: new PinoNestLogger(log), abortOnError: false });

  app.useGlobalFilters(new ProblemDetailsFilter(PROBLEM_MAPPERS, app.get<SecurityEventSink>(SECURITY_EVENT_SINK)));

  const fastify = app.getHttpAdapter().getInstance();
  recordRoutes(fastify);
  registerRequestLog(fastify, log);
  fastify.addHook('onSend', app.get(IdempotencyGuard).onSend);
  fastify.addHook('onRequest', async (request, reply) => {
    (request.raw as { id?: string }).id = request.id;
    void reply.header('x-request-id', request.id);
    // A NUL byte is never part of a valid address, and Postgres text cannot hold one: refuse it at the door.
    if (/%00|\u0000/i.test(request.url)) {
      const problem = httpProblem('VALIDATION_FAILED', '请求地址含有不允许的空字符 (%00)', [{ field: 'url', code: 'URL_NUL_BYTE', message: '地址不能含有 %00' }]);
      return sendProblem(reply, problem, request);
    }
    // The API speaks JSON (and CSV for bulk uploads): any other body is refused before a parser or handler sees it.
    const hasBody = request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
    const contentType = request.headers['content-type'] ?? '';
    if ((hasBody || request.headers['transfer-encoding']) && !ACCEPTED_BODY_TYPES.test(contentType)) {
      const problem = httpProblem('UNSUPPORTED_MEDIA_TYPE', `请求体应为 application/json（批量导入可用 text/csv，录入工作簿和分类目录可用 .xlsx），收到 ${contentType || '未声明的类型'}`);
      return sendProblem(reply, problem, request);
    }
  });
  // CSV bodies (bulk payments) reach handlers as the raw text; the handler parses and validates them.
  fastify.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  // XLSX bodies (entry workbook, catalog import) reach handlers as bytes.
  fastify.addContentTypeParser(XLSX_CONTENT_TYPE, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  // Errors raised by Fastify itself (body parsing, size limits) never reach Nest's filters.
  fastify.setErrorHandler((error, request, reply) => {
    void sendProblem(reply, toProblem(error, PROBLEM_MAPPERS), request);
  });

  await registerSecurityHeaders(fastify);
  await registerRateLimit(fastify, config, app.get<TokenVerifier>(TOKEN_VERIFIER));
  // Session cookies of local accounts (`libs/accounts`); bearer tokens need none.
  await app.register(cookie);
  // CORS only for configured origins. Without any, @fastify/cors would add nothing and answer no preflight (its
  // `origin: false`) but still run its hook on every request (3 % of the api's CPU per command).
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins });

  const openApi = new DocumentBuilder()
    .setTitle('budgetflow')
    .setDescription('部门预算事件溯源服务：编制、审核、批复、公开、调整、执行监控')
    .setVersion('1')
    .build();
  // The document is built from the routes' own decorators: their schemas (the same objects that validate the
  // bodies), answers, refusals and parameters; `completeOpenApi` adds the named schemas and security per route.
  SwaggerModule.setup('docs', app, () => completeOpenApi(SwaggerModule.createDocument(app, openApi)), { jsonDocumentUrl: 'docs/openapi.json' });

  app.enableShutdownHooks();
  await app.init();
  return app;
}

export async function listen(app: NestFastifyApplication, config: ServiceConfig): Promise<void> {
  await app.listen({ port: config.port, host: config.host });
  const routes = app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false }).split('\n').filter((line) => line.includes('(')).length;
  const logger = new NestLogger('http');
  logger.log(`listening on http://${config.host}:${config.port}: ${routes} routes, OpenAPI at /docs and /docs/openapi.json`);
  if (config.demoSignIn) {
    logger.warn(
      `演示用户已开启 (DEMO/DEMO_SIGN_IN): 任何能访问 http://${config.host}:${config.port} 的人都可以不用密码以部门经办人、财政或监督身份登录 — ` +
        `DEMO USERS ARE ON: anyone who reaches this address signs in as any department clerk, finance or supervisor without a password. Never for real data.`,
    );
  }
}
