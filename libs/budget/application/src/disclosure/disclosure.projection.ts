import { BUDGET_EVENT_TYPES, DISCLOSURE_SETTINGS_CHANGED, type Budget, type BudgetContent, type BudgetEvent, BUDGET_FOLDS_WEIGHT, budgetStreamId, budgetWeight, evolveAll, initialBudget } from '@budgetflow/budget-domain';
import { type FiscalPhase, functionalClassTotals, renderDisclosureDocument } from '@budgetflow/budget-projections';
import { type Checkpoint, compareCheckpoints, type Projection, type ProjectionContext, type RecordedEvent, type SqlClient } from '@budgetflow/event-store';
import { CATALOG_ENTRIES_LOADED } from '../catalog/catalog.service';
import { CatalogAsOf } from './catalog-as-of';
import { followStreams } from './stream-as-of';
import { DISCLOSURE_SETTINGS_STREAM, disclosureSettingsAsOf } from '../disclosure-settings/disclosure-settings-as-of';
import { memoCache, readModel } from '@budgetflow/platform';

export const DISCLOSURE = 'disclosure_tables';
export const DISCLOSURE_DOCUMENTS = 'disclosure_documents';
export const DISCLOSURE_FUNCTIONAL_CLASSES = 'disclosure_functional_classes';

/** The label of the working content's row; approved versions are labelled by their number (`1`, `2`, …). */
export const DRAFT_LABEL = 'draft';

const BUDGET_STREAM = /^budget-(.+)-(\d{4})$/;
const CATALOG_STREAM = /^catalog-(\d{4})$/;

const positionOf = (event: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): Checkpoint => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});
const later = (a: Checkpoint, b: Checkpoint | undefined): Checkpoint => (b && compareCheckpoints(b, a) > 0 ? b : a);

interface StreamFold {
  state: Budget;
  approvedAt: ReadonlyMap<number, { at: Checkpoint; streamVersion: number }>;
  at: Checkpoint;
  /**
   * The budget's rows in this version's tables (label → published), once this lead has asked: its later batches
   * know them from what they wrote. The runner clears the memo whenever it (re)gains the lead or a batch fails, so
   * rows written by another leader or rolled back are asked again.
   */
  written?: Map<string, boolean>;
}

/** Fiscal Data Package phase of a version: the draft is 一上 (proposed), version 1 批复, later versions 调整. */
const phaseOf = (label: string): FiscalPhase => (label === DRAFT_LABEL ? 'proposed' : label === '1' ? 'approved' : 'adjusted');

/**
 * 部门预算公开 as a persisted read model: for every department and year one row for the working content
 * (`draft`, rewritten on each budget event) and one per approved version (`1`, `2`, …, written once when the
 * version is approved and never rewritten; publishing only sets its `published` flag). Each row holds the whole
 * rendered document (the nine tables, narrative, goal tables, 机关运行经费, 政府采购, 国有资产, 勾稽 findings,
 * open-data lines) as JSON text, plus the spending by functional 类 for the county view.
 *
 * Catalog names: rendered at projection time with the year's catalog as it stood at that point of the event order
 * (`CatalogAsOf`). An approved version keeps the names of the moment it was approved; the draft row follows catalog
 * changes (a catalog load re-renders the drafts of its year). So a rebuild gives the same bytes, and a published
 * table never changes when the catalog is revised later.
 */
/**
 * Version 2: documents hold the chapters of the whole published document (情况说明) and open-data CSVs with formula
 * cells neutralised; a deployment rebuilds its stored documents beside the serving ones and switches when caught up.
 */
export const DISCLOSURE_VERSION = 2;

export const createDisclosureProjection = (version = DISCLOSURE_VERSION): Projection => {
  const catalogs = new CatalogAsOf();

  /**
   * Renders one row and writes it with its functional classes in one statement: the document upserted (or
   * inserted once), the classes upserted where they changed and those gone deleted, only when the document was
   * written. The class rows the upsert and the delete touch are disjoint, so the statement's parts do not meet.
   */
  const renderRow = async (
    tx: SqlClient,
    ctx: ProjectionContext,
    key: { department: string; fiscalYear: number; label: string },
    content: BudgetContent,
    at: Checkpoint,
    row: { versionNumber: number | null; published: boolean; publishedAt: string | null; status: string; streamVersion: number },
    mode: 'upsert' | 'insert-once',
  ) => {
    const catalog = await catalogs.forYear(ctx, key.fiscalYear, at, { followed: true });
    const { rounding } = await disclosureSettingsAsOf(ctx, key.fiscalYear, at, { followed: true });
    const document = renderDisclosureDocument(content, catalog, phaseOf(key.label), { rounding });
    const totals = functionalClassTotals(content, catalog);
    const classes = ctx.table(DISCLOSURE_FUNCTIONAL_CLASSES);
    await tx.query(
      `WITH document AS (
         INSERT INTO ${ctx.table(DISCLOSURE_DOCUMENTS)} AS d
           (department, fiscal_year, version_label, version_number, published, published_at, department_name, status, stream_version, document, tables)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (fiscal_year, department, version_label) DO ${
           mode === 'upsert'
             ? `UPDATE SET department_name = EXCLUDED.department_name, status = EXCLUDED.status,
                  stream_version = EXCLUDED.stream_version, document = EXCLUDED.document, tables = EXCLUDED.tables`
             : 'NOTHING'
         }
         RETURNING department
       ), upserted AS (
         INSERT INTO ${classes} AS c (department, fiscal_year, version_label, class_code, class_name, basic, project, total)
         SELECT $1, $2, $3, t.* FROM unnest($12::text[], $13::text[], $14::numeric[], $15::numeric[], $16::numeric[]) AS t
          WHERE EXISTS (SELECT FROM document)
         ON CONFLICT (fiscal_year, department, version_label, class_code) DO UPDATE
           SET class_name = EXCLUDED.class_name, basic = EXCLUDED.basic, project = EXCLUDED.project, total = EXCLUDED.total
         WHERE (c.class_name, c.basic, c.project, c.total) IS DISTINCT FROM (EXCLUDED.class_name, EXCLUDED.basic, EXCLUDED.project, EXCLUDED.total)
       )
       DELETE FROM ${classes}
        WHERE fiscal_year = $2 AND department = $1 AND version_label = $3 AND class_code <> ALL($12::text[]) AND EXISTS (SELECT FROM document)`,
      [
        key.department,
        key.fiscalYear,
        key.label,
        row.versionNumber,
        row.published,
        row.publishedAt,
        content.department.name,
        row.status,
        row.streamVersion,
        JSON.stringify(document),
        JSON.stringify(document.tables),
        totals.map((total) => total.code),
        totals.map((total) => total.name),
        totals.map((total) => total.basic.toFixed(2)),
        totals.map((total) => total.project.toFixed(2)),
        totals.map((total) => total.total.toFixed(2)),
      ],
    );
  };

  /**
   * Folds one budget stream up to `at` from the runner's last fold of it (kept in `ctx.memo`). The projection's
   * types are every budget event type, so a batch holds every new event of the stream, and every batch of this
   * lead went through here for each budget it held (the runner clears the memo when it regains the lead or a batch
   * fails): a fold exactly one version behind the batch's first event of the stream (or any fold, when the batch
   * holds none of it: a catalog change) goes on with the batch alone, as does a batch that starts the stream. Only
   * without a fold, or with a gap, is the stream read (through the event-store port), from what the fold lacks.
   * Events never change, so a fold through stream version v stays right; only a read position earlier than the
   * fold's (never in forward order) starts over. A stream's events are in the global order too, so those at or before `at` are a prefix of what the read
   * returns.
   */
  const foldStream = async (ctx: ProjectionContext, streamId: string, at: Checkpoint, batch: readonly RecordedEvent[]): Promise<StreamFold> => {
    const folds = memoCache<StreamFold>(ctx.memo, 'budget-folds', BUDGET_FOLDS_WEIGHT, (fold) => budgetWeight(fold.state));
    const cached = folds.get(streamId);
    const known = cached && compareCheckpoints(cached.at, at) <= 0 ? cached : undefined;
    const first = batch[0]?.streamVersion;
    const follows = known ? first === undefined || first === known.state.streamVersion + 1 : first === 1;
    const newer = follows ? batch : await ctx.store.readStream(streamId, { fromVersion: (known?.state.streamVersion ?? 0) + 1 });
    const through = newer.findIndex((event) => compareCheckpoints(positionOf(event), at) > 0);
    const applied = through === -1 ? newer : newer.slice(0, through);
    // In one go (linear for an import's thousands of lines), as evolve gives it event by event.
    const state: Budget = evolveAll(known?.state ?? initialBudget(), applied.map((event) => ({ type: event.type, data: event.data }) as BudgetEvent));
    /** Where each version was approved: its catalog names and stream version are those of that moment. */
    const approvedAt = new Map(known?.approvedAt);
    for (const event of applied) {
      if (event.type === 'DraftApproved' || event.type === 'AdjustmentApproved') {
        approvedAt.set((event.data as { version: number }).version, { at: positionOf(event), streamVersion: event.streamVersion });
      }
    }
    // What is written of the budget does not depend on the fold: kept even when the fold starts over.
    return folds.set(streamId, { state, approvedAt, at, written: cached?.written });
  };

  /** Folds one budget stream up to `at` and writes its draft row and any approved version not written yet. */
  const projectBudget = async (tx: SqlClient, ctx: ProjectionContext, streamId: string, at: Checkpoint, batch: readonly RecordedEvent[]) => {
    const fold = await foldStream(ctx, streamId, at, batch);
    const { state, approvedAt } = fold;
    if (!state.content || !state.departmentCode || !state.fiscalYear) return;
    const address = { department: state.departmentCode, fiscalYear: state.fiscalYear };
    // The rows of the budget and their published flags: asked once per lead (another leader may have written
    // before), then known from what this runner wrote.
    const written =
      fold.written ??
      new Map(
        (
          await tx.query<{ version_label: string; published: boolean }>(
            `SELECT version_label, published FROM ${ctx.table(DISCLOSURE_DOCUMENTS)} WHERE fiscal_year = $1 AND department = $2`,
            [address.fiscalYear, address.department],
          )
        ).rows.map((row) => [row.version_label, row.published]),
      );
    fold.written = written;

    await renderRow(tx, ctx, { ...address, label: DRAFT_LABEL }, state.content, at, {
      versionNumber: null,
      published: false,
      publishedAt: null,
      status: state.status,
      streamVersion: state.streamVersion,
    }, 'upsert');
    written.set(DRAFT_LABEL, false);

    for (const approved of state.versions) {
      const label = String(approved.version);
      if (!written.has(label)) {
        const approval = approvedAt.get(approved.version) ?? { at, streamVersion: state.streamVersion };
        await renderRow(tx, ctx, { ...address, label }, approved.content, approval.at, {
          versionNumber: approved.version,
          published: approved.published,
          publishedAt: approved.publishedAt ?? null,
          status: approved.published ? 'published' : 'approved',
          streamVersion: approval.streamVersion,
        }, 'insert-once');
        written.set(label, approved.published);
      } else if (approved.published && !written.get(label)) {
        // Publishing changes the flag only: the document of an approved version is never rewritten.
        await tx.query(
          `UPDATE ${ctx.table(DISCLOSURE_DOCUMENTS)} SET published = true, published_at = $4, status = 'published'
            WHERE fiscal_year = $1 AND department = $2 AND version_label = $3 AND NOT published`,
          [address.fiscalYear, address.department, label, approved.publishedAt ?? null],
        );
        written.set(label, true);
      }
    }
  };

  return readModel({
    name: DISCLOSURE,
    version,
    // A batch re-renders the whole draft of every budget it touches: while writes keep coming, at most about four
    // times a second, and rendering takes at most a tenth of the process (a batch of t ms waits t × 10 before the
    // next; 8 clients proposing lines with the read models in the api: 0.89-1.05 -> 0.75-0.78 ms of api CPU a
    // command). A single change after a quiet spell is rendered at once.
    minBatchIntervalMs: 250,
    maxBusyShare: 0.1,
    // Budget and catalog events only: a year of payments passes by without its payloads being read.
    types: [...BUDGET_EVENT_TYPES, CATALOG_ENTRIES_LOADED, DISCLOSURE_SETTINGS_CHANGED],
    tables: {
      [DISCLOSURE_DOCUMENTS]: `
        department text NOT NULL,
        fiscal_year int NOT NULL,
        version_label text NOT NULL,
        version_number int,
        published boolean NOT NULL,
        published_at text,
        department_name text NOT NULL,
        status text NOT NULL,
        stream_version int NOT NULL,
        document text NOT NULL,
        -- The nine tables alone (also inside document): what GET …/tables sends as it is, without parsing the rest.
        tables text NOT NULL,
        PRIMARY KEY (fiscal_year, department, version_label)`,
      [DISCLOSURE_FUNCTIONAL_CLASSES]: `
        department text NOT NULL,
        fiscal_year int NOT NULL,
        version_label text NOT NULL,
        class_code text NOT NULL,
        class_name text NOT NULL,
        basic numeric NOT NULL,
        project numeric NOT NULL,
        total numeric NOT NULL,
        PRIMARY KEY (fiscal_year, department, version_label, class_code)`,
    },
    async apply(tx: SqlClient, events: readonly RecordedEvent[], ctx) {
      // Where to render each budget: at its last event in the batch, or later when its year's catalog changed.
      const renderAt = new Map<string, Checkpoint>();
      const catalogChanged = new Map<number, Checkpoint>();
      /** Each budget's events in the batch, in stream order: every new event of the stream (see `foldStream`). */
      const budgetEvents = new Map<string, RecordedEvent[]>();
      // The catalog and settings streams hold only the types this projection reads: known from the batches on.
      followStreams(ctx, events, (streamId) => CATALOG_STREAM.test(streamId) || DISCLOSURE_SETTINGS_STREAM.test(streamId));
      for (const event of events) {
        if (BUDGET_STREAM.test(event.streamId)) {
          renderAt.set(event.streamId, positionOf(event));
          const list = budgetEvents.get(event.streamId);
          if (list) list.push(event);
          else budgetEvents.set(event.streamId, [event]);
        }
        const catalogYear = CATALOG_STREAM.exec(event.streamId)?.[1];
        if (catalogYear && event.type === CATALOG_ENTRIES_LOADED) {
          catalogChanged.set(Number(catalogYear), positionOf(event));
        }
        // A change of the year's print rounding re-renders its drafts too, like a catalog change.
        const settingsYear = DISCLOSURE_SETTINGS_STREAM.exec(event.streamId)?.[1];
        if (settingsYear && event.type === DISCLOSURE_SETTINGS_CHANGED) {
          const at = positionOf(event);
          catalogChanged.set(Number(settingsYear), later(at, catalogChanged.get(Number(settingsYear))));
        }
      }
      for (const [fiscalYear, at] of catalogChanged) {
        const drafts = await tx.query<{ department: string }>(
          `SELECT department FROM ${ctx.table(DISCLOSURE_DOCUMENTS)} WHERE fiscal_year = $1 AND version_label = $2`,
          [fiscalYear, DRAFT_LABEL],
        );
        const streams = new Set([...drafts.rows.map((row) => budgetStreamId(row.department, fiscalYear))]);
        for (const streamId of renderAt.keys()) if (BUDGET_STREAM.exec(streamId)?.[2] === String(fiscalYear)) streams.add(streamId);
        for (const streamId of streams) renderAt.set(streamId, later(at, renderAt.get(streamId)));
      }
      for (const [streamId, at] of renderAt) await projectBudget(tx, ctx, streamId, at, budgetEvents.get(streamId) ?? []);
    },
  });
};

/** The disclosure projection the app runs. */
export const disclosureProjection: Projection = createDisclosureProjection();
