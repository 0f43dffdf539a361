import { Inject } from '@nestjs/common';
import { BudgetSettingsRequest, BudgetSettingsView } from '@budgetflow/contracts';
import { ApiController, CLOCK, type Clock, type CommandInput, YearSettingsRoutes } from '@budgetflow/platform';
import { BudgetSettingsService } from './budget-settings.service';

/**
 * 年度编制设置 — finance sets per fiscal year how budgets are made: `projectsFromLibrary` (项目须从项目库选取; default
 * false, projects proposed in the draft as before) and `rounds` (`single`, the default: submit then approve as before;
 * `four`: 一上 → 一下 → 二上 → 二下), `reviewSteps` (审核环节 before an approval, in order) and `libraryReviewSteps`
 * (项目库审核环节, e.g. a review office, passed in order before a library project starting in that year is approved into the library). Fields left out keep their setting.
 */
@ApiController('budget settings', 'v1/budget-settings/:year')
export class BudgetSettingsController extends YearSettingsRoutes({
  exampleYear: 2025,
  view: BudgetSettingsView,
  request: BudgetSettingsRequest,
  read: { summary: '本年度编制设置（默认 projectsFromLibrary: false）', refuses: [{ 400: ['FISCAL_YEAR_INVALID'] }, 401, 403] },
  change: {
    summary: '设置本年度编制方式（财政，If-Match）：{ projectsFromLibrary?: true | false, rounds?: single | four, reviewSteps?: ["业务股室", "预算股"], libraryReviewSteps?: ["评审中心"] }',
    refuses: [{ 400: ['FIELD_REQUIRED', 'FISCAL_YEAR_INVALID'] }, 401, 403, 409, 412, 422],
  },
}) {
  constructor(
    private readonly settings: BudgetSettingsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async settingsOf(fiscalYear: number) {
    const { settings, version } = await this.settings.current(fiscalYear);
    return { ...settings, version };
  }

  async changeSettings(fiscalYear: number, input: CommandInput) {
    const body = input.body;
    const projectsFromLibrary = body.flag('projectsFromLibrary');
    const rounds = body.optionalText('rounds', 20);
    const steps = body.list('reviewSteps', { optional: true, max: 10 });
    steps?.forEach((step, i) => {
      if (typeof step !== 'string' || step.length > 50) body.problem(`reviewSteps[${i}]`, 'FIELD_TYPE_INVALID', '应为不超过50字的审核环节名称');
    });
    const reviewSteps = steps?.filter((step): step is string => typeof step === 'string');
    const library = body.list('libraryReviewSteps', { optional: true, max: 10 });
    library?.forEach((step, i) => {
      if (typeof step !== 'string' || step.length > 50) body.problem(`libraryReviewSteps[${i}]`, 'FIELD_TYPE_INVALID', '应为不超过50字的审核环节名称');
    });
    const libraryReviewSteps = library?.filter((step): step is string => typeof step === 'string');
    if (projectsFromLibrary === undefined && rounds === undefined && reviewSteps === undefined && libraryReviewSteps === undefined)
      body.problem('rounds', 'FIELD_REQUIRED', '至少填写 rounds、projectsFromLibrary、reviewSteps 或 libraryReviewSteps 之一');
    body.done();
    const command = {
      type: 'ChangeBudgetYearSettings' as const,
      actor: input.actor,
      ...(projectsFromLibrary !== undefined ? { projectsFromLibrary } : {}),
      ...(rounds !== undefined ? { rounds } : {}),
      ...(reviewSteps !== undefined ? { reviewSteps } : {}),
      ...(libraryReviewSteps !== undefined ? { libraryReviewSteps } : {}),
    };
    const outcome = await this.settings.change(fiscalYear, command, input, this.clock());
    return { ...outcome.settings, changed: outcome.changed, version: outcome.version, ...(outcome.position ? { position: outcome.position } : {}) };
  }
}
