/**
 * Section headings and the body ranges they govern, found line by line in one pass.
 *
 * The heading styles of Chinese official documents, outermost first:
 *   一、        level 1 (a part of the speech)
 *   (一) （一）  level 2, either bracket width, even mixed (（一) happens in typed text)
 *   第一， 1. 1、 level 3 (numbered points)
 *   (1) （1） ① level 4 under a level-3 point, else 3 (a list may use them directly under (一))
 * A heading line may go on with body text after its first 。: "(一)锚定目标抓落实。当前，…":
 * the heading is the text up to that 。 and the rest of the line is body.
 */
import type { Section, SourceSpan } from '../model';
import { findNotations } from './owners';
import { isSpace, trimSpan } from './sentences';
import { CharSet } from './char-set';

/** A stretch of body text (usually one paragraph line) and the innermost section it belongs to. */
export interface Block {
  start: number;
  end: number;
  sectionId: string | null;
  /** Index of the source line, so paragraph-level rules (过去一年 …) can group sentences. */
  line: number;
  /** True when the block is the text of a level-3/4 numbered point itself (1. 加快推进…). */
  isPoint: boolean;
  /** A breakdown notice's numbered item, known by its form (notation, figure or time): a task. */
  isItem?: boolean;
  /** A numbered point that counts or dates what it delivers (rule `numbered-item`): a task whatever its verb. */
  listItem?: boolean;
  /** The number a point or item is written with (3. / （三）), for its row in a list. */
  marker?: string;
}

export interface SectionScan {
  sections: Section[];
  blocks: Block[];
  /** Spans of level-1/2 heading texts: never tasks. */
  headings: SourceSpan[];
}

const CN_DIGITS = new Set([...'一二三四五六七八九十百零〇两']);
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const HEADING_END = new CharSet('。！？；!?;');
/**
 * What makes a one-sentence numbered line a measurable item rather than a heading: a figure with
 * what it counts (8所, 5万人, 6%) or a time limit (6月底前, 年底前, 年内, 三季度末前). A year
 * (2025年工作回顾), a quarter named as a period (冲刺四季度) or digits in a quoted name do not count.
 */
const ITEM_SIGNAL =
  /[0-9０-９]+(?:\.[0-9]+)?(?:%|％|个|处|所|家|条|项|座|套|辆|台|户|人|名|公里|千米|米|亩|吨|万|亿|平方米|倍|批次|场次|场|次|片|间|张|件|部|栋|元)|(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末)?前|年底前|年内|季度末?前/;

/**
 * A task-breakdown notice numbers its items like headings: （一）新增就业5万人以上。（牵头单位：…）.
 * Such a （一） line is one item, not a heading, when it carries an owner notation, or when it is
 * a single sentence that names a figure or a time limit and is followed by another numbered line,
 * a notation line or nothing (a heading is followed by its body). A speech's heading,
 * "(一)锚定目标抓落实。当前，…", has neither.
 */
function isItemLine(text: string, line: SourceSpan, firstEnd: number, level: number, to: number): boolean {
  if (level !== 2) return false;
  // A notation makes an item of a one-sentence line (（一）新增就业5万人以上。（牵头单位：…））; a
  // heading with a body (（一）完善设施网络。各地要…（民政部…负责）) stays a heading.
  const notations = findNotations(text, line.start, line.end, []);
  if (notations.length > 0) {
    const before = text.slice(line.start, notations[0]!.span.start).replace(/[。；;]\s*$/, '');
    if (!/[。！？]/.test(before)) return true;
  }
  if (firstEnd >= line.end) return false;
  const rest = trimSpan(text, firstEnd + 1, line.end);
  if (rest.end !== rest.start) return false;
  const sentence = text.slice(line.start, firstEnd).replace(/“[^”]*”|"[^"]*"/g, '');
  return ITEM_SIGNAL.test(sentence) && nextLineEndsItem(text, line.end, to);
}

/** The next non-empty line starts a numbered line or a notation, or there is none. */
function nextLineEndsItem(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to) {
    let end = text.indexOf('\n', i);
    if (end === -1 || end > to) end = to;
    const t = trimSpan(text, i, end);
    if (t.end > t.start) return headingMarker(text, t.start, t.end) !== null || findNotations(text, t.start, t.end, []).some((n) => n.span.start === t.start);
    i = end + 1;
  }
  return true;
}

function isNumberedParagraph(text: string, from: number, to: number): boolean {
  const s = text.slice(from, to);
  // A heading names a topic; a dated schedule (主城区管网改造工程6月中旬开工，10月底前完工) is work.
  const dated = /[0-9０-９一二三四五六七八九十]{1,2}月(?:底|末|[上中下]旬|[0-9０-９]{1,2}日)?|年底前|年内/.test(s) && /[，,]/.test(s);
  return text[to] === '。' && ((s.length > 30 && /[，,]/.test(s)) || dated || /^[^，。]{2,20}?(?<![主重需只])(?:要(?![求素点])|必须|应当|务必|将(?!来))/.test(s));
}

interface Marker {
  /** Characters taken by the number, from the line's first non-space character. */
  length: number;
  number: string;
  level: number;
  /** level-4 styles fall back to 3 when no level-3 point is open. */
  flexible: boolean;
}

function isArabic(ch: string | undefined): boolean {
  return ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９'));
}

function runLength(text: string, at: number, max: number, test: (ch: string | undefined) => boolean): number {
  let n = 0;
  while (n < max && test(text[at + n])) n++;
  return n;
}

/** The heading number at `at`, or null. Looks at no more than a few characters: O(1) per line. */
export function headingMarker(text: string, at: number, lineEnd: number): Marker | null {
  const ch = text[at];
  if (ch === undefined || at >= lineEnd) return null;
  const isCn = (c: string | undefined) => c !== undefined && CN_DIGITS.has(c);
  // 一、 (also 一．)
  const cn = runLength(text, at, 4, isCn);
  if (cn > 0 && (text[at + cn] === '、' || text[at + cn] === '．')) {
    return { length: cn + 1, number: text.slice(at, at + cn + 1), level: 1, flexible: false };
  }
  // (一) （一） and mixed widths; (1) （1）
  if (ch === '(' || ch === '（') {
    const n = runLength(text, at + 1, 4, isCn);
    if (n > 0 && (text[at + 1 + n] === ')' || text[at + 1 + n] === '）')) {
      return { length: n + 2, number: text.slice(at, at + n + 2), level: 2, flexible: false };
    }
    const d = runLength(text, at + 1, 2, isArabic);
    if (d > 0 && (text[at + 1 + d] === ')' || text[at + 1 + d] === '）')) {
      return { length: d + 2, number: text.slice(at, at + d + 2), level: 4, flexible: true };
    }
    return null;
  }
  // 第一， 第二、
  if (ch === '第') {
    const n = runLength(text, at + 1, 3, isCn);
    const sep = text[at + 1 + n];
    if (n > 0 && (sep === '，' || sep === '、' || sep === ',' || sep === '：')) {
      return { length: n + 2, number: text.slice(at, at + n + 2), level: 3, flexible: false };
    }
    return null;
  }
  // 1. 1、 1． but not 1.5亿元 (a digit after the dot is a decimal); 1) 1） as level 4.
  const d = runLength(text, at, 2, isArabic);
  if (d > 0) {
    const sep = text[at + d];
    if ((sep === '.' || sep === '．' || sep === '、') && !isArabic(text[at + d + 1])) {
      return { length: d + 1, number: text.slice(at, at + d + 1), level: 3, flexible: false };
    }
    if (sep === ')' || sep === '）') {
      return { length: d + 1, number: text.slice(at, at + d + 1), level: 4, flexible: true };
    }
    return null;
  }
  if (CIRCLED.includes(ch)) return { length: 1, number: ch, level: 4, flexible: true };
  return null;
}

/**
 * Scans text[from, to) line by line. `firstSectionNumber` lets the caller keep ids in text order.
 */
export function scanSections(text: string, from = 0, to = text.length, skip: readonly SourceSpan[] = []): SectionScan {
  const sections: Section[] = [];
  const blocks: Block[] = [];
  const headings: SourceSpan[] = [];
  const stack: Section[] = [];
  /** Whether each open section came from a （1）-style marker. */
  const flexibleStack: boolean[] = [];
  let line = 0;
  let lineStart = from;
  /** Table rows (sorted): their lines are read by the table pass, never as prose. */
  let skipAt = 0;
  while (lineStart <= to) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > to) lineEnd = to;
    const trimmed = trimSpan(text, lineStart, lineEnd);
    while (skipAt < skip.length && skip[skipAt]!.end <= trimmed.start) skipAt++;
    const skipped = skipAt < skip.length && skip[skipAt]!.start <= trimmed.start && trimmed.end <= skip[skipAt]!.end;
    if (trimmed.end > trimmed.start && !skipped) {
      const marker = headingMarker(text, trimmed.start, trimmed.end);
      if (marker) {
        let level = marker.level;
        // （1） is level 4 only under a 1. / 第一 point; under （一） it is the point itself, and
        // （2） after （1） is its sibling, not its child.
        if (marker.flexible && !stack.some((s, k) => s.level === 3 && !flexibleStack[k])) level = 3;
        let titleStart = trimmed.start + marker.length;
        while (titleStart < trimmed.end && isSpace(text[titleStart])) titleStart++;
        let titleEnd = titleStart;
        while (titleEnd < trimmed.end && !HEADING_END.at(text, titleEnd)) titleEnd++;
        const bodyBreak = titleEnd;
        if (level === 2 && isItemLine(text, trimmed, titleEnd, level, to)) {
          // An item of a breakdown notice: a directive in the enclosing part, not a section.
          while (stack.length > 0 && stack[stack.length - 1]!.level >= level) {
            stack.pop();
            flexibleStack.pop();
          }
          const top = stack[stack.length - 1];
          blocks.push({ start: titleStart, end: trimmed.end, sectionId: top ? top.id : null, line, isPoint: true, isItem: true, marker: marker.number });
          line++;
          if (lineEnd >= to) break;
          lineStart = lineEnd + 1;
          continue;
        }
        // Rule `numbered-paragraph`: 三、市政府督查室要会同市发展改革委建立…，每季度…报市政府。 — a
        // 一、 or （一） that opens a whole sentence of directive (a subject with 要, or a long
        // sentence) numbers a paragraph of a notice, not a heading: its title is its first clause
        // and all of it is body.
        const paragraph = level <= 2 && isNumberedParagraph(text, titleStart, titleEnd);
        if (level >= 3 || paragraph) {
          // A numbered point is a whole directive (加快推进重大项目建设，一季度开工率达到40%以上):
          // its section title is the first clause, if that says enough on its own.
          let comma = titleStart + 4;
          while (comma < titleEnd && text[comma] !== '，') comma++;
          titleEnd = comma;
        }
        const titleSpan = trimSpan(text, titleStart, titleEnd);
        while (stack.length > 0 && stack[stack.length - 1]!.level >= level) {
          stack.pop();
          flexibleStack.pop();
        }
        const section: Section = {
          id: `s${sections.length + 1}`,
          title: text.slice(titleSpan.start, titleSpan.end),
          number: marker.number,
          level,
          parentId: stack.length > 0 ? stack[stack.length - 1]!.id : null,
          source: { start: trimmed.start, end: Math.max(titleSpan.end, trimmed.start + marker.length) },
        };
        sections.push(section);
        stack.push(section);
        flexibleStack.push(marker.flexible);
        if (paragraph) {
          blocks.push({ start: titleSpan.start, end: trimmed.end, sectionId: section.id, line, isPoint: false });
        } else if (level <= 2) {
          // The heading itself is a title, not a directive; body text may follow its 。.
          headings.push({ start: trimmed.start, end: bodyBreak });
          const bodyStart = bodyBreak < trimmed.end ? bodyBreak + 1 : trimmed.end;
          const body = trimSpan(text, bodyStart, trimmed.end);
          if (body.end > body.start) blocks.push({ start: body.start, end: body.end, sectionId: section.id, line, isPoint: false });
        } else if (titleSpan.start < trimmed.end) {
          // A numbered point is itself the directive in a task-breakdown notice (1. 推进…).
          // Rule `numbered-item`: 3）…, ②全年抽检…不少于1200批次, 5．新增公交线路3条 — a numbered point
          // that counts or dates what it delivers is an item of the list, a task whatever its verb.
          const first = text.slice(titleSpan.start, Math.min(trimmed.end, bodyBreak)).replace(/“[^”]*”|"[^"]*"/g, '');
          const item = marker.number !== '' && !/^第/.test(marker.number) && ITEM_SIGNAL.test(first);
          blocks.push({ start: titleSpan.start, end: trimmed.end, sectionId: section.id, line, isPoint: true, listItem: item || undefined, marker: marker.number });
        }
      } else {
        const top = stack[stack.length - 1];
        blocks.push({ start: trimmed.start, end: trimmed.end, sectionId: top ? top.id : null, line, isPoint: false });
      }
    }
    line++;
    if (lineEnd >= to) break;
    lineStart = lineEnd + 1;
  }
  return { sections, blocks, headings };
}
