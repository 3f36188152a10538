import { describe, expect, it } from 'vitest';
import { decodeSpeechBytes, segmentText } from '@/domain/text-decode';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('decodeSpeechBytes', () => {
  it('reads UTF-8 Chinese text', () => {
    expect(decodeSpeechBytes(utf8('同志们：今年要抓落实。'))).toEqual({ ok: true, text: '同志们：今年要抓落实。', encoding: 'utf-8' });
  });
  it('drops a UTF-8 byte-order mark so source spans index the visible text', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('讲话')]);
    expect(decodeSpeechBytes(bytes)).toEqual({ ok: true, text: '讲话', encoding: 'utf-8' });
  });
  // Changed on purpose (issue 11): Excel in China and older WPS save GBK, so GBK is read, not refused.
  it('reads GBK bytes as GB18030 when they are not UTF-8', () => {
    // 讲话 in GBK: BD B2 BB B0 — not valid UTF-8.
    expect(decodeSpeechBytes(new Uint8Array([0xbd, 0xb2, 0xbb, 0xb0]), 'a.txt')).toEqual({ ok: true, text: '讲话', encoding: 'gb18030' });
  });
  it('refuses bytes that are neither UTF-8 nor GB18030, naming the file and the fix', () => {
    // 0x80 alone and 0xFF are not valid in either encoding.
    const r = decodeSpeechBytes(new Uint8Array([0xbd, 0xb2, 0xff, 0x80]), 'a.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/a\.txt.*UTF-8/);
  });
  it('refuses a binary file (zero bytes)', () => {
    const r = decodeSpeechBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'x.docx');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('不是纯文本文件');
  });
  it('refuses an empty file', () => {
    expect(decodeSpeechBytes(new Uint8Array()).ok).toBe(false);
  });
  it('accepts UTF-16 with a byte-order mark (记事本 “Unicode”)', () => {
    // 讲 = U+8BB2 -> B2 8B; 话 = U+8BDD -> DD 8B (little-endian after the FF FE mark)
    const le = new Uint8Array([0xff, 0xfe, 0xb2, 0x8b, 0xdd, 0x8b]);
    expect(decodeSpeechBytes(le)).toEqual({ ok: true, text: '讲话', encoding: 'utf-16le' });
  });
});

describe('segmentText', () => {
  it('covers every character exactly once', () => {
    const segs = segmentText(10, [
      { start: 2, end: 4, id: 'a' },
      { start: 6, end: 8, id: 'b' },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 2, itemId: null },
      { start: 2, end: 4, itemId: 'a' },
      { start: 4, end: 6, itemId: null },
      { start: 6, end: 8, itemId: 'b' },
      { start: 8, end: 10, itemId: null },
    ]);
  });
  it('cuts an overlapping span to start where the previous ended', () => {
    const segs = segmentText(6, [
      { start: 0, end: 4, id: 'a' },
      { start: 2, end: 6, id: 'b' },
    ]);
    expect(segs).toEqual([
      { start: 0, end: 4, itemId: 'a' },
      { start: 4, end: 6, itemId: 'b' },
    ]);
  });
  it('clips spans beyond the text and drops empty ones', () => {
    expect(segmentText(3, [{ start: 1, end: 99, id: 'a' }, { start: 2, end: 2, id: 'b' }])).toEqual([
      { start: 0, end: 1, itemId: null },
      { start: 1, end: 3, itemId: 'a' },
    ]);
  });
  it('skips a span fully inside an earlier one', () => {
    expect(segmentText(5, [{ start: 0, end: 5, id: 'a' }, { start: 1, end: 2, id: 'b' }])).toEqual([{ start: 0, end: 5, itemId: 'a' }]);
  });
});
