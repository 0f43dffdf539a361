import { randomUUID } from 'node:crypto';
import { Controller, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, CurrentActor, httpProblem } from '@budgetflow/http';
import { BudgetCommandRunner, type BudgetParams } from '../budget-stream/budget-command-runner';
import { readChangeSet } from '../drafting/draft-requests';
import { RequestReader } from '../shared/request-reader';
import { SubmissionGate } from './submission-gate';

/**
 * 报送、审核、批复、公开、调整: the workflow between the department and the finance bureau.
 * Who may do which step is the decider's rule; these routes only read the request.
 */
@ApiTags('budget review')
@ApiBearerAuth()
@Controller('v1/budgets/:department/:year')
export class BudgetReviewController {
  constructor(
    private readonly runner: BudgetCommandRunner,
    private readonly submission: SubmissionGate,
  ) {}

  @Post('submit')
  @HttpCode(200)
  @ApiOperation({ summary: '报送（一上）：收支平衡、不超控制数、勾稽检查无错误（警告不阻止）' })
  submit(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.submission.submit(p, q, r, a);
  }

  @Post('return')
  @HttpCode(200)
  @ApiOperation({ summary: '退回（财政），须填写理由' })
  returnDraft(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'ReturnDraft', actor, reason: reader.text('reason', { max: 2000 }) }));
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: '批复（财政）：冻结为版本 N' })
  approve(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (_reader, actor) => ({ type: 'ApproveDraft', actor }));
  }

  @Post('versions/:version/publish')
  @HttpCode(200)
  @ApiOperation({ summary: '公开某一批复版本（财政）；公开后永不改变' })
  publish(@Param() p: BudgetParams & { version: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    if (!/^\d{1,6}$/.test(p.version)) throw httpProblem('VALIDATION_FAILED', '版本号应为正整数', [{ field: 'version', code: 'VERSION_INVALID', message: '版本号应为正整数' }]);
    return this.runner.run(p, q, r, a, (_reader, actor) => ({ type: 'PublishVersion', actor, version: Number(p.version) }));
  }

  @Post('adjustments')
  @ApiOperation({ summary: '申请预算调整（批复后，部门）：变动事项与理由' })
  requestAdjustment(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({
        type: 'RequestAdjustment',
        actor,
        adjustmentId: reader.optionalText('adjustmentId', 64) ?? randomUUID(),
        changeSet: readChangeSet(reader.object('changeSet') ?? RequestReader.of({}), () => randomUUID()),
        reason: reader.text('reason', { max: 2000 }),
      })
    );
  }

  @Post('adjustments/:adjustmentId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: '批准调整（财政）：形成新的批复版本' })
  approveAdjustment(@Param() p: BudgetParams & { adjustmentId: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (_reader, actor) => ({ type: 'ApproveAdjustment', actor, adjustmentId: p.adjustmentId }));
  }

  @Post('adjustments/:adjustmentId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '驳回调整（财政），须填写理由' })
  rejectAdjustment(@Param() p: BudgetParams & { adjustmentId: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'RejectAdjustment', actor, adjustmentId: p.adjustmentId, reason: reader.text('reason', { max: 2000 }) })
    );
  }

  @Put('control-numbers')
  @ApiOperation({ summary: '设定控制数（财政）：总额、基本支出、项目支出上限（元）' })
  setControlNumbers(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({
      type: 'SetControlNumbers',
      actor,
      departmentCode: p.department,
      fiscalYear: Number(p.year),
      ...(reader.has('total') ? { total: reader.money('total') } : (reader.any('total', { optional: true }), {})),
      ...(reader.has('basic') ? { basic: reader.money('basic') } : (reader.any('basic', { optional: true }), {})),
      ...(reader.has('project') ? { project: reader.money('project') } : (reader.any('project', { optional: true }), {})),
    }));
  }
}
