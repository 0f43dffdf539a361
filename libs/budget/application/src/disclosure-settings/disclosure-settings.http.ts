import { Get, Param, Put } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { DisclosureSettingsRequest, DisclosureSettingsView } from '@budgetflow/contracts';
import { Answers, ApiController, BodySchema, PathParam, Refuses, type CommandInput, Input, fiscalYearOf } from '@budgetflow/platform';
import { DisclosureSettingsService } from './disclosure-settings.service';

/**
 * 公开表打印参数 — finance sets per fiscal year how the disclosure prints amounts: `each-cell` (default: every cell
 * rounded on its own, as publications print) or `tail-difference` (尾差调整: printed parts add up to their totals).
 * Drafts are printed with the year's current setting; an approved version keeps the one it was approved with.
 */
@ApiController('budget disclosure', 'v1/disclosure-settings/:year')
export class DisclosureSettingsController {
  constructor(private readonly settings: DisclosureSettingsService) {}

  @Get()
  @ApiOperation({ summary: '本年度公开表打印参数（默认 rounding: each-cell，逐格四舍五入）' })
  @PathParam('year', '预算年度', 2024)
  @Answers(DisclosureSettingsView)
  @Refuses(400, 401, 403)
  async read(@Param('year') year: string) {
    const fiscalYear = fiscalYearOf(year);
    const { settings, version } = await this.settings.current(fiscalYear);
    return { fiscalYear, ...settings, version };
  }

  @Put()
  @ApiOperation({ summary: '设置公开表打印参数（财政，If-Match）：{ rounding: each-cell | tail-difference }' })
  @PathParam('year', '预算年度', 2024)
  @BodySchema(DisclosureSettingsRequest)
  @Answers(DisclosureSettingsView)
  @Refuses(400, 401, 403, 409, 412, 422)
  async change(@Input() input: CommandInput) {
    const fiscalYear = fiscalYearOf(input.params.year);
    const body = input.body;
    const rounding = body.text('rounding', { max: 20 });
    body.done();
    const { settings, ...outcome } = await this.settings.change(fiscalYear, { type: 'ChangeDisclosureSettings', actor: input.actor, rounding }, input);
    return input.answer({ fiscalYear, ...settings, ...outcome });
  }
}
