/** The seed speech and helpers to take real sentences (with real spans) out of it. */
import speech from '@/domain/seed-speech.txt?raw';

/** The seed as parseSpeech sees it: a leading BOM dropped, so spans index this string. */
export const SEED = speech.replace(/^\uFEFF/, '');

const SENTENCE_END = '。！？\n';

/** The span of the whole seed sentence that contains `fragment` (ends include 。). */
export function seedSentence(fragment: string): { start: number; end: number; text: string } {
  const at = SEED.indexOf(fragment);
  if (at < 0) throw new Error(`种子讲话中找不到：${fragment}`);
  let start = at;
  while (start > 0 && !SENTENCE_END.includes(SEED[start - 1]!)) start--;
  let end = at + fragment.length;
  while (end < SEED.length && !SENTENCE_END.includes(SEED[end]!)) end++;
  if (end < SEED.length && SEED[end] !== '\n') end++;
  return { start, end, text: SEED.slice(start, end) };
}
