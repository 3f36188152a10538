/**
 * The plan a first start shows: the seed speech (bundled with Vite's `?raw`), parsed.
 * Pure apart from the bundled text: the time comes in as `now`.
 */
import speech from '@/domain/seed-speech.txt?raw';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { parseSpeech } from '@/domain/parser/speech-parser';
import type { Plan } from '@/domain/model';

/**
 * A fixed id: every browser that starts from the seed holds "the same plan", so a department
 * that starts from it can already exchange progress with an office that did too.
 */
export const SEED_PLAN_ID = 'seed';

export function createSeedPlan(now: Date, text: string = speech): Plan {
  const iso = now.toISOString();
  const parsed = parseSpeech(text, { currentYear: now.getFullYear(), units: DEFAULT_UNITS });
  return {
    ...parsed,
    id: SEED_PLAN_ID,
    createdAt: iso,
    updatedAt: iso,
    // The spans index the text without a BOM, as parseSpeech reads it.
    sourceText: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    targetValues: {},
    targetActuals: {},
  };
}
