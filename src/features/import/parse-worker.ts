/**
 * Parses a speech off the main thread, so pasting a 5 MB text never freezes the page.
 * Message in: { id, text, options }; out: { id, ok: true, plan } or { id, ok: false, error }.
 */
import { parseSpeech } from '@/domain/parser/speech-parser';
import type { ParseRequest, ParseResponse } from './parse-runner';

self.onmessage = (e: MessageEvent<ParseRequest>) => {
  const { id, text, options } = e.data;
  let reply: ParseResponse;
  try {
    reply = { id, ok: true, plan: parseSpeech(text, options) };
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
