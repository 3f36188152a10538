/**
 * CSV (and tab-separated text saved as .csv): RFC 4180 quoting, with the delimiter guessed from
 * the first record (comma, tab or semicolon, as Excel writes them by locale). A hand-written
 * state machine of forty lines does this in one linear pass; a library would add size for nothing.
 */
import type { RawRow } from './blocks';

export interface CsvResult {
  rows: RawRow[];
  /** True when more than `maxRows` records were present and the rest were not read. */
  truncated: boolean;
}

function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c in counts) counts[c]!++;
  }
  let best = ',';
  for (const d of ['\t', ';']) if (counts[d]! > counts[best]!) best = d;
  return best;
}

export function readCsv(text: string, maxRows: number): CsvResult {
  const delim = guessDelimiter(text);
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let record = 0;
  const endRecord = () => {
    cells.push(field);
    field = '';
    record++;
    rows.push({ cells: cells.map((text) => ({ text })), rowNumber: record, page: null });
    cells = [];
  };
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delim) {
      cells.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (rows.length >= maxRows) return { rows, truncated: text.slice(i + 1).trim() !== '' };
    } else field += c;
    i++;
  }
  if (field !== '' || cells.length > 0) endRecord();
  return { rows, truncated: false };
}
