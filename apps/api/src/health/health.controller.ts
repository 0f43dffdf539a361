import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthAnswer } from '@budgetflow/contracts';
import { Answers, Refuses, Public } from '@budgetflow/platform';

/** Something /health asks before calling the service ready. */
export interface HealthProbe {
  name: string;
  check(): Promise<{ ok: boolean; detail?: Record<string, unknown> }>;
}
export const HEALTH_PROBES = Symbol('HEALTH_PROBES');

@ApiTags('health')
@Controller('health')
export class HealthController {
  /** The check under way: callers that arrive meanwhile share it (a public route, polled by balancers and anyone). */
  private running: Promise<Array<{ name: string; ok: boolean; detail?: Record<string, unknown> }>> | undefined;

  constructor(@Inject(HEALTH_PROBES) private readonly probes: HealthProbe[]) {}

  private check() {
    this.running ??= Promise.all(
      this.probes.map(async (probe) => {
        try {
          return { name: probe.name, ...(await probe.check()) };
        } catch (error) {
          return { name: probe.name, ok: false, detail: { error: (error as Error).message } };
        }
      }),
    ).finally(() => (this.running = undefined));
    return this.running;
  }

  @Get()
  @Public()
  @ApiOperation({ summary: '就绪检查：事件存储可达且投影已追上' })
  @Answers(HealthAnswer, { description: '就绪' })
  @Answers(HealthAnswer, { status: 503, description: '未就绪（事件存储不可达或投影未追上）' })
  @Refuses(401)
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Record<string, unknown>> {
    const checks = await this.check();
    const ok = checks.every((check) => check.ok);
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
