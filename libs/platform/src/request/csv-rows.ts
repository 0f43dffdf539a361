import { parse } from 'csv-parse/sync';

/** One record of an uploaded CSV file, with the line it starts on as an editor shows it (1-based: the header is line 1). */
export interface CsvRow {
  line: number;
  cells: string[];
}

/**
 * The records of an uploaded CSV (UTF-8, a BOM allowed; empty lines skipped; cells trimmed), each numbered by the
 * line the file shows it on — a quoted cell may span lines, so the record after it is further down than its index
 * says. Throws csv-parse's error for a file that is not CSV.
 */
export function csvRows(text: string): CsvRow[] {
  // Line ends made one kind first: csv-parse counts a CRLF inside a quoted cell as two lines.
  const records = parse(text.replace(/\r\n?/g, '\n'), { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  return records.map(({ record, info }) => ({
    // csv-parse counts the line a record ends on; the record's own line breaks (inside quotes) take it back to its start.
    line: info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0),
    cells: record.map((cell) => cell.trim()),
  }));
}
