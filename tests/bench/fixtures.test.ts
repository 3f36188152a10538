import { describe, expect, it } from 'vitest';
import { generateCity } from '../../bench/fixtures';
import { EventSchema, PlanSchema, UnitSchema } from '@/domain/model';

// A smaller city keeps the test quick; the generator's code paths are the same at any size.
const small = () => generateCity({ tasks: 120, units: 100, events: 2400 });

describe('generateCity', () => {
  it('produces a plan the zod model accepts', () => {
    const r = PlanSchema.safeParse(small().plan);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('produces only valid events and units', () => {
    const c = small();
    expect(c.events.filter((e) => !EventSchema.safeParse(e).success)).toEqual([]);
    expect(c.units.filter((u) => !UnitSchema.safeParse(u).success)).toEqual([]);
  });

  it('gives exactly the requested counts, with unique unit names and ids', () => {
    const c = small();
    expect(c.plan.tasks).toHaveLength(120);
    expect(c.events).toHaveLength(2400);
    expect(new Set(c.units.map((u) => u.name)).size).toBe(100);
    expect(new Set(c.events.map((e) => e.id)).size).toBe(2400);
  });

  it('covers every event type, since each has its own cost in deriving a state', () => {
    const types = new Set(small().events.map((e) => e.type));
    expect([...types].sort()).toEqual(
      ['extension-decision', 'extension-request', 'flag', 'inspection', 'notice', 'progress', 'review', 'status', 'tick', 'urge'],
    );
  });

  it('keeps events in (at, id) order, as the store does', () => {
    const ev = small().events;
    for (let i = 1; i < ev.length; i++) {
      const a = ev[i - 1]!;
      const b = ev[i]!;
      expect(a.at < b.at || (a.at === b.at && a.id < b.id)).toBe(true);
    }
  });

  it('makes every quote the exact slice of the source text at its span', () => {
    const { plan } = small();
    for (const t of [...plan.tasks, ...plan.targets]) {
      expect(plan.sourceText.slice(t.source.start, t.source.end)).toBe(t.quote);
    }
  });

  it('references only known tasks, sections and extension requests', () => {
    const c = small();
    const taskIds = new Set(c.plan.tasks.map((t) => t.id));
    const sectionIds = new Set(c.plan.sections.map((s) => s.id));
    const requests = new Set(c.events.filter((e) => e.type === 'extension-request').map((e) => e.id));
    expect(c.events.every((e) => taskIds.has(e.taskId))).toBe(true);
    expect(c.plan.tasks.every((t) => t.sectionId !== null && sectionIds.has(t.sectionId))).toBe(true);
    for (const e of c.events) if (e.type === 'extension-decision') expect(requests.has(e.requestId)).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(JSON.stringify(small())).toBe(JSON.stringify(small()));
    expect(JSON.stringify(generateCity({ tasks: 50, events: 500, seed: 1 }))).not.toBe(
      JSON.stringify(generateCity({ tasks: 50, events: 500, seed: 2 })),
    );
  });
});
