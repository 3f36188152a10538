/**
 * Lays an official document out as .docx off the page's thread: a city's 通报 (~40 pages, a
 * 100-unit ranking) takes the docx package 1–2 s, which on the main thread froze the page.
 * Message in: an OfficialDocument (plain data); out: { ok: true, bytes } or { ok: false, error }.
 */
import { buildOfficialDocx } from '@/domain/exchange/official-docx';
import type { OfficialDocument } from '@/domain/exchange/official-document';

self.onmessage = async (e: MessageEvent<OfficialDocument>) => {
  const post = (self as unknown as Worker).postMessage.bind(self);
  try {
    const bytes = await buildOfficialDocx(e.data);
    post({ ok: true, bytes }, [bytes.buffer]);
  } catch (err) {
    post({ ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
