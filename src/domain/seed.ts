/**
 * The plan a first start shows: the seed speech, parsed. Pure apart from the bundled text.
 */
import speech from '@/domain/seed-speech.txt?raw';
import { SCHEMA_VERSION, type Plan } from '@/domain/model';

export const SEED_PLAN_ID = 'seed';

export function createSeedPlan(now: Date): Plan {
  const iso = now.toISOString();
  // TEMPORARY until the parser lands: the text without tasks.
  return {
    schemaVersion: SCHEMA_VERSION,
    id: SEED_PLAN_ID,
    title: '',
    year: now.getFullYear(),
    createdAt: iso,
    updatedAt: iso,
    sourceText: speech,
    sections: [],
    tasks: [],
    targets: [],
    warnings: [],
    targetValues: {},
    targetActuals: {},
  };
}
