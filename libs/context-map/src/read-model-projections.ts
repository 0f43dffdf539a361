import { budgetOverviewProjection, disclosureProjection, projectLibraryProjection } from '@budgetflow/budget-application';
import type { Projection } from '@budgetflow/event-store';
import { executionMonitoringProjection } from '@budgetflow/execution-application';
import { reminderPlanProjection } from '@budgetflow/reminders-application';
import { auditTrailProjection } from '@budgetflow/security';

/**
 * The read models every process may lead (one leader per projection across all processes): what the api and the
 * worker hand to the platform's persistence module.
 */
export const READ_MODEL_PROJECTIONS: readonly Projection[] = [
  budgetOverviewProjection,
  disclosureProjection,
  executionMonitoringProjection,
  reminderPlanProjection,
  auditTrailProjection,
  projectLibraryProjection,
];
