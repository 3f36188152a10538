/**
 * A small streaming XML scanner for the parts of Office files we read (document.xml, a sheet,
 * sharedStrings.xml). DOMParser does not exist in Web Workers or Node, and a full XML library is
 * far more than these machine-written files need. It never expands entities beyond the five
 * predefined ones and character references, so a DOCTYPE with entity tricks (billion laughs)
 * cannot grow anything: the DOCTYPE is skipped.
 */

export interface XmlHandler {
  /**
   * A start tag (`selfClosing` for `<x/>`); `attrs` is the raw attribute text, read with `attr`.
   * Returning STOP ends the walk (a reader that has read enough need not scan the rest).
   */
  open(name: string, attrs: string, selfClosing: boolean): void | typeof STOP;
  close(name: string): void;
  text(text: string): void;
}

export const STOP = Symbol('stop');

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      // A reference to a code point that cannot be text (0, surrogates, past U+10FFFF) stays as written.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return m;
      return String.fromCodePoint(code);
    }
    return ENTITY[body] ?? m;
  });
}

/** The value of one attribute in a start tag's raw attribute text, decoded; null when absent. */
export function attr(attrs: string, name: string): string | null {
  let from = 0;
  for (;;) {
    const i = attrs.indexOf(name, from);
    if (i < 0) return null;
    from = i + name.length;
    const before = i === 0 ? ' ' : attrs[i - 1]!;
    if (!/\s/.test(before)) continue;
    let k = from;
    while (k < attrs.length && /\s/.test(attrs[k]!)) k++;
    if (attrs[k] !== '=') continue;
    k++;
    while (k < attrs.length && /\s/.test(attrs[k]!)) k++;
    const q = attrs[k];
    if (q !== '"' && q !== "'") return null;
    const end = attrs.indexOf(q, k + 1);
    if (end < 0) return null;
    return decodeEntities(attrs.slice(k + 1, end));
  }
}

/** Walks the XML once, in order. Malformed tails end the walk quietly (the reader says what it got). */
export function scanXml(xml: string, h: XmlHandler): void {
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) {
      if (i < n) h.text(decodeEntities(xml.slice(i)));
      return;
    }
    if (lt > i) h.text(decodeEntities(xml.slice(i, lt)));
    const c = xml[lt + 1];
    if (c === '?') {
      const e = xml.indexOf('?>', lt + 2);
      if (e < 0) return;
      i = e + 2;
    } else if (c === '!') {
      if (xml.startsWith('<!--', lt)) {
        const e = xml.indexOf('-->', lt + 4);
        if (e < 0) return;
        i = e + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const e = xml.indexOf(']]>', lt + 9);
        if (e < 0) return;
        h.text(xml.slice(lt + 9, e));
        i = e + 3;
      } else {
        // <!DOCTYPE …> possibly with an internal subset in brackets: skipped, never expanded.
        let depth = 0;
        let k = lt + 2;
        for (; k < n; k++) {
          const ch = xml[k];
          if (ch === '[') depth++;
          else if (ch === ']') depth--;
          else if (ch === '>' && depth <= 0) break;
        }
        i = k + 1;
      }
    } else if (c === '/') {
      const e = xml.indexOf('>', lt + 2);
      if (e < 0) return;
      h.close(xml.slice(lt + 2, e).trim());
      i = e + 1;
    } else {
      // Attribute values may hold '>' in theory; Office never writes it unescaped, but be exact.
      let k = lt + 1;
      let quote: string | null = null;
      for (; k < n; k++) {
        const ch = xml[k];
        if (quote) {
          if (ch === quote) quote = null;
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (k >= n) return;
      const selfClosing = xml[k - 1] === '/';
      const inner = xml.slice(lt + 1, selfClosing ? k - 1 : k);
      let nameEnd = 0;
      while (nameEnd < inner.length && !/\s/.test(inner[nameEnd]!)) nameEnd++;
      const name = inner.slice(0, nameEnd);
      if (h.open(name, inner.slice(nameEnd), selfClosing) === STOP) return;
      if (selfClosing) h.close(name);
      i = k + 1;
    }
  }
}
