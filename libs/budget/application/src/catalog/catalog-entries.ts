/**
 * 政府收支分类科目 — the classification catalog of one fiscal year, as data.
 * Functional codes: 类 3 digits, 款 5, 项 7 (lines are entered at 项). Economic codes: 类 3 digits, 款 5.
 */
export type CatalogScheme = 'functional' | 'economic';

export interface CatalogEntry {
  code: string;
  name: string;
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
  economic: /^(\d{3}|\d{5})$/,
};
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
      const entry = item as Partial<CatalogEntry> | null;
      if (!entry || typeof entry !== 'object' || typeof entry.code !== 'string' || typeof entry.name !== 'string') {
        problems.push({ field, code: 'CATALOG_ENTRY_INVALID', message: '每一项应为 {"code":"…","name":"…"}' });
        return;
      }
      if (!CODE_PATTERNS[scheme].test(entry.code)) {
        problems.push({ field: `${field}.code`, code: 'CATALOG_ENTRY_INVALID', message: `科目编码 ${entry.code} 位数不对` });
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
      entries[scheme].push({ code: entry.code, name });
    });
  }
  if (entries.functional.length + entries.economic.length === 0 && problems.length === 0) {
    problems.push({ field: '', code: 'CATALOG_ENTRY_INVALID', message: '没有任何科目' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/** One year's catalog: code → name per scheme, with leaf look-ups for the decider. */
export class YearCatalog {
  private readonly names: Record<CatalogScheme, Map<string, string>> = { functional: new Map(), economic: new Map() };

  constructor(readonly fiscalYear: number) {}

  /** Later entries win: a year's catalog is the starter catalog with every admin load merged over it. */
  merge(entries: CatalogEntries): this {
    for (const scheme of ['functional', 'economic'] as const) {
      for (const entry of entries[scheme]) this.names[scheme].set(entry.code, entry.name);
    }
    return this;
  }

  hasFunctionalLeaf = (code: string): boolean => code.length === LEAF_LENGTH.functional && this.names.functional.has(code);
  hasEconomicLeaf = (code: string): boolean => code.length === LEAF_LENGTH.economic && this.names.economic.has(code);
  functionalName = (code: string): string | undefined => this.names.functional.get(code);
  economicName = (code: string): string | undefined => this.names.economic.get(code);
  /** The functional 类 of the year, in code order: the rows of Tables 1 and 4. */
  functionalClasses = (): Array<{ code: string; name: string }> =>
    [...this.names.functional.entries()]
      .filter(([code]) => code.length === 3)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => ({ code, name }));

  entries(): CatalogEntries {
    const list = (scheme: CatalogScheme) =>
      [...this.names[scheme].entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name }));
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
