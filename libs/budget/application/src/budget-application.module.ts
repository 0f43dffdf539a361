import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { BudgetCommandRunner } from './budget-stream/budget-command-runner';
import { BudgetStream } from './budget-stream/budget-stream';
import { ExecuteBudgetCommandsHandler } from './budget-stream/execute-budget-commands';
import { CatalogController } from './catalog/catalog.http';
import { CatalogService } from './catalog/catalog.service';
import { CountyController } from './county/county.http';
import { BudgetDraftingController } from './drafting/budget-drafting.http';
import { BudgetImportController } from './import/budget-import.http';
import { BudgetQueriesController } from './queries/budget-queries.http';
import { BudgetReviewController } from './review/budget-review.http';
import { SubmissionGate } from './review/submission-gate';
import { CountyFunctionalClassesController } from './disclosure/county-functional-classes.http';
import { DisclosureReader } from './disclosure/disclosure-reader';
import { DisclosureController } from './disclosure/disclosure.http';

/**
 * The budget workflow over HTTP. Needs `EVENT_STORE`, `SQL_CLIENT` and `CLOCK` from the app (global providers).
 */
@Module({
  imports: [CqrsModule],
  controllers: [CountyController, CatalogController, BudgetImportController, BudgetDraftingController, BudgetReviewController, BudgetQueriesController, DisclosureController, CountyFunctionalClassesController],
  providers: [CatalogService, BudgetStream, BudgetCommandRunner, ExecuteBudgetCommandsHandler, SubmissionGate, DisclosureReader],
  exports: [CatalogService, BudgetStream],
})
export class BudgetApplicationModule {}
