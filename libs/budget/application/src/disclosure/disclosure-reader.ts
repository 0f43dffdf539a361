import { Inject, Injectable } from '@nestjs/common';
import { budgetStreamId, disclosureSettingsStreamId } from '@budgetflow/budget-domain';
import type { DisclosureDocument } from '@budgetflow/budget-projections';
import { type Checkpoint, compareCheckpoints, type EventStore, type ProjectionRunner, type SqlClient } from '@budgetflow/event-store';
import { type Actor, BoundedCache, httpProblem, budgetAddress, EVENT_STORE, PROJECTION_RUNNER, SQL_CLIENT } from '@budgetflow/platform';
import { catalogStreamId } from '../catalog/catalog.service';
import { parseVersionSpec, type VersionSpec } from '../queries/budget-versions';
import { DISCLOSURE, DISCLOSURE_DOCUMENTS, DRAFT_LABEL } from './disclosure.projection';

/**
 * How long a read waits for the projection: `?after=` (the position a command answered), or the budget's head.
 * Normally milliseconds; a long transaction elsewhere in the cluster holds every projection back (commit-safe
 * order), so the bound is generous before the read gives up with 503 + Retry-After.
 */
const WAIT_FOR_AFTER_MS = 10_000;
const WAIT_FOR_HEAD_MS = 10_000;
/** How long readers without `?after=` share a budget's stream-head look-up while no append is noticed (issue 19). */
const HEAD_REUSE_MS = 50;

/**
 * $1 year, $2 department, $3 label whose tables to send (NULL: every version's), $4 projection. The serving
 * checkpoint and the version rows in one snapshot (the rows were committed with that checkpoint); no row at all
 * while the projection is not set up. Whether that checkpoint is far enough is for the caller to say, against
 * the read-your-writes target the event store gives (`DisclosureReader.tables`).
 */
const TABLES_WITH_CHECKPOINT = `
  WITH cp AS (
    SELECT c.transaction_id, c.global_position FROM projection_versions v
      JOIN projection_checkpoints c ON c.name = v.name || '@v' || v.active_version WHERE v.name = $4
  )
  SELECT cp.transaction_id AS checkpoint_transaction_id, cp.global_position AS checkpoint_global_position,
         d.version_label, d.version_number, d.published, d.published_at, d.department_name, d.status,
         CASE WHEN $3::text IS NULL OR d.version_label = $3::text THEN d.tables END AS tables
    FROM cp LEFT JOIN ${DISCLOSURE_DOCUMENTS} d ON d.fiscal_year = $1 AND d.department = $2
   ORDER BY d.version_number NULLS FIRST`;

export interface DisclosureVersionRow {
  version_label: string;
  version_number: number | null;
  published: boolean;
  published_at: string | null;
  department_name: string;
  status: string;
}

export interface ReadDisclosure {
  department: string;
  fiscalYear: number;
  /** `draft`, or the approved version number. */
  version: 'draft' | number;
  published: boolean;
  document: DisclosureDocument;
}

/** One version's nine tables as a reader gets them: the version chosen and the stored tables text. */
export interface TablesRead {
  department: string;
  fiscalYear: number;
  chosen: DisclosureVersionRow;
  tables: string;
}

/**
 * Answers of the tables route kept per (budget, version asked for, visibility), each with the projection checkpoint
 * of the snapshot it was read from. An answer is served again while that checkpoint covers everything of the budget,
 * its year's catalog and disclosure settings (the stream heads, one small statement) — or the caller's `?after=` — so
 * a write anywhere in them, or a newer `?after=`, reads the projection again. Visibility (may the caller see drafts)
 * is part of the key: an anonymous reader never gets an answer rendered for finance. Bounded to 32 MB.
 */
const TABLES_CACHE_BYTES = 32 * 1024 * 1024;

export const mayReadDrafts = (department: string, actor: Actor | undefined): boolean =>
  actor !== undefined && (actor.role !== 'department' || actor.department === department);

const latest = <T>(rows: readonly T[]): T | undefined => rows[rows.length - 1];
const notFound = () => httpProblem('NOT_FOUND', '预算或该版本不存在');

/** `?after=` must be a position a command answered with: digits only. */
export const parseAfter = (after: string | undefined): bigint | undefined => {
  if (after === undefined) return undefined;
  if (!/^\d{1,19}$/.test(after)) {
    throw httpProblem('VALIDATION_FAILED', 'after 应为命令返回的 position', [{ field: 'after', code: 'POSITION_INVALID', message: `无效的 position：${after}` }]);
  }
  return BigInt(after);
};

/**
 * Reads the disclosure projection with read-your-writes and the same visibility rule as the budget itself:
 * published versions are public, the draft and unpublished versions only for the department, finance,
 * supervisors and admins (others get 404, learning nothing).
 */
@Injectable()
export class DisclosureReader {
  private setUp = false;
  private readonly headLookups = new BoundedCache<{ token: number; target: Promise<Checkpoint | undefined>; startedAt: number }>(10_000);
  private readonly answers = new BoundedCache<{ checkpoint: Checkpoint; read: TablesRead }>(TABLES_CACHE_BYTES, (entry) => entry.read.tables.length * 2 + 1024);

  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * What the projection must have applied for a read right after a write to see it: the `after` event, or the
   * last event of the budget and of its year's catalog (one request to the event store: on Postgres one
   * statement of two index look-ups). `undefined`: nothing to wait for (no such events); `'unknown'`: the
   * `after` event is not visible (yet).
   */
  private async target(department: string, fiscalYear: number, after: bigint | undefined): Promise<Checkpoint | 'unknown' | undefined> {
    if (after !== undefined) return (await this.store.checkpointOf(after)) ?? 'unknown';
    // Readers of the same budget share one look-up, in flight or done less than HEAD_REUSE_MS ago, as long as no append
    // has been noticed since it started: an append through this process moves the token before its answer goes out
    // (a client that wrote here and then reads always gets a look-up of its own); one through another process moves
    // it when its notification arrives, and a missed notification costs at most HEAD_REUSE_MS. `?after=` never shares.
    const key = `${department}/${fiscalYear}`;
    const token = this.store.notifications.token;
    const kept = this.headLookups.get(key);
    if (kept && kept.token === token && Date.now() - kept.startedAt < HEAD_REUSE_MS) return kept.target;
    const target = this.headsTarget(department, fiscalYear);
    target.catch(() => {
      if (this.headLookups.get(key)?.target === target) this.headLookups.delete(key);
    });
    this.headLookups.set(key, { token, target, startedAt: Date.now() });
    return target;
  }

  /** The latest of the heads of the budget's stream, its year's catalog and disclosure settings. */
  private async headsTarget(department: string, fiscalYear: number): Promise<Checkpoint | undefined> {
    let target: Checkpoint | undefined;
    for (const head of await this.store.streamHeads([budgetStreamId(department, fiscalYear), catalogStreamId(fiscalYear), disclosureSettingsStreamId(fiscalYear)])) {
      if (head && (target === undefined || compareCheckpoints(head.checkpoint, target) > 0)) target = head.checkpoint;
    }
    return target;
  }

  /**
   * Waits until the projection has applied `after`, or by default everything of this budget (and of its year's
   * catalog) that is committed now, so a read right after a write sees it. 503 when the projection lags too far.
   */
  async catchUp(department: string, fiscalYear: number, after: bigint | undefined): Promise<void> {
    // `?after=`: the runner turns the position into its checkpoint (and waits for it to become visible).
    const target: Checkpoint | bigint | undefined = after ?? (await this.target(department, fiscalYear, undefined) as Checkpoint | undefined);
    if (target === undefined) return;
    const caughtUp = await this.runner.waitFor(DISCLOSURE, target, after === undefined ? WAIT_FOR_HEAD_MS : WAIT_FOR_AFTER_MS);
    if (!caughtUp) throw httpProblem('SERVICE_UNAVAILABLE', '公开表正在生成，请稍后重试');
  }

  /**
   * The documents of the serving version: the view the runner keeps pointed at it (switched atomically on
   * rebuild), once this process has seen the projection set up.
   */
  async documentsTable(): Promise<string> {
    if (this.setUp) return DISCLOSURE_DOCUMENTS;
    try {
      await this.runner.activeTableName(DISCLOSURE, DISCLOSURE_DOCUMENTS);
    } catch {
      throw httpProblem('SERVICE_UNAVAILABLE', '公开表尚未生成，请稍后重试');
    }
    this.setUp = true;
    return DISCLOSURE_DOCUMENTS;
  }

  /** Every version row of a budget (without documents), in label order: draft first, then 1, 2, …. */
  async versions(department: string, fiscalYear: number): Promise<DisclosureVersionRow[]> {
    const table = await this.documentsTable();
    const { rows } = await this.sql.query<DisclosureVersionRow>(
      `SELECT version_label, version_number, published, published_at, department_name, status FROM ${table}
        WHERE fiscal_year = $1 AND department = $2 ORDER BY version_number NULLS FIRST`,
      [fiscalYear, department],
    );
    return rows;
  }

  async document(department: string, fiscalYear: number, label: string): Promise<DisclosureDocument> {
    return JSON.parse(await this.storedText(department, fiscalYear, label, 'document')) as DisclosureDocument;
  }

  /** The nine tables of one version as stored JSON text (an array of tables). */
  tablesText(department: string, fiscalYear: number, label: string): Promise<string> {
    return this.storedText(department, fiscalYear, label, 'tables');
  }

  /** One stored text of a version: the whole document, or its nine tables alone. */
  private async storedText(department: string, fiscalYear: number, label: string, column: 'document' | 'tables'): Promise<string> {
    const table = await this.documentsTable();
    const { rows } = await this.sql.query<Record<typeof column, string>>(
      `SELECT ${column} FROM ${table} WHERE fiscal_year = $1 AND department = $2 AND version_label = $3`,
      [fiscalYear, department, label],
    );
    if (!rows[0]) throw notFound();
    return rows[0][column];
  }

  /** The version a reader asks for (`draft` | `approved` | `published` | a number), if the reader may see it. */
  choose(rows: readonly DisclosureVersionRow[], department: string, spec: VersionSpec, actor: Actor | undefined): DisclosureVersionRow {
    if (rows.length === 0) throw notFound();
    const approved = rows.filter((row) => row.version_number !== null);
    const chosen =
      spec === 'draft'
        ? rows.find((row) => row.version_label === DRAFT_LABEL)
        : typeof spec === 'number'
          ? approved.find((row) => row.version_number === spec)
          : latest(spec === 'published' ? approved.filter((row) => row.published) : approved);
    if (!chosen || (!chosen.published && !mayReadDrafts(department, actor))) throw notFound();
    return chosen;
  }

  /** Address, read-your-writes and version choice: what every disclosure route starts with. */
  async locate(params: { department: string; year: string }, query: { version?: string; after?: string }, actor: Actor | undefined) {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const spec = parseVersionSpec(query.version, mayReadDrafts(department, actor) ? 'draft' : 'published');
    const after = parseAfter(query.after);
    await this.catchUp(department, fiscalYear, after);
    const chosen = this.choose(await this.versions(department, fiscalYear), department, spec, actor);
    return { department, fiscalYear, chosen };
  }

  /**
   * `locate` + `tablesText` in one round trip of waiting when the projection has already caught up (the usual
   * case): the read-your-writes target from the event store and, at the same time, one statement reading the
   * serving checkpoint with the version rows and tables in one snapshot. Both start after the request came, so
   * the target covers every write the client saw answered; a checkpoint at or past it means the rows do too.
   * Otherwise (lagging, not set up yet, `after` not visible) the step-by-step path waits and answers.
   */
  async tables(params: { department: string; year: string }, query: { version?: string; after?: string }, actor: Actor | undefined): Promise<TablesRead> {
    const { department, fiscalYear } = budgetAddress(params.department, params.year);
    const internal = mayReadDrafts(department, actor);
    const spec = parseVersionSpec(query.version, internal ? 'draft' : 'published');
    const after = parseAfter(query.after);
    const key = `${department}/${fiscalYear}/${String(spec)}/${internal ? 'internal' : 'public'}`;
    const kept = this.answers.get(key);
    if (kept) {
      const target = await this.target(department, fiscalYear, after);
      if (target !== 'unknown' && (target === undefined || compareCheckpoints(kept.checkpoint, target) >= 0)) return kept.read;
      this.answers.delete(key);
    }
    const label = spec === 'draft' ? DRAFT_LABEL : typeof spec === 'number' ? String(spec) : null;
    const [target, fast] = await Promise.all([
      this.target(department, fiscalYear, after),
      this.sql
        .query<DisclosureVersionRow & { checkpoint_transaction_id: bigint; checkpoint_global_position: bigint; tables: string | null }>(TABLES_WITH_CHECKPOINT, [
          fiscalYear,
          department,
          label,
          DISCLOSURE,
        ])
        .catch(() => undefined), // e.g. the projection's view not created yet: the slow path says so properly
    ]);
    const served = fast?.rows[0];
    const checkpoint = served && { transactionId: BigInt(served.checkpoint_transaction_id), globalPosition: BigInt(served.checkpoint_global_position) };
    const ready = checkpoint !== undefined && target !== 'unknown' && (target === undefined || compareCheckpoints(checkpoint, target) >= 0);
    if (fast && checkpoint && ready) {
      const rows = fast.rows.filter((row) => row.version_label !== null);
      const chosen = this.choose(rows, department, spec, actor);
      const tables = rows.find((row) => row.version_label === chosen.version_label)?.tables;
      if (tables) return this.answers.set(key, { checkpoint, read: { department, fiscalYear, chosen, tables } }).read;
    }
    const { chosen } = await this.locate(params, query, actor);
    const read = { department, fiscalYear, chosen, tables: await this.tablesText(department, fiscalYear, chosen.version_label) };
    // Read after waiting for `target` (taken when the request came): the rows cover at least that much.
    return target === undefined || target === 'unknown' ? read : this.answers.set(key, { checkpoint: target, read }).read;
  }

  /** `locate`, then the stored document of the chosen version. */
  async read(params: { department: string; year: string }, query: { version?: string; after?: string }, actor: Actor | undefined): Promise<ReadDisclosure> {
    const { department, fiscalYear, chosen } = await this.locate(params, query, actor);
    const document = await this.document(department, fiscalYear, chosen.version_label);
    return {
      department,
      fiscalYear,
      version: chosen.version_number ?? 'draft',
      published: chosen.published,
      document,
    };
  }
}
