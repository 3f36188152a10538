/**
 * Tables in pasted text. Copied from Word, WPS, Excel or a web page, a 任务分解 or 民生实事 table
 * arrives as one of two layouts (DOCUMENT-SHAPES.md):
 * - tab-separated rows (Excel, Word's "paste as text"); an Excel cell holding line breaks comes
 *   in double quotes;
 * - one cell per line: the header cells each on a line (序号 / 民生实事 / 责任单位 / 完成时限),
 *   then each row's cells on consecutive lines; a cell may wrap or hold several units on several
 *   lines, and an empty cell vanishes.
 * Both become the DocTable a reader would have built, so the rest of the parser has one table
 * model. The third layout, numbered items ending in （责任单位：…；完成时限：…）, is read as prose items
 * (sections.ts, rule `bracket-item`) with their notations (owners.ts).
 */
import type { Unit } from '../model';
import { headingMarker } from './sections';
import { trimSpan } from './sentences';
import type { ColumnRole, DocCell, DocRow, DocTable } from './source-document';
import { guessColumnRole, looksLikeHeader, type CellKind } from './table-columns';
import { cellKind, resolveTable } from './table-model';

interface Line {
  /** The raw line, without its line break. */
  start: number;
  end: number;
}

/** The raw lines of text[from, to). */
function linesOf(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let start = from;
  while (start <= to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    out.push({ start, end: end > start && text[end - 1] === '\r' ? end - 1 : end });
    if (end >= to) break;
    start = end + 1;
  }
  return out;
}

/** Longest quoted Excel cell read as one cell: keeps the scan linear on a stray quote. */
const MAX_QUOTED = 2000;

/**
 * One tab-separated row starting at `at`: its cells' spans and where it ends. A cell that opens
 * with " and closes with " before a tab or a line break is an Excel cell with line breaks inside.
 */
function readTabRow(text: string, at: number, to: number): { cells: { start: number; end: number }[]; end: number } {
  const cells: { start: number; end: number }[] = [];
  let i = at;
  for (;;) {
    if (text[i] === '"') {
      let j = i + 1;
      const limit = Math.min(to, i + MAX_QUOTED);
      while (j < limit && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      const after = text[j + 1];
      if (j < limit && (after === '\t' || after === '\n' || after === '\r' || j + 1 >= to)) {
        cells.push({ start: i + 1, end: j });
        i = j + 1;
        if (text[i] === '\r') i++;
        if (text[i] === '\t') {
          i++;
          continue;
        }
        return { cells, end: i };
      }
    }
    let j = i;
    while (j < to && text[j] !== '\t' && text[j] !== '\n') j++;
    cells.push({ start: i, end: j > i && text[j - 1] === '\r' ? j - 1 : j });
    if (text[j] === '\t') {
      i = j + 1;
      continue;
    }
    return { cells, end: j };
  }
}

function docCell(text: string, span: { start: number; end: number }): DocCell {
  const t = trimSpan(text, span.start, span.end);
  return { text: text.slice(t.start, t.end), span: t, merged: false };
}

/** Tab-separated tables: runs of rows with at least one tab, with a header or readable cells. */
function tabTables(text: string, from: number, to: number, units: Unit[]): DocTable[] {
  const out: DocTable[] = [];
  let i = from;
  while (i < to) {
    let lineEnd = text.indexOf('\n', i);
    if (lineEnd < 0 || lineEnd > to) lineEnd = to;
    const tab = text.indexOf('\t', i);
    if (tab < 0 || tab >= to) break;
    if (tab > lineEnd) {
      // Straight to the line that holds the next tab: one search per table, not one per line.
      i = text.lastIndexOf('\n', tab) + 1;
      continue;
    }
    const rows: DocRow[] = [];
    let at = i;
    while (at < to) {
      const r = readTabRow(text, at, to);
      const nonEmpty = r.cells.filter((c) => trimSpan(text, c.start, c.end).end > trimSpan(text, c.start, c.end).start).length;
      if (r.cells.length < 2 && nonEmpty > 0) break;
      if (nonEmpty > 0) {
        const span = trimSpan(text, at, r.end);
        rows.push({ span, cells: r.cells.map((c) => docCell(text, c)), rowNumber: rows.length + 1, page: null });
      } else if (r.cells.length < 2) break;
      at = r.end + 1;
    }
    const table = tabTable(rows, units);
    if (table) out.push(table);
    i = Math.max(at, lineEnd + 1);
  }
  return out;
}

function tabTable(rows: DocRow[], units: Unit[]): DocTable | null {
  const h = rows.findIndex((r) => looksLikeHeader(r.cells.map((c) => c.text)));
  // Rows above the header are a caption or a title typed into the sheet: not part of the table.
  const body = h >= 0 ? rows.slice(h) : rows;
  if (body.length < 2) return null;
  const renumbered = body.map((r, k) => ({ ...r, rowNumber: k + 1 }));
  const table: DocTable = {
    span: { start: renumbered[0]!.span.start, end: renumbered[renumbered.length - 1]!.span.end },
    sheet: null,
    headerRows: h >= 0 ? 1 : 0,
    rows: renumbered,
    columns: null,
  };
  const roles = resolveTable(table, units).roles;
  // Without a task column and someone or some time to read, a few tabs are only layout.
  if (!roles.includes('task') || !roles.some((r) => r === 'lead' || r === 'owners' || r === 'deadline')) return null;
  return table;
}

// ---------------------------------------------------------------------------------------------
// One cell per line
// ---------------------------------------------------------------------------------------------

/**
 * Rule `web-chrome`: a page's buttons and footer copied with a table from a government website
 * (【打印本页】【关闭窗口】, 返回顶部, 责任编辑：…) end the table; they are nobody's cell.
 */
const WEB_CHROME_RE = /^(?:【[^】]{1,8}】[\s\u3000]*)+$|^(?:打印本页|关闭窗口|返回顶部|分享到|责任编辑|扫一扫|【打印】|附件下载)/;

/** A header cell is a short label; more than this many characters is data. */
const HEADER_CELL_MAX = 12;
const MAX_HEADER_CELLS = 12;

function lineText(text: string, l: Line): string {
  const t = trimSpan(text, l.start, l.end);
  return text.slice(t.start, t.end);
}

/** The header's cells if a one-cell-per-line header starts at line k, else null. */
function headerAt(text: string, lines: Line[], k: number): { cells: number[]; next: number } | null {
  const cells: number[] = [];
  let j = k;
  for (; j < lines.length && cells.length < MAX_HEADER_CELLS; j++) {
    const s = lineText(text, lines[j]!);
    if (s === '') continue;
    if (s.length > HEADER_CELL_MAX || s.includes('\t') || /[。，,；;]/.test(s)) break;
    if (guessColumnRole(s) === 'other' && (s.length > 6 || /^[0-9０-９（(一二三四五六七八九十]/.test(s))) break;
    cells.push(j);
  }
  const names = cells.map((c) => lineText(text, lines[c]!));
  return cells.length >= 2 && looksLikeHeader(names) ? { cells, next: j } : null;
}

/** Which column (index into roles) may take a cell of this kind. */
function accepts(role: ColumnRole, kind: CellKind): boolean {
  switch (role) {
    case 'task':
      return kind === 'text' || kind === 'leader';
    case 'lead':
    case 'co':
    case 'owners':
      return kind === 'units';
    case 'leader':
      return kind === 'leader' || kind === 'units';
    case 'deadline':
      return kind === 'deadline';
    case 'seq':
      return false;
    default:
      return kind !== 'seq';
  }
}

/**
 * Rule `leader-cell-person`: a 责任领导 cell names a person; a unit name goes on to a 牵头单位 or
 * 责任单位 column after it, so an empty (vanished) 责任领导 cell does not shift the units into it.
 * With no owner column after it, the leader column may name a unit (市政府分管领导 rows).
 */
function acceptsAt(roles: readonly ColumnRole[], c: number, kind: CellKind): boolean {
  if (roles[c] === 'leader' && kind === 'units') {
    for (let k = c + 1; k < roles.length; k++) if (roles[k] === 'lead' || roles[k] === 'co' || roles[k] === 'owners') return false;
  }
  return accepts(roles[c]!, kind);
}

interface DraftRow {
  lines: number[];
  /** Line indexes per column. */
  cells: number[][];
  pos: number;
}

/**
 * Rows after a one-cell-per-line header. Each line goes to the next column that can hold what
 * it looks like (a number starts a row; unit names go to the owner columns, time limits to the
 * deadline), so a vanished empty cell does not shift the rest; a unit name after a filled 牵头单位
 * goes to 配合单位, a second line of the same kind otherwise continues its cell.
 */
function cellPerLineTable(text: string, lines: Line[], k: number, units: Unit[]): { table: DocTable; nextLine: number } | null {
  const header = headerAt(text, lines, k);
  if (!header) return null;
  const roles = header.cells.map((c) => guessColumnRole(lineText(text, lines[c]!)));
  const hasSeq = roles.includes('seq');
  const rows: DraftRow[] = [];
  let cur: DraftRow | null = null;
  let lastSeq = 0;
  let j = header.next;
  let lastUsed = header.cells[header.cells.length - 1]!;
  const close = () => {
    if (cur && cur.cells.some((c, idx) => c.length > 0 && roles[idx] === 'task')) rows.push(cur);
    cur = null;
  };
  for (; j < lines.length; j++) {
    const s = lineText(text, lines[j]!);
    if (s === '') continue;
    if (s.includes('\t') || WEB_CHROME_RE.test(s)) break;
    const n = /^[（(]?([0-9０-９]{1,3})[)）.、．]?$/.exec(s);
    const seqNo = n ? Number(n[1]!.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10))) : null;
    if (hasSeq && seqNo !== null && (seqNo === lastSeq + 1 || seqNo === 1)) {
      close();
      cur = { lines: [j], cells: roles.map((r) => (r === 'seq' ? [j] : [])), pos: roles.indexOf('seq') };
      lastSeq = seqNo;
      lastUsed = j;
      continue;
    }
    const lt = trimSpan(text, lines[j]!.start, lines[j]!.end);
    const marker = headingMarker(text, lt.start, lt.end);
    if (marker && marker.level <= 2) {
      // A category heading inside the table (一、民生保障类): it ends the row; sections.ts reads it.
      close();
      continue;
    }
    if (headerAt(text, lines, j)) {
      // The header repeated after a page break.
      close();
      j = headerAt(text, lines, j)!.next - 1;
      continue;
    }
    const kind: CellKind = seqNo !== null ? 'text' : cellKind(s, units);
    if (!cur) {
      if (hasSeq || !accepts('task', kind)) break;
      cur = { lines: [], cells: roles.map(() => []), pos: -1 };
    }
    const row: DraftRow = cur;
    const col = placeLine(roles, row, kind, s.length > 16 || /[。！？]$/.test(s));
    if (col < 0 && hasSeq && row.pos >= 0 && s.length <= 20 && !/[。；;！？]/.test(s)) {
      // Numbered rows: a line nothing expects (a unit with a long gloss) stays in the current
      // cell rather than ending the table; a long line is prose after the table.
      row.cells[row.pos]!.push(j);
      row.lines.push(j);
      lastUsed = j;
      continue;
    }
    if (col < 0) {
      if (!hasSeq && kind === 'text' && row.pos > roles.indexOf('task')) {
        close();
        const fresh: DraftRow = { lines: [], cells: roles.map(() => []), pos: -1 };
        cur = fresh;
        const c2 = placeLine(roles, fresh, kind);
        if (c2 < 0) break;
        fresh.cells[c2]!.push(j);
        fresh.lines.push(j);
        fresh.pos = c2;
        lastUsed = j;
        continue;
      }
      break;
    }
    row.cells[col]!.push(j);
    row.lines.push(j);
    row.pos = col;
    lastUsed = j;
  }
  close();
  if (rows.length === 0) return null;
  return { table: buildTable(text, lines, header.cells, roles, rows), nextLine: lastUsed + 1 };
}

const OWNER_ROLES: ReadonlySet<ColumnRole> = new Set(['lead', 'co', 'owners', 'leader']);

/** Columns that take whatever they are given (备注, 进展, 投资额): they never pull a line away from a column that fits it. */
function catchAll(role: ColumnRole): boolean {
  return role === 'note' || role === 'other' || role === 'progress';
}

/**
 * The column a line of this kind goes to in the current row, or -1 when none can take it: the
 * next column if it takes the kind (a unit after a filled 牵头单位 goes to 配合单位), else the
 * current one (a wrapped task, a second unit in one cell), else a later empty column (the cells
 * between vanished).
 */
function placeLine(roles: ColumnRole[], row: DraftRow, kind: CellKind, sentence = false): number {
  const pos = row.pos;
  const cur = pos >= 0 ? roles[pos] : undefined;
  const next = roles[pos + 1];
  const curTakes = cur !== undefined && acceptsAt(roles, pos, kind);
  if (next !== undefined && acceptsAt(roles, pos + 1, kind) && !(catchAll(next) && curTakes)) return pos + 1;
  if (curTakes) return pos;
  for (let c = pos + 2; c < roles.length; c++) if (acceptsAt(roles, c, kind) && row.cells[c]!.length === 0) return c;
  // 续建，/ 12月底前通水试运行: after the owner columns, the next free text is the time-limit cell
  // (it may say more than a date).
  if (kind === 'text' && cur !== undefined && OWNER_ROLES.has(cur)) {
    for (let c = pos + 1; c < roles.length; c++) {
      if (roles[c] === 'deadline') return row.cells[c]!.length === 0 || c === pos ? c : -1;
      if (!OWNER_ROLES.has(roles[c]!)) break;
    }
  }
  // A short remark under the date (续建，/ 分两期实施) stays in its cell; a sentence is prose after the table.
  if (kind === 'text' && cur === 'deadline' && !sentence) return pos;
  return -1;
}

function buildTable(text: string, lines: Line[], headerCells: number[], roles: ColumnRole[], rows: DraftRow[]): DocTable {
  const lineSpan = (idx: number) => trimSpan(text, lines[idx]!.start, lines[idx]!.end);
  const spanOf = (idxs: number[]) => ({ start: lineSpan(idxs[0]!).start, end: lineSpan(idxs[idxs.length - 1]!).end });
  const header: DocRow = {
    span: spanOf(headerCells),
    cells: headerCells.map((c) => ({ text: text.slice(lineSpan(c).start, lineSpan(c).end), span: lineSpan(c), merged: false })),
    rowNumber: 1,
    page: null,
  };
  const data: DocRow[] = rows.map((r, k) => {
    const span = spanOf(r.lines);
    const cells = r.cells.map((idxs): DocCell => {
      if (idxs.length === 0) return { text: '', span: { start: span.end, end: span.end }, merged: false };
      const s = spanOf(idxs);
      return { text: text.slice(s.start, s.end), span: s, merged: false };
    });
    return { span, cells, rowNumber: k + 2, page: null };
  });
  const all = [header, ...data];
  return { span: { start: header.span.start, end: all[all.length - 1]!.span.end }, sheet: null, headerRows: 1, rows: all, columns: roles };
}

/** Tables laid out one cell per line, in text[from, to). */
function cellPerLineTables(text: string, from: number, to: number, units: Unit[]): DocTable[] {
  const lines = linesOf(text, from, to);
  const out: DocTable[] = [];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    // Cheap filter: a header cell is a short line holding one of the header words' characters.
    if (l.end - l.start > HEADER_CELL_MAX + 4 || l.end === l.start) continue;
    const found = cellPerLineTable(text, lines, k, units);
    if (found) {
      out.push(found.table);
      k = found.nextLine - 1;
    }
  }
  return out;
}

/** Every pasted table in text[from, to), in text order, none overlapping. */
export function findPastedTables(text: string, from: number, to: number, units: Unit[]): DocTable[] {
  const tabs = tabTables(text, from, to, units);
  const perLine: DocTable[] = [];
  let at = from;
  for (const t of [...tabs, null]) {
    const end = t ? t.span.start : to;
    if (end > at) perLine.push(...cellPerLineTables(text, at, end, units));
    if (t) at = t.span.end;
  }
  return [...tabs, ...perLine].sort((a, b) => a.span.start - b.span.start);
}
