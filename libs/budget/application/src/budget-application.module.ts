import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HtmlToPdf } from '@budgetflow/platform';
import { AdjustmentsController } from './adjustments/adjustments.http';
import { BasicLinesController } from './basic-lines/basic-lines.http';
import { BudgetCommandHandler, BudgetStreams } from './budget-commands/budget-commands';
import { CatalogController, CatalogFilesController } from './catalog/catalog.http';
import { CatalogService } from './catalog/catalog.service';
import { ControlNumbersController } from './control-numbers/control-numbers.http';
import { CountyController } from './county/county.http';
import { DeclareIncomeController } from './declare-income/declare-income.http';
import { CountyFunctionalClassesController } from './disclosure/county-functional-classes.http';
import { DisclosureReader } from './disclosure/disclosure-reader';
import { DisclosureController } from './disclosure/disclosure.http';
import { DisclosureSettingsController } from './disclosure-settings/disclosure-settings.http';
import { DisclosureSettingsService } from './disclosure-settings/disclosure-settings.service';
import { EntryWorkbookController } from './entry-workbook/entry-workbook.http';
import { ImportBudgetController } from './import-budget/import-budget.http';
import { OpenDraftController } from './open-draft/open-draft.http';
import { ProjectsController } from './projects/projects.http';
import { PublishVersionController } from './publish-version/publish-version.http';
import { BudgetQueriesController } from './queries/budget-queries.http';
import { ReviewDraftController } from './review-draft/review-draft.http';
import { ReviewQueueController } from './review-draft/review-queue.http';
import { SubmitDraftController } from './submit-draft/submit-draft.http';
import { BudgetSettingsController } from './budget-settings/budget-settings.http';
import { BudgetSettingsService } from './budget-settings/budget-settings.service';
import { ProjectLibraryController } from './project-library/project-library.http';
import { ProjectLibraryService } from './project-library/project-library.service';
import { CloseYearController } from './year-end/close-year.http';
import { CountyFinalAccountsController, FinalAccountsController } from './year-end/final-accounts.http';

/**
 * The budget workflow over HTTP: one folder per use case (its route, request parsing), every command through the
 * command bus to `BudgetCommandHandler`. Needs `EVENT_STORE`, `SQL_CLIENT`, `CLOCK` and `PROJECTION_RUNNER` from
 * the platform's persistence module (global providers).
 */
@Module({
  imports: [CqrsModule],
  controllers: [
    CountyController,
    CatalogController,
    CatalogFilesController,
    ImportBudgetController,
    EntryWorkbookController,
    OpenDraftController,
    DeclareIncomeController,
    BasicLinesController,
    ProjectsController,
    SubmitDraftController,
    ReviewDraftController,
    PublishVersionController,
    ControlNumbersController,
    AdjustmentsController,
    BudgetQueriesController,
    DisclosureController,
    CountyFunctionalClassesController,
    DisclosureSettingsController,
    BudgetSettingsController,
    ProjectLibraryController,
    ReviewQueueController,
    CloseYearController,
    FinalAccountsController,
    CountyFinalAccountsController,
  ],
  providers: [HtmlToPdf, CatalogService, BudgetStreams, BudgetCommandHandler, DisclosureReader, DisclosureSettingsService, BudgetSettingsService, ProjectLibraryService],
  exports: [CatalogService, BudgetStreams],
})
export class BudgetApplicationModule {}
