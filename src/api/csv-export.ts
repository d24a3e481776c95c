/** A CSV column: its header and how to read the cell from a row. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

/**
 * Renders rows as CSV (RFC 4180, CRLF). Text cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) get a leading apostrophe, because post text is written by strangers.
 */
export function toCsv<Row>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((column) => quote(column.header))];
  for (const row of rows) lines.push(columns.map((column) => quote(cellText(column.value(row)))));
  return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
