import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TOKEN_VERIFIER, type TokenVerifier, httpProblem, sendProblem } from '@budgetflow/platform';
import { DELIVERIES_QUEUE, REMINDERS_QUEUE } from '../scheduling/bullmq-scheduler';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** Browsers cannot send a bearer header when they load the dashboard's pages and assets: a cookie carries it. */
export const DASHBOARD_TOKEN_COOKIE = 'budgetflow_token';

const tokenOf = (request: FastifyRequest): string | undefined => {
  const header = /^Bearer\s+(\S+)$/.exec(request.headers.authorization ?? '');
  if (header) return header[1];
  const cookie = (request.headers.cookie ?? '').split(';').map((part) => part.trim().split('='));
  return cookie.find(([name]) => name === DASHBOARD_TOKEN_COOKIE)?.[1];
};

/** Bull Board over both queues at `/admin/queues`, for admins only (only when the queues are BullMQ). */
@Injectable()
export class QueueDashboard implements OnModuleInit {
  constructor(
    @Inject(getQueueToken(REMINDERS_QUEUE)) private readonly reminders: Queue,
    @Inject(getQueueToken(DELIVERIES_QUEUE)) private readonly deliveries: Queue,
    private readonly modules: ModuleRef,
    @Optional() private readonly host?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.host?.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // the worker process serves no HTTP
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({ queues: [new BullMQAdapter(this.reminders), new BullMQAdapter(this.deliveries)], serverAdapter: board });
    // The app's verifier (bound in the app module, not a global provider).
    const verifier = this.modules.get<TokenVerifier>(TOKEN_VERIFIER, { strict: false });
    void fastify.register(
      async (scope) => {
        scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
          const token = tokenOf(request);
          let problem = token ? undefined : httpProblem('UNAUTHENTICATED', '缺少令牌（Authorization: Bearer 或 budgetflow_token Cookie）');
          if (token) {
            try {
              const actor = await verifier.verify(token);
              if (actor.role !== 'admin') problem = httpProblem('FORBIDDEN', '队列面板仅限管理员');
            } catch {
              problem = httpProblem('UNAUTHENTICATED', '令牌无效或已过期');
            }
          }
          if (problem) return sendProblem(reply, problem, request);
        });
        await scope.register(board.registerPlugin());
      },
      { prefix: QUEUE_DASHBOARD_PATH },
    );
  }
}
