/**
 * A PDF's text layer, as positioned pieces of text per page (what pdf.js's getTextContent
 * gives), turned into paragraphs and tables:
 * - pieces on one baseline form a line; a gap wider than a character splits it into cells;
 * - running headers, footers and page numbers (— 3 —, 第3页, -3-, a line repeated on most pages)
 *   are dropped;
 * - a line that runs to the right margin continues into the next unless that one is indented
 *   (official documents indent each paragraph by two characters), across pages too;
 * - runs of lines with several cells become a table: column starts are where the rows' cells
 *   start, a line whose pieces all sit in later columns continues the cells of the row above (a
 *   wrapped cell), and a header repeated on the next page is read once.
 * Pure: pdf.js itself is called at the edge (pdfjs-pages.ts), so this is tested on plain data.
 */
import type { Block, RawRow } from './blocks';
import { ReadError } from './failure';
import { guessColumnRoles, looksLikeHeader } from '../parser/table-columns';

export interface PdfTextItem {
  str: string;
  /** Left end of the baseline, in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** The font size, in the same units. */
  height: number;
}

export interface PdfPageText {
  items: PdfTextItem[];
}

interface Segment {
  x: number;
  right: number;
  text: string;
}

interface Line {
  y: number;
  size: number;
  segs: Segment[];
  page: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function joinText(a: string, b: string): string {
  if (a === '' || b === '') return a + b;
  // Chinese wraps without a space; Latin words need one.
  return CJK.test(a[a.length - 1]!) || CJK.test(b[0]!) ? a + b : `${a} ${b}`;
}

/**
 * Fonts map a glyph shared by a radical and an ideograph to the radical's code point, so a PDF's
 * text layer can say ⺠⽣ for 民生 (Chromium's print with Noto CJK does). Kangxi radicals fold to
 * ideographs by NFKC; the supplement's simplified forms and the few NFKC gets wrong for Simplified
 * Chinese are mapped here.
 */
const RADICALS: Record<string, string> = {
  '⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶', '⻍': '辶',
  '⻏': '阝', '⻓': '长', '⻔': '门', '⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
  '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻬': '齐', '⻮': '齿', '⻰': '龙',
  '⻳': '龟', '⺁': '厂', '⺌': '小', '⺕': '彐', '⺩': '王', '⺬': '示', '⺮': '竹', '⺯': '糸', '⺰': '纟', '⺶': '羊', '⼾': '户',
};

export function normalizePdfText(s: string): string {
  if (!/[⺀-⿟]/.test(s)) return s;
  return s.replace(/[⺀-⿟]/g, (c) => RADICALS[c] ?? c.normalize('NFKC'));
}

function pageLines(raw: readonly PdfTextItem[], page: number): Line[] {
  const items = raw.map((it) => ({ ...it, str: normalizePdfText(it.str) }));
  const pieces = items.filter((it) => it.str.trim() !== '' && Number.isFinite(it.x) && Number.isFinite(it.y));
  pieces.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: { y: number; size: number; items: PdfTextItem[] }[] = [];
  for (const it of pieces) {
    const size = it.height > 0 ? it.height : 10;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= Math.min(last.size, size) * 0.5) last.items.push(it);
    else lines.push({ y: it.y, size, items: [it] });
  }
  return lines.map((l) => {
    l.items.sort((a, b) => a.x - b.x);
    const segs: Segment[] = [];
    for (const it of l.items) {
      const s = segs[segs.length - 1];
      const gap = s ? it.x - s.right : Infinity;
      // Table cells sit a padding apart (often under half a character); pieces of one line of
      // prose touch. A wider gap starts a new cell.
      if (s && gap <= l.size * 0.45) {
        s.text += gap > l.size * 0.2 && !CJK.test(s.text.slice(-1)) && !CJK.test(it.str[0] ?? '') ? ` ${it.str}` : it.str;
        s.right = Math.max(s.right, it.x + it.width);
      } else segs.push({ x: it.x, right: it.x + it.width, text: it.str });
    }
    for (const s of segs) s.text = s.text.replace(/\s+/g, ' ').trim();
    return { y: l.y, size: l.size, segs: segs.filter((s) => s.text !== ''), page };
  });
}

const lineText = (l: Line) => l.segs.map((s) => s.text).join(' ');

/** — 3 —, -3-, 第3页, 第 3 页 共 9 页, 3 / 9, a bare 3. */
const PAGE_NUMBER = /^(?:[—–\-－~·]*\s*\d{1,4}\s*[—–\-－~·]*|第\s*\d{1,4}\s*页(?:\s*[，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$/;

function dropRunningLines(pages: Line[][]): Line[][] {
  // Text at the top or bottom of most pages, digits aside, is a running header or footer.
  const key = (l: Line) => lineText(l).replace(/\d+/g, '#');
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const edge = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map(key));
    for (const k of edge) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // Short only: body lines that differ just in their figures (第1项…, 第2项…) are not a header.
  const repeated = (l: Line) => pages.length >= 3 && lineText(l).length <= 30 && (counts.get(key(l)) ?? 0) >= Math.max(3, Math.ceil(pages.length * 0.6));
  return pages.map((lines) =>
    lines.filter((l, i) => {
      const atEdge = i < 2 || i >= lines.length - 2;
      return !(atEdge && (PAGE_NUMBER.test(lineText(l)) || repeated(l)));
    }),
  );
}

function clusterStarts(xs: number[], tol: number, rowsWithCells: number): number[] {
  const sorted = [...xs].sort((a, b) => a - b);
  const clusters: { sum: number; n: number; last: number }[] = [];
  for (const x of sorted) {
    const c = clusters[clusters.length - 1];
    if (c && x - c.last <= tol) {
      c.sum += x;
      c.n++;
      c.last = x;
    } else clusters.push({ sum: x, n: 1, last: x });
  }
  // A column starts where many rows' cells start; a centred header's own starts (even repeated
  // on every page) are too few to count.
  const supported = clusters.filter((c) => c.n >= Math.max(2, Math.ceil(rowsWithCells * 0.25)));
  return (supported.length >= 2 ? supported : clusters).map((c) => c.sum / c.n);
}

function columnOf(starts: number[], x: number, tol: number): number {
  let col = 0;
  for (let i = 0; i < starts.length; i++) if (starts[i]! <= x + tol) col = i;
  return col;
}

/** One run of table lines (rows with several cells and their wrapped continuations) as rows. */
function tableRows(lines: Line[]): RawRow[] {
  const size = lines[0]!.size;
  const tol = size * 0.8;
  const multi = lines.filter((l) => l.segs.length >= 2);
  const starts = clusterStarts(
    multi.flatMap((l) => l.segs.map((s) => s.x)),
    tol,
    multi.length,
  );
  const tableRight = Math.max(...lines.flatMap((l) => l.segs.map((s) => s.right)));
  const limit = (col: number) => (col + 1 < starts.length ? starts[col + 1]! : tableRight);
  interface Row {
    cells: string[];
    rights: number[];
    page: number;
  }
  const rows: Row[] = [];
  let header: string | null = null;
  // The lines of a header repeated on a later page go here and are thrown away.
  let skipped: Row | null = null;
  for (const l of lines) {
    const cols = l.segs.map((s) => columnOf(starts, s.x, tol));
    const prev: Row | undefined = skipped ?? rows[rows.length - 1];
    // A wrapped cell: pieces only in later columns, or too few to be a row of its own.
    const continues: boolean = prev !== undefined && (cols[0]! > 0 || l.segs.length * 2 < Math.min(starts.length, prev.cells.filter((c) => c !== '').length));
    const row: Row = continues && prev ? prev : { cells: new Array<string>(starts.length).fill(''), rights: new Array<number>(starts.length).fill(0), page: l.page };
    l.segs.forEach((s, i) => {
      const c = cols[i]!;
      const before = row.cells[c]!;
      // A line that stopped well before the column's edge ended on purpose (two units on two
      // lines of one cell): keep them apart. One that reached the edge wrapped: join it.
      const hardBreak = before !== '' && row.rights[c]! < limit(c) - size * 2.5;
      row.cells[c] = hardBreak ? `${before} ${s.text}` : joinText(before, s.text);
      row.rights[c] = s.right;
    });
    if (!continues) {
      // A header repeated at the top of the next page is read once.
      const sig = row.cells.join('\t');
      if (header !== null && sig === header && l.page !== rows[0]?.page) {
        skipped = row;
        continue;
      }
      skipped = null;
      if (rows.length === 0) header = sig;
      rows.push(row);
    }
  }
  // A PDF cannot tell a merged cell from an empty one. In a task table an empty 牵头单位 (or
  // 责任单位, 责任领导) below a filled one is a merged cell printed in its first row: repeat it.
  const first = rows[0]?.cells ?? [];
  const roles = looksLikeHeader(first) ? guessColumnRoles(first) : [];
  const fillDown = (c: number) => roles[c] === 'lead' || roles[c] === 'owners' || roles[c] === 'leader';
  return rows.map((r, i) => ({
    cells: r.cells.map((text, c) => (i > 1 && text === '' && fillDown(c) ? { text, continues: true } : { text })),
    rowNumber: i + 1,
    page: r.page,
  }));
}

export function pdfBlocks(pages: readonly PdfPageText[]): Block[] {
  const all = dropRunningLines(pages.map((p, i) => pageLines(p.items, i + 1)));
  const chars = all.reduce((n, lines) => n + lines.reduce((m, l) => m + lineText(l).replace(/\s/g, '').length, 0), 0);
  if (chars < Math.max(20, pages.length * 5)) {
    throw new ReadError(
      'scanned-pdf',
      `这份 PDF 几乎没有可选中的文字（${pages.length} 页共 ${chars} 个字），可能是扫描件或图片。本系统不做文字识别（OCR）：请向发文单位索取 Word 版或带文字的 PDF，或把内容粘贴到文本框。`,
    );
  }
  const lines = all.flat();
  // The text block's left edge and right margin, from the lines of prose (most lines).
  const lefts = lines.map((l) => l.segs[0]!.x).sort((a, b) => a - b);
  const left = lefts[Math.floor(lefts.length * 0.1)] ?? 0;
  const right = Math.max(...lines.map((l) => l.segs[l.segs.length - 1]!.right));
  const blocks: Block[] = [];
  let i = 0;
  let para: { text: string; page: number; full: boolean } | null = null;
  const flush = () => {
    if (para) blocks.push({ kind: 'para', text: para.text, page: para.page });
    para = null;
  };
  while (i < lines.length) {
    const l = lines[i]!;
    if (l.segs.length >= 2) {
      // A table: this line and the following ones that have several cells or continue one.
      // A line of one piece stays in the table when it starts where a cell of the row above
      // starts (a wrapped cell) and does not run to the margin like prose.
      let j = i + 1;
      let lastRow = l;
      while (j < lines.length) {
        const m = lines[j]!;
        const seg = m.segs[0]!;
        if (m.segs.length >= 2) lastRow = m;
        else if (seg.right >= right - l.size * 2 || !lastRow.segs.some((c) => Math.abs(c.x - seg.x) <= l.size * 0.8 || (seg.x > c.x && seg.right <= c.right + l.size * 0.8))) break;
        j++;
      }
      if (j - i >= 2) {
        flush();
        blocks.push({ kind: 'table', sheet: null, rows: tableRows(lines.slice(i, j)), headerRows: null, page: l.page });
        i = j;
        continue;
      }
    }
    const text = lineText(l);
    const indented = l.segs[0]!.x > left + l.size * 0.8;
    const full = l.segs[l.segs.length - 1]!.right >= right - l.size * 1.5;
    const p = para as { text: string; page: number; full: boolean } | null;
    if (p && p.full && !indented) {
      p.text = joinText(p.text, text);
      p.full = full;
    } else {
      flush();
      para = { text, page: l.page, full };
    }
    i++;
  }
  flush();
  return blocks;
}
