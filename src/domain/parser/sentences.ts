/**
 * Sentence and clause spans, found by one left-to-right pass (linear, no regex).
 *
 * Why not Intl.Segmenter: it attaches a closing quote after 。 to the next sentence
 * (…一个重大原则。” becomes the start of the next one), which breaks every quote an office reads.
 */
import type { SourceSpan } from '../model';

// Character classes by UTF-16 code: the loops below run over every character of a possibly
// multi-megabyte text, and numeric switches keep them at a few nanoseconds a character.

/** Ends a sentence. ； ends one too: a speech's ；-series are separate directives. */
function isTerminator(c: number): boolean {
  // 。！？；!?; \n \r
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b || c === 0x0a || c === 0x0d;
}
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}
/** Closing marks that belong to the sentence they close (…重大原则。”). */
function isCloser(c: number): boolean {
  // ” ’ 」 』 " ' ） ) 》 】 ]
  return c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0x22 || c === 0x27 || c === 0xff09 || c === 0x29 || c === 0x300b || c === 0x3011 || c === 0x5d;
}
/** Opening brackets and quotes (the straight " is handled apart: it opens and closes). */
function isOpener(c: number): boolean {
  // “ ‘ （ ( 《 「 『 【 [
  return c === 0x201c || c === 0x2018 || c === 0xff08 || c === 0x28 || c === 0x300a || c === 0x300c || c === 0x300e || c === 0x3010 || c === 0x5b;
}
function isPairCloser(c: number): boolean {
  return c !== 0x22 && c !== 0x27 && isCloser(c);
}
/** Separators between clauses inside a sentence. 、 is not one: it joins items of one list. */
function isClauseSeparator(c: number): boolean {
  // ， , ： :
  return c === 0xff0c || c === 0x2c || c === 0xff1a || c === 0x3a;
}

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && isSpaceCode(ch.charCodeAt(0));
}
function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0 || c === 0x0d || c === 0x0a || c === 0xfeff;
}

/** Shrinks [start, end) so that it neither starts nor ends with whitespace. */
export function trimSpan(text: string, start: number, end: number): SourceSpan {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
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
    const c = text.charCodeAt(i);
    if (!isTerminator(c)) {
      i++;
      continue;
    }
    let end = i;
    let next = i + 1;
    if (!isBreak(c)) {
      // Runs like ？！ or 。。 end one sentence; then its closing quotes.
      while (next < to && isTerminator(text.charCodeAt(next)) && !isBreak(text.charCodeAt(next))) next++;
      while (next < to && isCloser(text.charCodeAt(next))) next++;
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
  // Drop the sentence's terminator (…原则。” keeps its ” inside the quote's clause).
  while (end > start && isTerminator(text.charCodeAt(end - 1))) end--;
  for (let i = span.start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      straightQuoteOpen = !straightQuoteOpen;
    } else if (isOpener(c)) depth++;
    else if (isPairCloser(c)) depth = depth > 0 ? depth - 1 : 0;
    else if (depth === 0 && !straightQuoteOpen && isClauseSeparator(c)) {
      const cl = trimSpan(text, start, i);
      if (cl.end > cl.start) out.push(cl);
      start = i + 1;
    }
  }
  const cl = trimSpan(text, start, end);
  if (cl.end > cl.start) out.push(cl);
  return out;
}
