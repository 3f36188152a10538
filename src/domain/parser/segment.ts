/**
 * Pass 2, segment: the document cut into what the later passes read. Tables first (a reader's,
 * then those found in pasted text), so their rows are never read again as prose; then the title
 * line, sections and body blocks of the rest, the owner notations inside each block, the
 * sentences between them, and the review part (review.ts).
 *
 * The prose comes out as a flow in text order: sentences, and the notations that close them
 * (…。（牵头单位：市发展改革委）): a notation belongs to the directives since the previous one,
 * which only the order tells.
 */
import type { Section, SourceSpan, Unit } from '../model';
import { findNotations, type Notation } from './owners';
import { findPastedTables } from './pasted-tables';
import { markReview, turnsToWork } from './review';
import { headingMarker, scanSections, type Block } from './sections';
import { splitSentences, trimSpan } from './sentences';
import type { DocTable, SourceDocument } from './source-document';
import { resolveTable, type ResolvedTable } from './table-model';

export interface SentenceSeg {
  span: SourceSpan;
  block: Block;
  /** Position among the block's sentences, and how many it has. */
  index: number;
  count: number;
  /** A notation follows later in the block: the sentence's owners are named explicitly. */
  notationAhead: boolean;
  /** Part of the review of last year: no task, no target. */
  review: boolean;
}

export type FlowItem =
  | { kind: 'sentence'; sentence: SentenceSeg }
  | { kind: 'notation'; notation: Notation; sectionId: string | null };

export interface Segments {
  title: SourceSpan | null;
  sections: Section[];
  flow: FlowItem[];
  tables: ResolvedTable[];
}

/** A first line longer than this is prose, not a title. */
const TITLE_LINE_MAX = 50;

/** The first non-empty line, when it reads as a title: short, no sentence end, not a heading. */
export function findTitleLine(text: string): SourceSpan | null {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = trimSpan(text, start, end);
    if (line.end > line.start) {
      const s = text.slice(line.start, line.end);
      const looksLikeTitle =
        s.length <= TITLE_LINE_MAX && !/[。！？!?；;\t]/.test(s) && !/[：:，,]$/.test(s) && headingMarker(text, line.start, line.end) === null;
      return looksLikeTitle ? line : null;
    }
    start = end + 1;
  }
  return null;
}

/**
 * Rule `document-header`: the lines that head an official document — a title running over two
 * lines (关于印发…的通知), the document number (X政办发〔2026〕12号) — are not prose: 关于印发《…》
 * 的通知 is not a directive to issue anything.
 */
const HEADER_LINE_RE = /^(?:关于.{2,80}的(?:通知|意见|决定|报告|批复|函|请示|方案|实施方案|工作方案|通报)|.{0,40}的(?:通知|意见|决定|批复|通报)|.{0,30}〔[0-9０-９]{4}〕[0-9０-９]+号|[—－-]{1,2}.{0,60}(?:会议|大会)上)$/;
/** A date alone on its line: under a speech's title or under the signature. */
const DATE_LINE_RE = /^[（(]?\s*(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年[0-9０-９一二三四五六七八九十]{1,3}月[0-9０-９一二三四五六七八九十]{1,3}日\s*[)）]?$/;
/**
 * Rule `repeated-header`: a table pasted from Word repeats its header after a page break (序号 /
 * 项目名称 / 建设内容 …). Those lines belong to no row, and read as prose 建设内容 would be a task.
 */
function repeatedHeaders(text: string, t: ResolvedTable): SourceSpan[] {
  const rows = t.table.rows;
  if (t.headerRows < 1 || rows.length <= t.headerRows) return [];
  const names = new Set(rows.slice(0, t.headerRows).flatMap((r) => r.cells.map((c) => c.text.trim()).filter((x) => x !== '')));
  const out: SourceSpan[] = [];
  for (let i = t.headerRows; i < rows.length - 1; i++) {
    // Between two rows: the lines no row took.
    let start = rows[i]!.span.end;
    const end = rows[i + 1]!.span.start;
    while (start < end) {
      let stop = text.indexOf('\n', start);
      if (stop < 0 || stop > end) stop = end;
      const line = trimSpan(text, start, stop);
      if (line.end > line.start && names.has(text.slice(line.start, line.end))) out.push(line);
      start = stop + 1;
    }
  }
  return out;
}

function headerLines(text: string): SourceSpan[] {
  const out: SourceSpan[] = [];
  let start = 0;
  for (let n = 0; start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = trimSpan(text, start, end);
    if (n < 8 || line.end - line.start <= 20) {
      const s = text.slice(line.start, line.end);
      if ((n < 8 && HEADER_LINE_RE.test(s)) || (s.length <= 20 && DATE_LINE_RE.test(s))) out.push(line);
    }
    start = end + 1;
  }
  return out;
}

/** A reader's tables (kept only when they fit the text) and the tables found in the rest. */
function allTables(doc: SourceDocument, text: string, units: Unit[]): DocTable[] {
  const given = (Array.isArray(doc.tables) ? doc.tables : []).filter((t) => fitsText(t, text.length)).sort((a, b) => a.span.start - b.span.start);
  const out: DocTable[] = [];
  let at = 0;
  for (const t of [...given, null]) {
    const end = t ? t.span.start : text.length;
    if (end > at) out.push(...findPastedTables(text, at, end, units));
    if (t && t.span.start >= at) {
      out.push(t);
      at = t.span.end;
    }
  }
  return out;
}

/** A table from outside is trusted only as far as its spans stay inside the text. */
function fitsText(t: DocTable, length: number): boolean {
  const ok = (s: SourceSpan | undefined) => !!s && Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end >= s.start && s.end <= length;
  return (
    !!t &&
    ok(t.span) &&
    Array.isArray(t.rows) &&
    t.rows.every((r) => ok(r?.span) && Array.isArray(r.cells) && r.cells.every((c) => ok(c?.span) && typeof c.text === 'string'))
  );
}

/**
 * Rule `labelled-item`: 目标任务：全年城镇新增就业2600人… / 建设内容：… — a line that a notice
 * labels as its item's task is that item (a task whatever its verb, a list of targets); the label
 * is not part of it.
 */
const ITEM_LABEL_RE = /^(?:目标任务|工作任务|主要任务|重点任务|具体任务|任务内容|建设内容|工作内容|工作目标|主要内容|实施内容)[：:]/;
function markLabelledItem(text: string, b: Block): void {
  const m = ITEM_LABEL_RE.exec(text.slice(b.start, Math.min(b.end, b.start + 8)));
  if (!m || b.start + m[0].length >= b.end) return;
  b.start += m[0].length;
  b.isItem = true;
  b.isPoint = true;
}

export function segment(doc: SourceDocument, text: string, units: Unit[], planYear: number, docDate: string | null = null): Segments {
  const tables = allTables(doc, text, units).map((t) => resolveTable(t, units));
  const title = findTitleLine(text);
  const skip: SourceSpan[] = [...tables.flatMap((t) => [...t.table.rows.map((r) => r.span), ...repeatedHeaders(text, t)]), ...headerLines(text)].sort((a, b) => a.start - b.start);
  const scan = scanSections(text, title ? title.end : 0, text.length, skip);
  for (const b of scan.blocks) markLabelledItem(text, b);
  const byOpening: boolean[] = [];
  const review = markReview(scan.sections, scan.blocks, text, planYear, docDate, byOpening);
  // Rule `review-turn`: from the sentence where a named unit is given work, a paragraph that
  // opened by looking back is no longer review.
  const reviewOf = (b: number) => {
    let turned = false;
    return (span: SourceSpan, k: number): boolean => {
      if (!review[b]) return false;
      if (!turned && byOpening[b] && k > 0 && turnsToWork(text, span, units)) turned = true;
      return !turned;
    };
  };
  const flow: FlowItem[] = [];
  scan.blocks.forEach((block, b) => {
    const notations = findNotations(text, block.start, block.end, units);
    if (notations.length === 0) {
      // Most blocks hold no notation: their sentences go straight into the flow.
      const spans = splitSentences(text, block.start, block.end);
      const isReview = reviewOf(b);
      for (let k = 0; k < spans.length; k++) flow.push({ kind: 'sentence', sentence: { span: spans[k]!, block, index: k, count: spans.length, notationAhead: false, review: isReview(spans[k]!, k) } });
      return;
    }
    // Body segments between notations, each followed by the notation that closes it (if any).
    let from = block.start;
    const parts: { span: SourceSpan; closedBy: Notation | null }[] = [];
    for (const n of notations) {
      parts.push({ span: { start: from, end: n.span.start }, closedBy: n });
      from = n.span.end;
    }
    parts.push({ span: { start: from, end: block.end }, closedBy: null });
    const sentences: SentenceSeg[] = [];
    const items: FlowItem[] = [];
    const isReview = reviewOf(b);
    parts.forEach((part, k) => {
      for (const span of splitSentences(text, part.span.start, part.span.end)) {
        const s: SentenceSeg = { span, block, index: sentences.length, count: 0, notationAhead: k < parts.length - 1, review: isReview(span, sentences.length) };
        sentences.push(s);
        items.push({ kind: 'sentence', sentence: s });
      }
      if (part.closedBy) items.push({ kind: 'notation', notation: part.closedBy, sectionId: block.sectionId });
    });
    for (const s of sentences) s.count = sentences.length;
    flow.push(...items);
  });
  return { title, sections: scan.sections, flow, tables };
}
