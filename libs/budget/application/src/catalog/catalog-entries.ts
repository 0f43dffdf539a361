/**
 * 政府收支分类科目 — the classification catalog of one fiscal year, as data.
 * Functional codes: 类 3 digits, 款 5, 项 7 (lines are entered at 项). Economic codes: 类 3 digits, 款 5.
 */
export type CatalogScheme = 'functional' | 'economic';

export interface CatalogEntry {
  code: string;
  name: string;
  /**
   * Reserved for one unit (`units[].code`, or a department's code): a unit's own sub-numbering of a 302 款
   * (`3020101`). Only that unit's lines may use it.
   */
  unit?: string;
  /** 停用: the entry is taken out of this year's catalog (it stays in the years it was in force). */
  retired?: true;
}

export interface CatalogEntries {
  functional: CatalogEntry[];
  economic: CatalogEntry[];
}

export interface CatalogEntryProblem {
  field: string;
  code: 'CATALOG_ENTRY_INVALID';
  message: string;
}

const CODE_PATTERNS: Record<CatalogScheme, RegExp> = {
  functional: /^(\d{3}|\d{5}|\d{7})$/,
  economic: /^(\d{3}|\d{5}|302\d{4})$/,
};
/** A unit's own sub-number of a 302 款: only as an entry reserved for that unit. */
const UNIT_SUB_NUMBER = /^302\d{4}$/;
const ENTRY_FIELDS = new Set(['code', 'name', 'unit', 'retired']);
const LEAF_LENGTH: Record<CatalogScheme, number> = { functional: 7, economic: 5 };

/** Validates a `PUT /v1/catalogs/{year}` body; returns the entries or every problem found. */
export function parseCatalogEntries(body: unknown): { ok: true; entries: CatalogEntries } | { ok: false; problems: CatalogEntryProblem[] } {
  const problems: CatalogEntryProblem[] = [];
  const entries: CatalogEntries = { functional: [], economic: [] };
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problems: [{ field: '', code: 'CATALOG_ENTRY_INVALID', message: '请求体应为 {"functional":[…],"economic":[…]}' }] };
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'functional' && key !== 'economic') {
      problems.push({ field: key, code: 'CATALOG_ENTRY_INVALID', message: `不支持的字段 ${key}` });
    }
  }
  for (const scheme of ['functional', 'economic'] as const) {
    const list = record[scheme];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push({ field: scheme, code: 'CATALOG_ENTRY_INVALID', message: `${scheme} 应为数组` });
      continue;
    }
    const seen = new Map<string, string>();
    list.forEach((item: unknown, index) => {
      const field = `${scheme}[${index}]`;
      const entry = item as (Partial<CatalogEntry> & Record<string, unknown>) | null;
      if (!entry || typeof entry !== 'object' || typeof entry.code !== 'string' || typeof entry.name !== 'string') {
        problems.push({ field, code: 'CATALOG_ENTRY_INVALID', message: '每一项应为 {"code":"…","name":"…"}' });
        return;
      }
      const unknown = Object.keys(entry).find((key) => !ENTRY_FIELDS.has(key));
      if (unknown !== undefined) {
        problems.push({ field: `${field}.${unknown}`, code: 'CATALOG_ENTRY_INVALID', message: `不支持的字段 ${unknown}` });
        return;
      }
      if (!CODE_PATTERNS[scheme].test(entry.code)) {
        problems.push({ field: `${field}.code`, code: 'CATALOG_ENTRY_INVALID', message: `科目编码 ${entry.code} 位数不对` });
        return;
      }
      if (entry.unit !== undefined && (typeof entry.unit !== 'string' || !/^[0-9A-Za-z-]{1,40}$/.test(entry.unit) || scheme !== 'economic')) {
        problems.push({ field: `${field}.unit`, code: 'CATALOG_ENTRY_INVALID', message: '单位自编科目只用于经济分类，unit 应为单位编码' });
        return;
      }
      if (UNIT_SUB_NUMBER.test(entry.code) && entry.unit === undefined) {
        problems.push({ field: `${field}.unit`, code: 'CATALOG_ENTRY_INVALID', message: `7位经济分类科目 ${entry.code} 是单位自编科目，应注明所属单位 unit` });
        return;
      }
      if (entry.retired !== undefined && entry.retired !== true) {
        problems.push({ field: `${field}.retired`, code: 'CATALOG_ENTRY_INVALID', message: 'retired 只能为 true（本年度停用）' });
        return;
      }
      const name = entry.name.trim();
      if (name === '' || name.length > 100) {
        problems.push({ field: `${field}.name`, code: 'CATALOG_ENTRY_INVALID', message: '科目名称不能为空且不超过100字' });
        return;
      }
      const earlier = seen.get(entry.code);
      if (earlier !== undefined && earlier !== name) {
        problems.push({ field: `${field}.code`, code: 'CATALOG_ENTRY_INVALID', message: `科目编码 ${entry.code} 重复且名称不同` });
        return;
      }
      seen.set(entry.code, name);
      entries[scheme].push({ code: entry.code, name, ...(entry.unit !== undefined ? { unit: entry.unit } : {}), ...(entry.retired ? { retired: true as const } : {}) });
    });
  }
  if (entries.functional.length + entries.economic.length === 0 && problems.length === 0) {
    problems.push({ field: '', code: 'CATALOG_ENTRY_INVALID', message: '没有任何科目' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/**
 * One year's catalog: code → entry per scheme, with leaf look-ups for the decider. Names are those of this year (a
 * later load renames); a retired code is out of this year's catalog and said so; a unit-specific entry names its unit.
 */
export class YearCatalog {
  private readonly names: Record<CatalogScheme, Map<string, string>> = { functional: new Map(), economic: new Map() };
  private readonly units = new Map<string, string>();
  private readonly retired: Record<CatalogScheme, Set<string>> = { functional: new Set(), economic: new Set() };

  constructor(readonly fiscalYear: number) {}

  /** Later entries win: a year's catalog is the starter catalog with every admin load merged over it. */
  merge(entries: CatalogEntries): this {
    for (const scheme of ['functional', 'economic'] as const) {
      for (const entry of entries[scheme]) {
        if (entry.retired) {
          this.names[scheme].delete(entry.code);
          this.retired[scheme].add(entry.code);
          if (scheme === 'economic') this.units.delete(entry.code);
          continue;
        }
        this.retired[scheme].delete(entry.code);
        this.names[scheme].set(entry.code, entry.name);
        if (scheme === 'economic') {
          if (entry.unit !== undefined) this.units.set(entry.code, entry.unit);
          else this.units.delete(entry.code);
        }
      }
    }
    return this;
  }

  hasFunctionalLeaf = (code: string): boolean => code.length === LEAF_LENGTH.functional && this.names.functional.has(code);
  hasEconomicLeaf = (code: string): boolean =>
    (code.length === LEAF_LENGTH.economic || UNIT_SUB_NUMBER.test(code)) && this.names.economic.has(code);
  economicLeafUnit = (code: string): string | undefined => this.units.get(code);
  isRetired = (scheme: CatalogScheme, code: string): boolean => this.retired[scheme].has(code);
  functionalName = (code: string): string | undefined => this.names.functional.get(code);
  economicName = (code: string): string | undefined => this.names.economic.get(code);
  /** Whether loading `entry` would change this year's catalog (a new name, unit, or a retirement). */
  changes = (scheme: CatalogScheme, entry: CatalogEntry): boolean =>
    entry.retired
      ? !this.retired[scheme].has(entry.code)
      : this.names[scheme].get(entry.code) !== entry.name || (scheme === 'economic' && this.units.get(entry.code) !== entry.unit);
  /** The functional 类 of the year, in code order: the rows of Tables 1 and 4. */
  functionalClasses = (): Array<{ code: string; name: string }> =>
    [...this.names.functional.entries()]
      .filter(([code]) => code.length === 3)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => ({ code, name }));

  entries(): CatalogEntries {
    const list = (scheme: CatalogScheme) =>
      [...this.names[scheme].entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, name]) => {
          const unit = scheme === 'economic' ? this.units.get(code) : undefined;
          return unit !== undefined ? { code, name, unit } : { code, name };
        });
    return { functional: list('functional'), economic: list('economic') };
  }
}

/** Reads the shipped starter catalog (`scheme,code,level,name,source` CSV). */
export function parseStarterCatalogCsv(csv: string): CatalogEntries {
  const entries: CatalogEntries = { functional: [], economic: [] };
  for (const line of csv.split(/\r?\n/).slice(1)) {
    if (line.trim() === '') continue;
    const [scheme, code, , name] = line.split(',');
    if ((scheme === 'functional' || scheme === 'economic') && code && name) entries[scheme].push({ code, name });
  }
  return entries;
}
