import { randomUUID } from 'node:crypto';
import { Controller, Delete, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Decimal } from '@budgetflow/budget-domain';
import { type Actor, CurrentActor } from '@budgetflow/http';
import { BudgetCommandRunner, type BudgetParams } from '../budget-stream/budget-command-runner';
import {
  readBasicLine,
  readBasicLineRevision,
  readDepartmentProfile,
  readIncomeEntry,
  readProjectChanges,
  readProjectProposal,
} from './draft-requests';

/**
 * 编制 — the department's drafting commands. Each route reads its body, builds one domain command and
 * hands it to the budget stream; the decider enforces roles, departments, states and every budget rule.
 */
@ApiTags('budget drafting')
@ApiBearerAuth()
@Controller('v1/budgets/:department/:year')
export class BudgetDraftingController {
  constructor(private readonly runner: BudgetCommandRunner) {}

  @Post()
  @ApiOperation({ summary: '建立本年度预算草案（部门）' })
  open(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({
      type: 'OpenDraft',
      actor,
      department: readDepartmentProfile(reader, p.department),
      fiscalYear: Number(p.year),
    }));
  }

  @Post('income')
  @HttpCode(200)
  @ApiOperation({ summary: '申报收入（按来源，金额替换原值，0 表示删除）' })
  declareIncome(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'DeclareIncome', actor, ...readIncomeEntry(reader) }));
  }

  @Put('carry-over')
  @ApiOperation({ summary: '上年结转结余 / 年终结转结余' })
  setCarryOver(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({
      type: 'SetCarryOver',
      actor,
      // A missing amount is already a reader problem; `done()` refuses before the command is used.
      fromLastYear: reader.money('fromLastYear') ?? new Decimal(0),
      toNextYear: reader.money('toNextYear') ?? new Decimal(0),
    }));
  }

  @Post('basic-lines')
  @ApiOperation({ summary: '新增基本支出明细' })
  proposeBasicLine(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({
      type: 'ProposeBasicLine',
      actor,
      lineId: reader.optionalText('lineId', 64) ?? randomUUID(),
      ...readBasicLine(reader),
    }));
  }

  @Patch('basic-lines/:lineId')
  @ApiOperation({ summary: '修改基本支出明细' })
  reviseBasicLine(@Param() p: { department: string; year: string; lineId: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'ReviseBasicLine', actor, ...readBasicLineRevision(reader, p.lineId) }));
  }

  @Delete('basic-lines/:lineId')
  @ApiOperation({ summary: '撤回基本支出明细' })
  withdrawBasicLine(@Param() p: { department: string; year: string; lineId: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (_reader, actor) => ({ type: 'WithdrawBasicLine', actor, lineId: p.lineId }));
  }

  @Post('projects')
  @ApiOperation({ summary: '申报项目（含资金支出计划与绩效指标）' })
  proposeProject(@Param() p: BudgetParams, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'ProposeProject', actor, project: readProjectProposal(reader) }));
  }

  @Patch('projects/:code')
  @ApiOperation({ summary: '编制中调整项目（金额、计划、指标…）' })
  adjustProject(@Param() p: { department: string; year: string; code: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (reader, actor) => ({ type: 'AdjustProject', actor, code: p.code, changes: readProjectChanges(reader) }));
  }

  @Delete('projects/:code')
  @ApiOperation({ summary: '撤回项目' })
  withdrawProject(@Param() p: { department: string; year: string; code: string }, @Req() q: FastifyRequest, @Res({ passthrough: true }) r: FastifyReply, @CurrentActor() a: Actor) {
    return this.runner.run(p, q, r, a, (_reader, actor) => ({ type: 'WithdrawProject', actor, code: p.code }));
  }
}
