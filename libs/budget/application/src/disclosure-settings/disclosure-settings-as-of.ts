import { type DisclosureSettings, DEFAULT_DISCLOSURE_SETTINGS, disclosureSettingsOf, disclosureSettingsStreamId } from '@budgetflow/budget-domain';
import type { Checkpoint, SqlClient } from '@budgetflow/event-store';

/**
 * The year's disclosure settings as they stood at a point of the global order (the last change up to and including
 * `asOf`), read inside the projection's transaction: an approved version is rendered at its approval and so keeps
 * the setting of that moment, and a rebuild renders the same bytes whatever its batch boundaries are.
 */
export const disclosureSettingsAsOf = async (tx: SqlClient, fiscalYear: number, asOf: Checkpoint): Promise<DisclosureSettings> => {
  const { rows } = await tx.query<{ type: string; data: unknown }>(
    `SELECT type, data FROM events
      WHERE stream_id = $1 AND (transaction_id, global_position) <= ($2::text::xid8, $3::bigint)
      ORDER BY stream_version DESC LIMIT 1`,
    [disclosureSettingsStreamId(fiscalYear), asOf.transactionId.toString(), asOf.globalPosition.toString()],
  );
  return disclosureSettingsOf(rows, DEFAULT_DISCLOSURE_SETTINGS);
};

/** `settings-disclosure-2024` → 2024. */
export const DISCLOSURE_SETTINGS_STREAM = /^settings-disclosure-(\d{4})$/;
