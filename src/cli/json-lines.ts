import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One non-empty input line: the parsed object, or null when it is not a JSON object. */
export interface JsonLine {
  lineNumber: number;
  row: Record<string, unknown> | null;
}

/** Reads JSON Lines (one object per line, blank lines skipped), for `score` and `locate`. */
export async function* readJsonLines(input: Readable = process.stdin): AsyncGenerator<JsonLine> {
  let lineNumber = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let row: unknown = null;
    try {
      row = JSON.parse(line);
    } catch {
      // reported as a null row below
    }
    yield { lineNumber, row: row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Record<string, unknown>) : null };
  }
}

/** The error line written for an input line that is not a JSON object. */
export function notJsonLine(lineNumber: number): string {
  return JSON.stringify({ id: null, error: `line ${lineNumber} is not a JSON object; write {"id":…,"text":"…"}` }) + '\n';
}
