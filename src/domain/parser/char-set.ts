/**
 * A set of characters tested by UTF-16 code in a 65 536-bit table: the parser's per-character
 * loops ask "is this a stop, a break, a first character?" millions of times on a long text, and
 * `new Set(['，', …]).has(text[i])` makes a one-character string and hashes it each time, about
 * ten times slower than one bit lookup.
 */
export class CharSet {
  private readonly bits = new Uint32Array(2048);

  constructor(chars: Iterable<string | number>) {
    for (const c of chars) {
      if (typeof c === 'number') this.add(c);
      else for (let i = 0; i < c.length; i++) this.add(c.charCodeAt(i));
    }
  }

  private add(code: number): void {
    if (code >= 0 && code < 0x10000) this.bits[code >>> 5]! |= 1 << (code & 31);
  }

  /** Whether the UTF-16 code is in the set (false for NaN, as charCodeAt gives past the end). */
  has(code: number): boolean {
    return code === code && ((this.bits[code >>> 5]! >>> (code & 31)) & 1) === 1;
  }

  /** Whether text[at] is in the set; false past either end. */
  at(text: string, at: number): boolean {
    return this.has(text.charCodeAt(at));
  }
}

/**
 * Whether the sticky regex `re` matches anywhere in `s`, tried only where `firsts` says a match
 * can start: the same answer as a search, when every match starts with one of them.
 */
export function matchesSomewhere(re: RegExp, firsts: CharSet, s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!firsts.at(s, i)) continue;
    re.lastIndex = i;
    if (re.test(s)) return true;
  }
  return false;
}
