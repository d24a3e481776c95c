/** One data row of a CSV file with its 1-based line number. */
export interface CsvRow {
  line: number;
  values: string[];
}

/** A parsed CSV file: the header (as written) and the data rows. */
export interface CsvTable {
  header: string[];
  rows: CsvRow[];
  delimiter: string;
}

/**
 * Parses CSV text (RFC 4180 quoting, CRLF or LF, a leading BOM) whose delimiter is a comma,
 * semicolon (Dutch exports) or tab, detected from the header line. Empty lines are skipped.
 */
export function parseCsv(text: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const delimiter = detectDelimiter(text);
  const records: CsvRow[] = [];
  let field = '';
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let fieldStarted = false;
  const d = delimiter.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (c === 10) line++;
        field += text[i];
      }
      continue;
    }
    if (c === 34 && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (c === d) {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') records.push({ line: rowLine, values: row });
      row = [];
      field = '';
      fieldStarted = false;
      line++;
      rowLine = line;
    } else {
      field += text[i];
      fieldStarted = true;
    }
  }
  if (fieldStarted || row.length > 0) {
    row.push(field);
    records.push({ line: rowLine, values: row });
  }
  const [header, ...rows] = records;
  return { header: (header?.values ?? []).map((name) => name.trim()), rows, delimiter };
}

function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const first = end === -1 ? text : text.slice(0, end);
  const counts = [',', ';', '\t'].map((delimiter) => ({ delimiter, count: first.split(delimiter).length - 1 }));
  counts.sort((a, b) => b.count - a.count);
  return counts[0]!.count > 0 ? counts[0]!.delimiter : ',';
}

/**
 * Finds the first column whose lower-cased header is one of `names`; -1 when none.
 * Headers are compared after trimming and lower-casing.
 */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const lower = header.map((name) => name.toLowerCase());
  for (const name of names) {
    const index = lower.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}
