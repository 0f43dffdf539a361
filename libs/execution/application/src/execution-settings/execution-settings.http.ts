import { ExecutionSettingsRequest, ExecutionSettingsView } from '@budgetflow/contracts';
import { refuse } from '@budgetflow/execution-domain';
import { ApiController, type CommandInput, YearSettingsRoutes } from '@budgetflow/platform';
import { ExecutionSettingsService } from './execution-settings.service';

/** 执行监控参数 — finance sets per fiscal year: over-spend control (block / warn) and the yellow / red gap thresholds. */
@ApiController('execution', 'v1/execution-settings/:year')
export class ExecutionSettingsController extends YearSettingsRoutes({
  exampleYear: 2024,
  view: ExecutionSettingsView,
  request: ExecutionSettingsRequest,
  read: { summary: '本年度执行监控参数（默认：block，黄色 > 10，红色 > 20 个百分点）', refuses: [{ 400: ['FISCAL_YEAR_INVALID'] }, 401, 403] },
  change: {
    summary: '设置执行监控参数（财政）：{ overspendMode: block|warn, yellowGapPoints, redGapPoints }',
    refuses: [{ 400: ['OVERSPEND_MODE_UNKNOWN'], 403: ['SETTINGS_FORBIDDEN_ROLE'], 422: ['THRESHOLDS_INVALID'] }, 401, 409, 412],
  },
}) {
  constructor(private readonly settings: ExecutionSettingsService) {
    super();
  }

  settingsOf(fiscalYear: number) {
    return this.settings.current(fiscalYear);
  }

  async changeSettings(fiscalYear: number, input: CommandInput) {
    if (input.actor.role !== 'finance') refuse('SETTINGS_FORBIDDEN_ROLE');
    const body = input.body;
    const overspendMode = body.text('overspendMode', { max: 10 });
    const yellowGapPoints = body.number('yellowGapPoints');
    const redGapPoints = body.number('redGapPoints');
    body.done();
    const { settings, changed, version } = await this.settings.change(fiscalYear, { type: 'ChangeExecutionSettings', actor: input.actor, overspendMode, yellowGapPoints, redGapPoints }, input);
    return { ...settings, changed, version };
  }
}
