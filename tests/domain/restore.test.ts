/**
 * restore: item by item, never throws, and what it cannot restore it sets aside with a reason
 * and the original value.
 */
import fc from 'fast-check';
import { parseJsonTolerant, restoreEvents, restorePlan, restoreState, restoreTask } from '@/domain/restore';
import { decodeText, serialize } from '@/store/codec';
import { emptyReport } from '@/domain/restore';
import { sampleData, samplePlan } from '../fixtures/storage/build-sample';

const now = new Date('2026-03-01T00:00:00Z');

describe('restore never throws', () => {
  it('on anything (fc.anything)', () => {
    fc.assert(fc.property(fc.anything(), (v) => void restoreState(v, { now })), { numRuns: 300 });
  });

  it('on any JSON value in any field', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (plan, units, events) => void restoreState({ plan, units, events, identity: plan }, { now })),
      { numRuns: 300 },
    );
  });

  it('on any string as stored text, and on any cut of a real stored text', () => {
    fc.assert(fc.property(fc.string(), (s) => void decodeText(s, now)), { numRuns: 300 });
    const text = serialize(sampleData);
    fc.assert(fc.property(fc.integer({ min: 0, max: text.length }), (n) => void decodeText(text.slice(0, n), now)), { numRuns: 200 });
  });

  it('on tasks with arbitrary fields', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('id', 'title', 'quote', 'owners', 'deadline', 'source', 'flagged', '__proto__'), fc.anything()), (t) => void restoreTask(t, '2026-12-31', emptyReport(), 't')));
  });
});

describe('restorePlan', () => {
  it('fills defaults for a legacy task (owners as names, no deadline) and keeps it', () => {
    const report = emptyReport();
    const plan = restorePlan({ ...samplePlan, tasks: [{ id: 'x', title: '旧任务', owners: ['市财政局'] }] }, { now }, report);
    expect(plan!.tasks).toHaveLength(1);
    expect(plan!.tasks[0]!.owners).toEqual([{ name: '市财政局', role: 'lead', inferred: false }]);
    expect(plan!.tasks[0]!.deadline.kind).toBe('ongoing');
    expect(report.setAside).toEqual([]);
  });

  it('clears an impossible date and says so', () => {
    const report = emptyReport();
    const bad = { ...samplePlan.tasks[0]!, deadline: { ...samplePlan.tasks[0]!.deadline, due: '2026-02-30' } };
    const plan = restorePlan({ ...samplePlan, tasks: [bad] }, { now }, report);
    expect(plan!.tasks[0]!.deadline.due).toBe('2026-12-31');
    expect(report.repaired.join()).toContain('2026-02-30');
  });

  it('sets aside a duplicated task id, keeping the first', () => {
    const report = emptyReport();
    const t = samplePlan.tasks[0]!;
    const plan = restorePlan({ ...samplePlan, tasks: [t, { ...t, title: '重复' }] }, { now }, report);
    expect(plan!.tasks).toHaveLength(1);
    expect(report.setAside[0]!.reason).toContain('重复');
  });

  it('keeps HTML and script in strings as plain text', () => {
    const plan = restorePlan({ ...samplePlan, title: '<script>alert(1)</script>' }, { now });
    expect(plan!.title).toBe('<script>alert(1)</script>');
  });
});

describe('restoreEvents', () => {
  it('sets aside only the bad event among good ones', () => {
    const report = emptyReport();
    const events = restoreEvents([...sampleData.events.slice(0, 3), { id: 'bad', type: 'tick' }, ...sampleData.events.slice(3)], report);
    expect(events).toHaveLength(sampleData.events.length);
    expect(report.setAside).toHaveLength(1);
    expect(report.setAside[0]!.value).toEqual({ id: 'bad', type: 'tick' });
  });

  it('refuses an event with an impossible date', () => {
    const report = emptyReport();
    const e = { ...sampleData.events[2]!, requestedDue: '2026-13-01' };
    expect(restoreEvents([e], report)).toEqual([]);
    expect(report.setAside).toHaveLength(1);
  });
});

describe('parseJsonTolerant', () => {
  it('salvages the complete items of a cut-off array', () => {
    const { value, complete } = parseJsonTolerant('{"a":[1,2,{"b":3},{"c":');
    expect(complete).toBe(false);
    expect(value).toEqual({ a: [1, 2, { b: 3 }, {}] });
  });

  it('keeps "__proto__" as a plain key', () => {
    const { value } = parseJsonTolerant('{"__proto__":{"x":1},"y":[');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toContain('__proto__');
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(() => parseJsonTolerant('['.repeat(100_000))).not.toThrow();
  });
});
