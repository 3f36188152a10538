/** A task's state is a pure function of the plan and its events. */
import fc from 'fast-check';
import { deriveStatesAfterAppend, deriveStatesAfterChange } from '@/domain/events';
import { compareEvents, deriveAllStates, deriveTaskState } from '@/domain/events';
import type { PlanEvent } from '@/domain/model';
import { sampleEvents, samplePlan } from '../fixtures/storage/build-sample';

const t1 = samplePlan.tasks[0]!;
const t2 = samplePlan.tasks[1]!;
let n = 0;
const ev = (over: Partial<PlanEvent> & Pick<PlanEvent, 'type'>): PlanEvent =>
  ({ id: `e${++n}`, at: `2026-03-0${Math.min(9, n % 9 + 1)}T00:00:${String(n % 60).padStart(2, '0')}.000Z`, unit: '市发展和改革委员会', taskId: 't1', note: '', ...over }) as PlanEvent;

describe('deriveTaskState', () => {
  it('starts from the plan: not started, original deadline, plan flag', () => {
    const s = deriveTaskState(t1, []);
    expect(s).toMatchObject({ status: 'not-started', done: false, percent: 0, due: '2026-03-31', originalDue: '2026-03-31', flagged: true, lastUpdate: null });
  });

  it('the sample log: extension approved without a date grants the requested one; review accepted', () => {
    const s2 = deriveTaskState(t2, sampleEvents);
    expect(s2.due).toBe('2027-03-31');
    expect(s2.originalDue).toBe('2026-12-31');
    expect(s2.pendingExtension).toBeNull();
    expect(s2.status).toBe('blocked');
    expect(s2.criticisms).toBe(1);
    const s1 = deriveTaskState(t1, sampleEvents);
    expect(s1).toMatchObject({ done: true, percent: 100, urges: 1, commends: 1, inspections: 1, mismatch: false, lastNote: '改革方案已印发' });
    expect(s1.review).toMatchObject({ accepted: true, grade: '优秀' });
  });

  it('a review that returns the task reopens it', () => {
    const s = deriveTaskState(t1, [
      { id: 'a', at: '2026-03-01T00:00:00.000Z', unit: 'x', taskId: 't1', note: '', type: 'tick', done: true },
      { id: 'b', at: '2026-03-02T00:00:00.000Z', unit: '市政府办公室', taskId: 't1', note: '', type: 'review', accepted: false, grade: null },
    ]);
    expect(s.status).toBe('in-progress');
    expect(s.done).toBe(false);
  });

  it('an inspection after a done report that finds it behind is a mismatch', () => {
    const s = deriveTaskState(t1, [
      ev({ type: 'tick', done: true, at: '2026-03-01T00:00:00.000Z' } as Partial<PlanEvent> & { type: 'tick' }),
      ev({ type: 'inspection', date: '2026-03-02', finding: 'not-done', at: '2026-03-02T00:00:00.000Z', unit: '市政府办公室' } as Partial<PlanEvent> & { type: 'inspection' }),
    ]);
    expect(s.mismatch).toBe(true);
  });

  it('the latest flag event overrides the plan flag', () => {
    const s = deriveTaskState(t1, [{ id: 'f', at: '2026-03-01T00:00:00.000Z', unit: '市政府办公室', taskId: 't1', note: '', type: 'flag', flagged: false }]);
    expect(s.flagged).toBe(false);
  });

  it('does not depend on the order the events are given in', () => {
    const a = deriveTaskState(t1, sampleEvents);
    const b = deriveTaskState(t1, [...sampleEvents].reverse());
    expect(b).toEqual(a);
  });

  it('a pending extension is the latest undecided request', () => {
    const s = deriveTaskState(t2, sampleEvents.slice(0, 3));
    expect(s.pendingExtension).toMatchObject({ requestedDue: '2027-03-31', unit: '市大数据局' });
  });

  it('only notes by an owning unit become lastNote', () => {
    const s = deriveTaskState(t1, [{ id: 'n', at: '2026-03-01T00:00:00.000Z', unit: '市政府办公室', taskId: 't1', note: '办公室的话', type: 'urge' }]);
    expect(s.lastNote).toBe('');
  });
});

describe('deriveAllStates', () => {
  it('gives every task a state and ignores events about unknown tasks', () => {
    const states = deriveAllStates(samplePlan, [...sampleEvents, { id: 'z', at: '2026-03-01T00:00:00.000Z', unit: 'x', taskId: 'nope', note: '', type: 'urge' }]);
    expect([...states.keys()]).toEqual(['t1', 't2', 't3']);
    expect(states.get('t1')).toEqual(deriveTaskState(t1, sampleEvents));
  });

  it('counts the events of a merged task for the task it was merged into', () => {
    const plan = { ...samplePlan, tasks: [t1], mergedInto: { t2: 't1' } };
    const states = deriveAllStates(plan, sampleEvents);
    expect(states.get('t1')!.events.some((e) => e.taskId === 't2')).toBe(true);
  });
});

describe('compareEvents', () => {
  it('orders by time, then id, and compares offsets by instant', () => {
    const a = { id: 'b', at: '2026-03-01T00:00:00.000Z' } as PlanEvent;
    const b = { id: 'a', at: '2026-03-01T07:00:00+08:00' } as PlanEvent; // 23:00Z the day before
    expect(compareEvents(b, a)).toBeLessThan(0);
    expect(compareEvents({ ...a, id: 'a' }, a)).toBeLessThan(0);
  });
});

describe('deriveStatesAfterAppend', () => {
  const arbRaw = fc.record({
    type: fc.constantFrom('tick', 'progress', 'urge', 'notice', 'flag'),
    task: fc.constantFrom('t1', 't2', 'gone'),
    yes: fc.boolean(),
    percent: fc.integer({ min: 0, max: 100 }),
  });
  const toEvent = (r: { type: string; task: string; yes: boolean; percent: number }, i: number): PlanEvent => {
    const base = { id: `p${i}`, at: `2026-04-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, unit: '市发展和改革委员会', taskId: r.task, note: '' };
    switch (r.type) {
      case 'tick':
        return { ...base, type: 'tick', done: r.yes };
      case 'progress':
        return { ...base, type: 'progress', percent: r.percent };
      case 'notice':
        return { ...base, type: 'notice', kind: r.yes ? 'commend' : 'criticize' };
      case 'flag':
        return { ...base, type: 'flag', flagged: r.yes };
      default:
        return { ...base, type: 'urge' };
    }
  };

  it('gives the same states as deriving everything again, for any events appended in order', () => {
    // The incremental path is only an optimisation: it must never disagree with the full fold.
    fc.assert(
      fc.property(fc.array(arbRaw, { minLength: 1, maxLength: 12 }), fc.nat(), (raws, cut) => {
        const log = [...sampleEvents, ...raws.map(toEvent)].sort(compareEvents);
        const prev = log.slice(0, sampleEvents.length + (cut % raws.length));
        const next = deriveStatesAfterAppend(samplePlan, prev, deriveAllStates(samplePlan, prev), log);
        expect(next).not.toBeNull();
        expect(next).toEqual(deriveAllStates(samplePlan, log));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps the state object of a task no new event touches', () => {
    const prevStates = deriveAllStates(samplePlan, sampleEvents);
    const tick: PlanEvent = { id: 'late', at: '2027-01-01T00:00:00.000Z', unit: 'x', taskId: 't1', note: '', type: 'tick', done: false };
    const next = deriveStatesAfterAppend(samplePlan, sampleEvents, prevStates, [...sampleEvents, tick])!;
    expect(next.get('t2')).toBe(prevStates.get('t2'));
    expect(next.get('t1')).not.toBe(prevStates.get('t1'));
  });

  it('refuses a log that is not the old one plus new events at the end', () => {
    const prevStates = deriveAllStates(samplePlan, sampleEvents);
    expect(deriveStatesAfterAppend(samplePlan, sampleEvents, prevStates, sampleEvents.slice(1))).toBeNull();
  });
});

describe('deriveStatesAfterChange going on from the known states', () => {
  it('gives what a fold of the whole log gives, after every kind of event appended one by one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: sampleEvents.length - 1 }), { minLength: 1, maxLength: 30 }), (picks) => {
        // Every sample event again, later and under a new id: each kind of event, in any order.
        const base = Date.parse(sampleEvents[sampleEvents.length - 1]!.at);
        let log = [...sampleEvents];
        let states = deriveAllStates(samplePlan, log);
        picks.forEach((p, i) => {
          const e = { ...sampleEvents[p]!, id: `resume-${i}`, at: new Date(base + (i + 1) * 1000).toISOString() } as PlanEvent;
          log = [...log, e];
          states = deriveStatesAfterChange(samplePlan, states, [e], [])!;
          expect(states).toEqual(deriveAllStates(samplePlan, log));
        });
      }),
      { numRuns: 60 },
    );
  });
});
