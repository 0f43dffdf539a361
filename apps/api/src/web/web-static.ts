import { existsSync } from 'node:fs';
import * as path from 'node:path';
import fastifyStatic from '@fastify/static';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { projectPath } from '@budgetflow/platform';
import { pagePolicy } from '../http/security-headers';

/** Where `vite build --config apps/web/vite.config.ts` puts the console. */
export const webRoot = (): string => projectPath('dist', 'web');

/** The console's own scripts and styles only: no inline code, no other origins, no frames. */
export const CONSOLE_CSP = pagePolicy({ script: "'self'", style: "'self'", img: "'self' data:", font: "'self'" });

/** Paths that belong to the API (and its own pages): never answered with the console's index.html. */
const API_PATHS = /^\/(?:v1|health|docs|queues)(?:[/?#]|$)/;

/**
 * Serves the built web console at `/` with a single-page-app fallback: any other GET that asks for HTML gets
 * index.html, so deep links (/dept/501/2024, /public/501/2024) load the app. The API keeps /v1, /health and /docs;
 * unknown API paths still answer the problem+json 404. Without a build (tests, API-only images) nothing is served.
 */
@Injectable()
export class WebStaticServer implements OnModuleInit {
  private readonly logger = new Logger('WebConsole');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async onModuleInit(): Promise<void> {
    const root = webRoot();
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) {
      this.logger.log(`未找到 ${path.relative(process.cwd(), index) || index}：不提供网页控制台（运行 npm run build 生成）`);
      return;
    }
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // An encapsulated plugin: its CSP hook runs after the API's strict one, and only for the console's own responses.
    await fastify.register(async (console) => {
      console.addHook('onSend', async (_request, reply, payload) => {
        void reply.header('content-security-policy', CONSOLE_CSP);
        return payload;
      });
      await console.register(fastifyStatic, {
        root,
        prefix: '/',
        wildcard: false,
        index: false,
        // Hashed assets never change; index.html always revalidates.
        setHeaders: (response, filePath) => {
          void response.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
      const sendIndex = (reply: FastifyReply) => {
        void reply.header('cache-control', 'no-cache');
        return reply.sendFile('index.html');
      };
      console.get('/', (_request, reply) => sendIndex(reply));
      console.get('/*', (request, reply) => {
        const wantsHtml = (request.headers.accept ?? '').includes('text/html');
        if (API_PATHS.test(request.url) || !wantsHtml) return reply.callNotFound();
        return sendIndex(reply);
      });
    });
  }
}
