import { Get, Inject, Param, Put } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiController, CLOCK, type Clock, type CommandInput, Input, fiscalYearOf } from '@budgetflow/platform';
import { BudgetSettingsService } from './budget-settings.service';

/**
 * 年度编制设置 — finance sets per fiscal year how budgets are made: `projectsFromLibrary` (项目须从项目库选取; default
 * false, projects proposed in the draft as before).
 */
@ApiParam({ name: 'year', description: '预算年度', example: 2025 })
@ApiController('budget settings', 'v1/budget-settings/:year')
export class BudgetSettingsController {
  constructor(
    private readonly settings: BudgetSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: '本年度编制设置（默认 projectsFromLibrary: false）' })
  async read(@Param('year') year: string) {
    const fiscalYear = fiscalYearOf(year);
    const { settings, version } = await this.settings.current(fiscalYear);
    return { fiscalYear, ...settings, version };
  }

  @Put()
  @ApiOperation({ summary: '设置本年度编制方式（财政，If-Match）：{ projectsFromLibrary: true | false }' })
  async change(@Input() input: CommandInput) {
    const fiscalYear = fiscalYearOf(input.params.year);
    const body = input.body;
    const projectsFromLibrary = body.flag('projectsFromLibrary');
    if (projectsFromLibrary === undefined) body.problem('projectsFromLibrary', 'FIELD_REQUIRED', '必填：true 或 false');
    body.done();
    const outcome = await this.settings.change(fiscalYear, { type: 'ChangeBudgetYearSettings', actor: input.actor, projectsFromLibrary: projectsFromLibrary === true }, input, this.clock());
    return input.answer({ fiscalYear, ...outcome.settings, changed: outcome.changed, version: outcome.version, ...(outcome.position ? { position: outcome.position } : {}) });
  }
}
