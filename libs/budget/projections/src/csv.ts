/**
 * The one CSV writer of the service: every CSV it hands out (the disclosure tables, the Fiscal Data Package)
 * goes through `csvCell`/`csvDocument`, so formula neutralisation and quoting are decided in one place.
 */

/** A plain decimal number (`-12.50`, `+3`, `1000`): a legitimate cell even though it may start with `-` or `+`. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** What a spreadsheet reads as the start of a formula (or strips before one): = + - @, tab, carriage return. */
const FORMULA_LEADING = /^[=+\-@\t\r]/;

/**
 * CSV injection guard (OWASP): a text cell starting like a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+1+1`,
 * `-1+1`, a leading tab or CR) gets a leading `'`, so Excel and WPS show it as text instead of evaluating it.
 * Numbers such as `-12.50` stay as they are.
 */
export const neutraliseFormula = (cell: string): string => (FORMULA_LEADING.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell);

/** One cell: formula-neutralised, then RFC 4180 quoted when it holds `"`, `,`, CR or LF. */
export const csvCell = (raw: string): string => {
  const cell = neutraliseFormula(raw);
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
};

/** Rows as RFC 4180 CSV with CRLF line ends (and a final CRLF). */
export const csvDocument = (rows: ReadonlyArray<readonly string[]>): string => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** The UTF-8 byte order mark: Excel on Chinese Windows reads a CSV without it as GBK and garbles every name. */
export const UTF8_BOM = '\uFEFF';

/** A CSV file as downloaded: the BOM first. */
export const csvDownload = (csv: string): string => (csv.startsWith(UTF8_BOM) ? csv : UTF8_BOM + csv);
