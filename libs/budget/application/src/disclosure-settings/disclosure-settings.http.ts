import { DisclosureSettingsRequest, DisclosureSettingsView } from '@budgetflow/contracts';
import { ApiController, type CommandInput, YearSettingsRoutes } from '@budgetflow/platform';
import { DisclosureSettingsService } from './disclosure-settings.service';

/**
 * 公开表打印参数 — finance sets per fiscal year how the disclosure prints amounts: `each-cell` (default: every cell
 * rounded on its own, as publications print) or `tail-difference` (尾差调整: printed parts add up to their totals).
 * Drafts are printed with the year's current setting; an approved version keeps the one it was approved with.
 */
@ApiController('budget disclosure', 'v1/disclosure-settings/:year')
export class DisclosureSettingsController extends YearSettingsRoutes({
  exampleYear: 2024,
  view: DisclosureSettingsView,
  request: DisclosureSettingsRequest,
  read: { summary: '本年度公开表打印参数（默认 rounding: each-cell，逐格四舍五入）', refuses: [400, 401, 403] },
  change: { summary: '设置公开表打印参数（财政，If-Match）：{ rounding: each-cell | tail-difference }', refuses: [400, 401, 403, 409, 412, 422] },
}) {
  constructor(private readonly settings: DisclosureSettingsService) {
    super();
  }

  async settingsOf(fiscalYear: number) {
    const { settings, version } = await this.settings.current(fiscalYear);
    return { ...settings, version };
  }

  async changeSettings(fiscalYear: number, input: CommandInput) {
    const rounding = input.body.text('rounding', { max: 20 });
    input.body.done();
    const { settings, ...outcome } = await this.settings.change(fiscalYear, { type: 'ChangeDisclosureSettings', actor: input.actor, rounding }, input);
    return { ...settings, ...outcome };
  }
}
