import { LIBRARY_EVENT_TYPES, type LibraryEvent, type LibraryStatus } from '@budgetflow/budget-domain';
import type { Projection, SqlClient } from '@budgetflow/event-store';
import { readModel } from '@budgetflow/platform';

export const PROJECT_LIBRARY = 'project_library';

const STATUS_AFTER: Record<LibraryEvent['type'], LibraryStatus> = {
  LibraryProjectProposed: 'proposed',
  LibraryProjectReturned: 'returned',
  ProjectPooled: 'pooled',
  LibraryProjectRejected: 'rejected',
  LibraryProjectWithdrawn: 'withdrawn',
  // A review step passed leaves the project waiting for finance's decision.
  LibraryReviewStepPassed: 'proposed',
};

/**
 * 项目库 — one row per library project: department, code, name, functional class, years, total, where it stands and
 * its history (who did what, when, why), and the library review steps passed on the current proposal (version 2). Finance's review queue and a department's list read it. A function of the
 * library streams' events; an event already applied (its stream version) is not applied twice.
 */
export const projectLibraryProjection: Projection = readModel({
  name: PROJECT_LIBRARY,
  types: LIBRARY_EVENT_TYPES,
  version: 2,
  tables: {
    project_library: `
      stream_id text PRIMARY KEY,
      department text NOT NULL,
      code text NOT NULL,
      name text NOT NULL,
      functional_code text NOT NULL,
      fund_source text NOT NULL,
      total_amount numeric NOT NULL,
      start_year int NOT NULL,
      end_year int NOT NULL,
      status text NOT NULL,
      last_reason text,
      stream_version int NOT NULL,
      updated_at text NOT NULL,
      history jsonb NOT NULL,
      review_passed jsonb NOT NULL DEFAULT '[]'::jsonb`,
  },
  async apply(tx: SqlClient, events, ctx) {
    const table = ctx.table('project_library');
    for (const recorded of events) {
      if (!recorded.streamId.startsWith('project-library-')) continue;
      const event = { type: recorded.type, data: recorded.data } as LibraryEvent;
      const status = STATUS_AFTER[event.type];
      if (!status) continue;
      const reason = 'reason' in event.data ? event.data.reason : null;
      const step = event.type === 'LibraryReviewStepPassed' ? { step: event.data.step, ...(event.data.note ? { note: event.data.note } : {}) } : {};
      const entry = JSON.stringify([{ version: recorded.streamVersion, type: event.type, at: event.data.at, by: event.data.by, ...(reason ? { reason } : {}), ...step }]);
      if (event.type === 'LibraryProjectProposed') {
        const { departmentCode, project } = event.data;
        await tx.query(
          `INSERT INTO ${table} AS t (stream_id, department, code, name, functional_code, fund_source, total_amount, start_year, end_year, status, last_reason, stream_version, updated_at, history)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'proposed', NULL, $10, $11, $12::jsonb)
           ON CONFLICT (stream_id) DO UPDATE SET name = EXCLUDED.name, functional_code = EXCLUDED.functional_code, fund_source = EXCLUDED.fund_source,
             total_amount = EXCLUDED.total_amount, start_year = EXCLUDED.start_year, end_year = EXCLUDED.end_year, status = 'proposed', last_reason = NULL,
             stream_version = EXCLUDED.stream_version, updated_at = EXCLUDED.updated_at, history = t.history || EXCLUDED.history, review_passed = '[]'::jsonb
           WHERE t.stream_version < EXCLUDED.stream_version`,
          [recorded.streamId, departmentCode, project.code, project.name, project.functionalCode, project.fundSource, project.totalAmount, project.startYear, project.endYear, recorded.streamVersion, event.data.at, entry],
        );
      } else if (event.type === 'LibraryReviewStepPassed') {
        const passed = JSON.stringify([{ step: event.data.step, by: event.data.by, at: event.data.at, ...(event.data.note ? { note: event.data.note } : {}) }]);
        await tx.query(
          `UPDATE ${table} SET stream_version = $2, updated_at = $3, history = history || $4::jsonb, review_passed = review_passed || $5::jsonb
           WHERE stream_id = $1 AND stream_version < $2`,
          [recorded.streamId, recorded.streamVersion, event.data.at, entry, passed],
        );
      } else {
        // A return, rejection or withdrawal starts the review steps again; the approval keeps them (what it passed).
        await tx.query(
          `UPDATE ${table} SET status = $2, last_reason = $3, stream_version = $4, updated_at = $5, history = history || $6::jsonb,
             review_passed = CASE WHEN $2 = 'pooled' THEN review_passed ELSE '[]'::jsonb END
           WHERE stream_id = $1 AND stream_version < $4`,
          [recorded.streamId, status, status === 'returned' || status === 'rejected' ? reason : null, recorded.streamVersion, event.data.at, entry],
        );
      }
    }
  },
});
