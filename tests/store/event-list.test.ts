/**
 * The in-memory event list (src/store/event-list.ts): every version stays what it was whatever is
 * done to later ones (appends on the newest and on older versions, events that sort earlier,
 * signed copies in place), the newest version appends without copying, changesSince says exactly
 * what changed, and the task states derived step by step always equal a full derivation.
 */
import fc from 'fast-check';
import { compareEvents, deriveAllStates } from '@/domain/events';
import type { PlanEvent } from '@/domain/model';
import { selectTaskStates } from '@/store/derived';
import { EventList } from '@/store/event-list';
import { samplePlan } from '../fixtures/storage/build-sample';

const SIG = { key: '0123456789abcdef', value: 'A'.repeat(86) };

function ev(i: number, ms: number, taskId = i % 2 ? 't1' : 't2'): PlanEvent {
  return { id: `e${String(i).padStart(6, '0')}`, at: new Date(Date.UTC(2026, 2, 1) + ms).toISOString(), unit: '市大数据局', taskId, note: '', type: 'progress', percent: i % 101 };
}

/** One step on some version: an append (in order or a little earlier), or a signed copy in place. */
type Step = { on: number; kind: 'append'; back: number } | { on: number; kind: 'sign'; pick: number };
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ on: fc.nat(), kind: fc.constant('append' as const), back: fc.integer({ min: 0, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ on: fc.nat(), kind: fc.constant('sign' as const), pick: fc.nat() }) },
);

describe('EventList', () => {
  it('keeps every version as it was, whatever is done to later and older versions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2100 }), fc.array(stepArb, { maxLength: 60 }), (start, steps) => {
        const first = Array.from({ length: start }, (_, i) => ev(i, i * 1000));
        const versions: Array<{ list: EventList; expected: PlanEvent[] }> = [{ list: EventList.from(first), expected: first }];
        let n = start;
        for (const step of steps) {
          // Mostly the newest version, sometimes an older one (a branch must copy, not share).
          const base = versions[step.on % 3 === 0 ? step.on % versions.length : versions.length - 1]!;
          if (step.kind === 'append') {
            const lastMs = base.expected.length ? Date.parse(base.expected[base.expected.length - 1]!.at) - Date.UTC(2026, 2, 1) : 0;
            const e = ev(++n + 5000, lastMs + 1 - step.back * 700);
            const expected = [...base.expected, e].sort(compareEvents);
            versions.push({ list: base.list.append(e), expected });
          } else if (base.expected.length) {
            const i = step.pick % base.expected.length;
            const target = base.expected[i]!;
            const signed = { ...target, sig: SIG } as PlanEvent;
            const next = base.list.replace(signed);
            if (target.sig) expect(next).toBe(base.list);
            else {
              const expected = base.expected.slice();
              expected[i] = signed;
              versions.push({ list: next!, expected });
            }
          }
        }
        for (const v of versions) {
          expect(v.list.length).toBe(v.expected.length);
          expect([...v.list]).toEqual(v.expected);
          expect(v.list.toArray()).toEqual(v.expected);
          if (v.expected.length) expect(v.list.at(-1)).toBe(v.expected[v.expected.length - 1]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('appends to the newest version without copying its events (the chunks are shared)', () => {
    const first = Array.from({ length: 5000 }, (_, i) => ev(i, i * 1000));
    let list = EventList.from(first);
    const copies = vi.spyOn(Array.prototype, 'slice');
    for (let i = 0; i < 3000; i++) list = list.append(ev(10_000 + i, (5000 + i) * 1000));
    // A new chunk every 1,024 events copies the list of chunks (a handful of references): never the events.
    const copied = copies.mock.results.reduce((n, r) => n + ((r.value as unknown[]).length ?? 0), 0);
    copies.mockRestore();
    expect(copied).toBeLessThan(100);
    expect(list.length).toBe(8000);
  });

  it('says what changed between two versions: events added at the end, signed copies in place; null for anything else', () => {
    const base = EventList.from(Array.from({ length: 3000 }, (_, i) => ev(i, i * 1000)));
    const target = base.at(1500)!;
    const signed = { ...target, sig: SIG } as PlanEvent;
    const later = base.replace(signed)!.append(ev(9000, 3_000_000)).append(ev(9001, 3_000_001));
    expect(later.changesSince(base)).toEqual({ added: [later.at(3000), later.at(3001)], replaced: [[target, signed]] });
    expect(later.changesSince(later)).toEqual({ added: [], replaced: [] });
    // An event that sorts into the middle, or a list that lost one, is not a change of that kind.
    expect(base.append(ev(9002, 500)).changesSince(base)).toBeNull();
    expect(EventList.from(base.toArray().slice(1)).changesSince(base)).toBeNull();
  });

  it('replace finds the event by its place, leaves the list alone for a version that is not the same record, null when absent', () => {
    const list = EventList.from(Array.from({ length: 100 }, (_, i) => ev(i, i * 1000)));
    expect(list.replace({ ...ev(7, 7000), note: '改过', sig: SIG } as PlanEvent)).toBe(list);
    expect(list.replace({ ...ev(700, 7000), sig: SIG } as PlanEvent)).toBeNull();
    expect(list.replace({ ...ev(7, 7000), sig: SIG } as PlanEvent)!.at(7)!.sig).toEqual(SIG);
  });

  it('from() sorts what is not in order, and keeps an ordered array as its own', () => {
    const ordered = Array.from({ length: 10 }, (_, i) => ev(i, i * 1000));
    expect(EventList.from(ordered).toArray()).toBe(ordered);
    expect(EventList.from([...ordered].reverse()).toArray()).toEqual(ordered);
    expect(JSON.stringify(EventList.from(ordered))).toBe(JSON.stringify(ordered));
  });
});

describe('selectTaskStates over the list', () => {
  it('equals a full derivation after any appends and signed copies, and keeps untouched tasks’ state objects', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 30 }), (steps) => {
        const tasks = ['t1', 't2', 'gone'];
        let list = EventList.from(Array.from({ length: 40 }, (_, i) => ev(i, i * 1000, tasks[i % 3])));
        let states = selectTaskStates({ plan: samplePlan, events: list });
        let n = 100;
        for (const step of steps) {
          const before = states;
          let touched: string | null = null;
          if (step.kind === 'append') {
            const e = ev(++n, Date.parse(list.at(-1)!.at) - Date.UTC(2026, 2, 1) + 1, tasks[n % 3]);
            touched = e.taskId;
            list = list.append(e);
          } else {
            const target = list.at(step.pick % list.length)!;
            touched = target.taskId;
            list = list.replace({ ...target, sig: SIG } as PlanEvent) ?? list;
          }
          states = selectTaskStates({ plan: samplePlan, events: list });
          expect(states).toEqual(deriveAllStates(samplePlan, list.toArray()));
          for (const [id, st] of states) if (id !== touched) expect(st).toBe(before.get(id));
        }
      }),
      { numRuns: 50 },
    );
  });
});
