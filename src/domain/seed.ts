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

/**
 * An untouched seed is older than any edit. Stamping it with the first start's time would make a
 * department that opens the app on Tuesday hold a "newer" plan than the one the office edited on
 * Monday, and the office's plan package would be refused as outdated.
 */
export const SEED_UPDATED_AT = '2000-01-01T00:00:00.000Z';

/**
 * The seed speech as a plan taken up at `now`: every task is handed over (交办) that day, the local
 * calendar day of the person opening the app, so on its first day no task lags the pace.
 */
export function createSeedPlan(now: Date, text: string = speech): Plan {
  const iso = now.toISOString();
  const parsed = parseSpeech(text, { currentYear: now.getFullYear(), units: DEFAULT_UNITS });
  const p = (n: number) => String(n).padStart(2, '0');
  const today = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
  return {
    ...parsed,
    tasks: parsed.tasks.map((t) => ({ ...t, assignedOn: today })),
    id: SEED_PLAN_ID,
    createdAt: iso,
    updatedAt: SEED_UPDATED_AT,
    // The spans index the text without a BOM, as parseSpeech reads it.
    sourceText: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
    targetValues: {},
    targetActuals: {},
  };
}
