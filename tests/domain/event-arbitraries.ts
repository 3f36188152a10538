/** fast-check generators for events, shared by the merge, restore and files properties. */
import fc from 'fast-check';
import type { PlanEvent } from '@/domain/model';

const iso = fc
  .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 31) })
  .map((ms) => new Date(ms).toISOString());
const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-06-${String(d).padStart(2, '0')}`);

/** A small id pool so that the same id with different content (a conflict) comes up often. */
export const eventArb = (ids = 12, tasks = ['t1', 't2', 't3']): fc.Arbitrary<PlanEvent> => {
  const base = fc.record({
    id: fc.integer({ min: 1, max: ids }).map((n) => `e${n}`),
    at: iso,
    unit: fc.constantFrom('市政府办公室', '市大数据局', '市财政局'),
    taskId: fc.constantFrom(...tasks),
    note: fc.constantFrom('', '已完成', '<b>注意</b>'),
  });
  return fc.oneof(
    fc.tuple(base, fc.boolean()).map(([b, done]) => ({ ...b, type: 'tick' as const, done })),
    fc.tuple(base, fc.integer({ min: 0, max: 100 })).map(([b, percent]) => ({ ...b, type: 'progress' as const, percent })),
    base.map((b) => ({ ...b, type: 'urge' as const })),
    fc.tuple(base, day, fc.constantFrom('as-reported' as const, 'behind' as const, 'not-done' as const)).map(([b, date, finding]) => ({ ...b, type: 'inspection' as const, date, finding })),
    fc.tuple(base, fc.boolean()).map(([b, flagged]) => ({ ...b, type: 'flag' as const, flagged })),
  );
};

export const eventsArb = (max = 25) => fc.array(eventArb(), { maxLength: max });
