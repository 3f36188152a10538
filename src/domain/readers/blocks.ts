/**
 * What every reader produces before it becomes a SourceDocument: paragraphs and tables in
 * document order. `documentFromBlocks` renders them into the one `text` the parser and every
 * quote index, a table as one line per row with the cells joined by a tab, and records the span
 * of every row and cell so `text.slice(span.start, span.end)` is always the cell's text.
 */
import { looksLikeHeader } from '../parser/table-columns';
import type { DocCell, DocRow, DocTable, DocumentKind, SourceDocument } from '../parser/source-document';

export interface RawCell {
  text: string;
  /**
   * True for the later rows of a vertically merged cell (Word's vMerge="continue", an Excel merge
   * range): the value of the cell above in the same column is repeated into this row.
   */
  continues?: boolean;
}

export interface RawRow {
  cells: RawCell[];
  /** 1-based, as the user sees it (Excel's row number, the table's row counting the header). */
  rowNumber: number;
  page: number | null;
}

export type Block =
  | { kind: 'para'; text: string; page: number | null }
  | { kind: 'table'; sheet: string | null; rows: RawRow[]; headerRows: number | null; page: number | null };

/** A cell is one field of a line: tabs and line breaks inside it would split the row. */
export function cellText(s: string): string {
  return s.replace(/[\t\r\n\v\f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** A paragraph is one line: a reader's inner line breaks (soft breaks in Word) become spaces. */
function paraText(s: string): string {
  return s.replace(/[\r\n\v\f\u2028\u2029]+/g, ' ').replace(/\s+$/, '');
}

export function documentFromBlocks(kind: DocumentKind, fileName: string | null, blocks: readonly Block[]): SourceDocument {
  const parts: string[] = [];
  let pos = 0;
  const tables: DocTable[] = [];
  const pageStarts: number[] = [];
  const notePage = (page: number | null) => {
    if (page === null) return;
    while (pageStarts.length < page) pageStarts.push(pos);
  };
  const push = (s: string) => {
    parts.push(s);
    pos += s.length;
  };
  let first = true;
  const newline = () => {
    if (!first) push('\n');
    first = false;
  };

  for (const b of blocks) {
    if (b.kind === 'para') {
      const t = paraText(b.text);
      if (t.trim() === '') continue;
      newline();
      notePage(b.page);
      push(t);
      continue;
    }
    const rows = b.rows.filter((r) => r.cells.some((c) => c.continues || cellText(c.text) !== ''));
    if (rows.length === 0) continue;
    newline();
    const tableStart = pos;
    const docRows: DocRow[] = [];
    /** The original (top) cell of each column, for merged cells below it. */
    const above: (DocCell | undefined)[] = [];
    rows.forEach((r, ri) => {
      if (ri > 0) push('\n');
      notePage(r.page);
      const rowStart = pos;
      const cells: DocCell[] = [];
      r.cells.forEach((c, ci) => {
        if (ci > 0) push('\t');
        const origin = above[ci];
        if (c.continues && origin) {
          cells.push({ text: origin.text, span: { ...origin.span }, merged: true });
          return;
        }
        const t = cellText(c.text);
        const cell: DocCell = { text: t, span: { start: pos, end: pos + t.length }, merged: false };
        push(t);
        cells.push(cell);
        above[ci] = cell;
      });
      docRows.push({ span: { start: rowStart, end: pos }, cells, rowNumber: r.rowNumber, page: r.page });
    });
    const headerRows = b.headerRows ?? (docRows[0] && looksLikeHeader(docRows[0].cells.map((c) => c.text)) ? 1 : 0);
    tables.push({ span: { start: tableStart, end: pos }, sheet: b.sheet, headerRows, rows: docRows, columns: null });
  }
  return { text: parts.join(''), tables, pageStarts, kind, fileName };
}
