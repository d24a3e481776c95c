import { UserError } from '../errors/user-error.js';

/** Output formats every listing command accepts. */
export type OutputFormat = 'table' | 'json' | 'csv';

/** Parses a --format value. */
export function parseFormat(value: string | undefined, fallback: OutputFormat = 'table'): OutputFormat {
  const format = value ?? fallback;
  if (format === 'table' || format === 'json' || format === 'csv') return format;
  throw new UserError(`--format must be table, json or csv, not "${format}".`);
}

/** A column of a table or CSV: header and how to read the cell from a row. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => unknown;
  align?: 'left' | 'right';
}

/** Renders rows for people (aligned table), programs (JSON array) or spreadsheets (CSV, RFC 4180). */
export function renderRows<Row>(rows: Row[], columns: Column<Row>[], format: OutputFormat, json: (row: Row) => unknown = (r) => r): string {
  if (format === 'json') return JSON.stringify(rows.map(json), null, 2) + '\n';
  if (format === 'csv') {
    const lines = [columns.map((c) => csvCell(c.header)), ...rows.map((row) => columns.map((c) => csvCell(cellText(c.value(row)))))];
    return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
  }
  if (rows.length === 0) return '(nothing to show)\n';
  const cells = rows.map((row) => columns.map((c) => cellText(c.value(row))));
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.header.length, ...cells.map((r) => r[i]!.length))));
  const line = (values: string[]) =>
    values
      .map((value, i) => {
        const text = value.length > widths[i]! ? value.slice(0, widths[i]! - 1) + '…' : value;
        return columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(3);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ');
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
