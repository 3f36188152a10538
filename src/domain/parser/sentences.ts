/**
 * Sentence and clause spans, found by one left-to-right pass (linear, no regex).
 *
 * Why not Intl.Segmenter: it attaches a closing quote after 。 to the next sentence
 * (…一个重大原则。” becomes the start of the next one), which breaks every quote an office reads.
 */
import type { SourceSpan } from '../model';

/** Ends a sentence. ； ends one too: a speech's ；-series are separate directives. */
const TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '\n', '\r']);
/** Closing marks that belong to the sentence they close (…重大原则。”). */
const CLOSERS = new Set(['”', '’', '」', '』', '"', "'", '）', ')', '》', '】']);
/** Separators between clauses inside a sentence. 、 is not one: it joins items of one list. */
const CLAUSE_SEPARATORS = new Set(['，', ',', '：', ':']);
const OPENERS: Record<string, string> = { '“': '”', '‘': '’', '（': '）', '(': ')', '《': '》', '「': '」', '『': '』', '【': '】', '[': ']' };
const CLOSER_OF = new Set(Object.values(OPENERS));

export function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u3000' || ch === '\u00a0' || ch === '\r' || ch === '\n' || ch === '\ufeff';
}

/** Shrinks [start, end) so that it neither starts nor ends with whitespace. */
export function trimSpan(text: string, start: number, end: number): SourceSpan {
  let s = start;
  let e = end;
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/**
 * The sentences of text[from, to): split after 。！？；and at line breaks, keeping any closing
 * quotes or brackets that follow the terminator. Spans are trimmed; empty ones are dropped.
 */
export function splitSentences(text: string, from = 0, to = text.length): SourceSpan[] {
  const out: SourceSpan[] = [];
  let start = from;
  let i = from;
  while (i < to) {
    const ch = text[i]!;
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    const isBreak = ch === '\n' || ch === '\r';
    let end = isBreak ? i : i + 1;
    let next = i + 1;
    if (!isBreak) {
      // Runs like ？！ or 。。 end one sentence; then its closing quotes.
      while (next < to && TERMINATORS.has(text[next]!) && text[next] !== '\n' && text[next] !== '\r') next++;
      while (next < to && CLOSERS.has(text[next]!)) next++;
      end = next;
    }
    const span = trimSpan(text, start, end);
    if (span.end > span.start) out.push(span);
    start = next;
    i = next;
  }
  const last = trimSpan(text, start, to);
  if (last.end > last.start) out.push(last);
  return out;
}

/**
 * The clauses of one sentence: split at ，：outside quotes and brackets, so a slogan in quotes
 * (“发展出题目，改革做文章”) stays whole. Each clause span excludes its separator and the
 * sentence's final 。. Unbalanced marks never hide the rest of the sentence: depth cannot go
 * below zero, and a stray opener only merges clauses, it never loses text.
 */
export function splitClauses(text: string, span: SourceSpan): SourceSpan[] {
  const out: SourceSpan[] = [];
  let depth = 0;
  let straightQuoteOpen = false;
  let start = span.start;
  let end = span.end;
  // Drop the sentence's terminator and its closing quotes from the last clause only when the
  // closers follow the terminator (…原则。” keeps its ” inside the quote's clause).
  while (end > start && TERMINATORS.has(text[end - 1]!)) end--;
  for (let i = span.start; i < end; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      straightQuoteOpen = !straightQuoteOpen;
      continue;
    }
    if (OPENERS[ch] !== undefined) depth++;
    else if (CLOSER_OF.has(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && !straightQuoteOpen && CLAUSE_SEPARATORS.has(ch)) {
      const c = trimSpan(text, start, i);
      if (c.end > c.start) out.push(c);
      start = i + 1;
    }
  }
  const c = trimSpan(text, start, end);
  if (c.end > c.start) out.push(c);
  return out;
}
