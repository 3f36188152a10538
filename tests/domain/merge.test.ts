/**
 * mergeEvents is a join: idempotent, commutative, associative, so the order in which offices'
 * files arrive, and how often one arrives, never changes the result.
 */
import fc from 'fast-check';
import { canonicalJson, mergeData, mergeEvents, newerPlan, type PersistedData } from '@/domain/merge';
import type { PlanEvent } from '@/domain/model';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { eventsArb } from './event-arbitraries';

const m = (a: PlanEvent[], b: PlanEvent[]) => mergeEvents(a, b).events;
const same = (a: PlanEvent[], b: PlanEvent[]): void => {
  expect(canonicalJson(a)).toBe(canonicalJson(b));
};

describe('mergeEvents', () => {
  it('is idempotent: merge(a, a) = merge(a)', () => {
    fc.assert(fc.property(eventsArb(), (a) => same(m(m(a, []), a), m(a, []))));
  });

  it('is commutative: merge(a, b) = merge(b, a)', () => {
    fc.assert(fc.property(eventsArb(), eventsArb(), (a, b) => same(m(a, b), m(b, a))));
  });

  it('is associative: merge(merge(a, b), c) = merge(a, merge(b, c))', () => {
    fc.assert(fc.property(eventsArb(), eventsArb(), eventsArb(), (a, b, c) => same(m(m(a, b), c), m(a, m(b, c)))));
  });

  it('keeps every id once and orders by (at, id)', () => {
    fc.assert(
      fc.property(eventsArb(), eventsArb(), (a, b) => {
        const out = m(a, b);
        expect(new Set(out.map((e) => e.id)).size).toBe(out.length);
        expect(new Set(out.map((e) => e.id))).toEqual(new Set([...a, ...b].map((e) => e.id)));
        for (let i = 1; i < out.length; i++) expect(out[i - 1]!.at <= out[i]!.at).toBe(true);
      }),
    );
  });

  it('reports same id with different content as a conflict and keeps the canonical-first one', () => {
    const x: PlanEvent = { id: 'e1', at: '2026-03-01T00:00:00.000Z', unit: '市大数据局', taskId: 't1', note: '', type: 'tick', done: true };
    const y: PlanEvent = { ...x, done: false };
    const r = mergeEvents([x], [y]);
    expect(r.conflicts).toHaveLength(1);
    expect(r.events).toEqual([canonicalJson(x) < canonicalJson(y) ? x : y]);
    expect(mergeEvents([y], [x]).events).toEqual(r.events);
  });

  it('keeps the signed copy of a record over the unsigned one, without calling it a conflict or a new event', () => {
    const x: PlanEvent = { id: 'e1', at: '2026-03-01T00:00:00.000Z', unit: '市大数据局', taskId: 't1', note: '', type: 'urge' };
    const signed: PlanEvent = { ...x, sig: { key: '0123456789abcdef', value: 'A'.repeat(86) } };
    for (const [a, b] of [[[x], [signed]], [[signed], [x]]] as const) {
      const r = mergeEvents(a, b);
      expect(r.events).toEqual([signed]);
      expect(r.conflicts).toEqual([]);
      expect(r.added).toEqual([]);
    }
    // A signed record whose content differs is still a conflict.
    expect(mergeEvents([x], [{ ...signed, note: '改过' }]).conflicts).toHaveLength(1);
  });

  it('does not count a copy with fields in another order as a conflict', () => {
    const x: PlanEvent = { id: 'e1', at: '2026-03-01T00:00:00.000Z', unit: '市大数据局', taskId: 't1', note: '', type: 'urge' };
    const y = JSON.parse(JSON.stringify({ type: 'urge', note: '', taskId: 't1', unit: '市大数据局', at: x.at, id: 'e1' })) as PlanEvent;
    expect(mergeEvents([x], [y]).conflicts).toHaveLength(0);
  });
});

describe('mergeData (two copies of the local data)', () => {
  const data = (over: Partial<PersistedData>): PersistedData => ({
    plan: samplePlan,
    units: sampleUnits,
    leaders: [],
    events: [],
    issued: [],
    identity: { kind: 'office' },
    planSetAt: '2026-01-01T00:00:00.000Z',
    dropped: [],
    ...over,
  });

  it('same plan: the later updatedAt wins the plan, events are the union', () => {
    const e1: PlanEvent = { id: 'a', at: '2026-03-01T00:00:00.000Z', unit: 'x', taskId: 't1', note: '', type: 'urge' };
    const e2: PlanEvent = { ...e1, id: 'b' };
    const newer = { ...samplePlan, title: '新', updatedAt: '2026-05-01T00:00:00.000Z' };
    const r = mergeData(data({ events: [e1] }), data({ plan: newer, events: [e2] }));
    expect(r.data.plan.title).toBe('新');
    expect(r.data.events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(r.displaced).toBeNull();
  });

  it('undone (dropped) ids stay out whichever side still has them', () => {
    const e1: PlanEvent = { id: 'a', at: '2026-03-01T00:00:00.000Z', unit: 'x', taskId: 't1', note: '', type: 'urge' };
    const r = mergeData(data({ dropped: ['a'] }), data({ events: [e1] }));
    expect(r.data.events).toEqual([]);
    expect(r.data.dropped).toEqual(['a']);
  });

  it('different plans: the one taken up later wins and the other is displaced, not dropped', () => {
    const other = { ...samplePlan, id: 'other', updatedAt: '2020-01-01T00:00:00.000Z' };
    const r = mergeData(data({}), data({ plan: other, planSetAt: '2026-06-01T00:00:00.000Z' }));
    expect(r.data.plan.id).toBe('other');
    expect(r.displaced!.plan.id).toBe(samplePlan.id);
  });

  it('newerPlan breaks a tie of updatedAt the same way from both sides', () => {
    const a = { ...samplePlan, title: 'A' };
    const b = { ...samplePlan, title: 'B' };
    expect(newerPlan(a, b)).toBe(newerPlan(b, a));
  });
});
