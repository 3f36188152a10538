import { CharSet } from './char-set';

/**
 * Finds dictionary phrases (unit names, aliases, keywords, verbs) in a string in time linear in
 * its length: candidates are bucketed by first character and tried longest first, so each
 * position costs only the few phrases that start with its character.
 */
export interface PhraseHit<T> {
  phrase: string;
  value: T;
  start: number;
  end: number;
}

export class PhraseMatcher<T> {
  /** Keyed by the first UTF-16 code: no one-character string is made per lookup. */
  private readonly byFirst = new Map<number, { phrase: string; value: T }[]>();
  /** The same first codes as a bit table: most positions start no phrase, and this says so fastest. */
  private readonly firsts: CharSet;

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [phrase, value] of entries) {
      if (phrase.length === 0) continue;
      const first = phrase.charCodeAt(0);
      let bucket = this.byFirst.get(first);
      if (!bucket) {
        bucket = [];
        this.byFirst.set(first, bucket);
      }
      if (!bucket.some((b) => b.phrase === phrase)) bucket.push({ phrase, value });
    }
    for (const bucket of this.byFirst.values()) bucket.sort((a, b) => b.phrase.length - a.phrase.length);
    this.firsts = new CharSet(this.byFirst.keys());
  }

  /** Whether any phrase starts with this character code: a cheap test before matchAt. */
  hasFirst(code: number): boolean {
    return this.firsts.has(code);
  }

  /** The longest phrase starting exactly at `at` (and ending by `end`), or null. */
  matchAt(text: string, at: number, end = text.length): PhraseHit<T> | null {
    if (at >= end) return null;
    const code = text.charCodeAt(at);
    if (!this.firsts.has(code)) return null;
    const bucket = this.byFirst.get(code);
    if (!bucket) return null;
    for (const b of bucket) {
      if (at + b.phrase.length <= end && text.startsWith(b.phrase, at)) {
        return { phrase: b.phrase, value: b.value, start: at, end: at + b.phrase.length };
      }
    }
    return null;
  }

  /** Non-overlapping longest matches in text[start, end), left to right. */
  findAll(text: string, start = 0, end = text.length): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    let i = start;
    while (i < end) {
      const hit = this.matchAt(text, i, end);
      if (hit) {
        out.push(hit);
        i = hit.end;
      } else i++;
    }
    return out;
  }

  /** A phrase that ends exactly at `end` (looked for among phrases up to `maxLen` long). */
  matchEndingAt(text: string, end: number, maxLen: number, floor = 0): PhraseHit<T> | null {
    for (let len = Math.min(maxLen, end - floor); len >= 1; len--) {
      const hit = this.matchAt(text, end - len, end);
      if (hit && hit.end === end) return hit;
    }
    return null;
  }
}
