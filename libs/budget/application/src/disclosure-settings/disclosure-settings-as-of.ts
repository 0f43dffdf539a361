import { type DisclosureSettings, DEFAULT_DISCLOSURE_SETTINGS, disclosureSettingsOf, disclosureSettingsStreamId } from '@budgetflow/budget-domain';
import type { Checkpoint, ProjectionContext } from '@budgetflow/event-store';
import { eventsAsOf } from '../disclosure/stream-as-of';

/**
 * The year's disclosure settings as they stood at a point of the global order (the last change up to and including
 * `asOf`), read through the event-store port: an approved version is rendered at its approval and so keeps the
 * setting of that moment, and a rebuild renders the same bytes whatever its batch boundaries are.
 */
export const disclosureSettingsAsOf = async (
  ctx: Pick<ProjectionContext, 'store' | 'memo'>,
  fiscalYear: number,
  asOf: Checkpoint,
  options: { followed?: boolean } = {},
): Promise<DisclosureSettings> => disclosureSettingsOf(await eventsAsOf(ctx, disclosureSettingsStreamId(fiscalYear), asOf, options), DEFAULT_DISCLOSURE_SETTINGS);

/** `settings-disclosure-2024` → 2024. */
export const DISCLOSURE_SETTINGS_STREAM = /^settings-disclosure-(\d{4})$/;
