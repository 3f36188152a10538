/**
 * Reading a chosen .txt or .csv file: by its byte-order mark (UTF-8, UTF-16 as Windows 记事本
 * saves "Unicode"), else strictly UTF-8, else GB18030 (a superset of GBK and GB2312, what Excel in
 * China and older WPS write). Both decoders are fatal: a wrong guess would turn a speech into
 * mojibake that then parses into nonsense tasks, so bytes valid in neither are refused with a
 * clear Chinese message. The import page, the file readers and the CLI all decode through here.
 * Pure: takes bytes, returns text or the reason it was refused.
 */

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type DecodeResult = { ok: true; text: string; encoding: TextEncoding } | { ok: false; error: string };

/** Zero bytes never occur in UTF-8 Chinese text; they mark a binary file (doc, pdf, zip, image). */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function decodeSpeechBytes(bytes: Uint8Array, fileName = '文件'): DecodeResult {
  if (bytes.length === 0) return { ok: false, error: `“${fileName}”是空文件，没有可解析的文字。` };
  // UTF-16 (Windows 记事本 "Unicode") has a byte-order mark; it is unambiguous, so accept it.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const enc = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    try {
      return { ok: true, text: new TextDecoder(enc, { fatal: true }).decode(bytes), encoding: enc };
    } catch {
      return { ok: false, error: `“${fileName}”的 UTF-16 编码已损坏，无法读取。` };
    }
  }
  if (looksBinary(bytes)) {
    return {
      ok: false,
      error: `“${fileName}”不是纯文本文件（可能是 Word、PDF 或图片）。请在原程序中“另存为”纯文本（.txt，UTF-8 编码），或复制文字粘贴到文本框。`,
    };
  }
  try {
    // TextDecoder drops a leading UTF-8 BOM by default, so the spans index the visible text.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Chinese Windows software saves GBK (GB18030 decodes it and more).
  }
  try {
    return { ok: true, text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return {
      ok: false,
      error: `“${fileName}”的编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）。请用记事本打开后“另存为”，编码选 UTF-8；或复制文字粘贴到文本框。`,
    };
  }
}

/** Highlight pieces: a span of source text, marked when it belongs to an item. */
export interface TextSegment {
  start: number;
  end: number;
  /** The item whose sentence this is, or null for plain text between items. */
  itemId: string | null;
}

/**
 * Cuts `length` characters of text into plain and marked segments. Spans out of range are
 * clipped; an overlapping span is cut to begin where the previous one ended, so every character
 * appears exactly once and the rendered text is always the source text.
 */
export function segmentText(
  length: number,
  spans: readonly { start: number; end: number; id: string }[],
): TextSegment[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(0, Math.min(s.start, length)), end: Math.max(0, Math.min(s.end, length)), id: s.id }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: TextSegment[] = [];
  let pos = 0;
  for (const s of sorted) {
    const start = Math.max(s.start, pos);
    if (start >= s.end) continue;
    if (start > pos) out.push({ start: pos, end: start, itemId: null });
    out.push({ start, end: s.end, itemId: s.id });
    pos = s.end;
  }
  if (pos < length) out.push({ start: pos, end: length, itemId: null });
  return out;
}
