/** The store's door for the server's data: records merged by id, undone ids kept out, another plan replaces the log, withdraw remembers. */
import { describe, expect, it } from 'vitest';
import { FakeStorage } from './fake-storage';
import { makeStore, task } from './helpers';
import { samplePlan } from '../fixtures/storage/build-sample';
import type { PlanEvent } from '@/domain/model';

const e = (id: string, at: string, unit = '市大数据局'): PlanEvent => ({ id, type: 'progress', at, unit, taskId: samplePlan.tasks[0]!.id, note: '', percent: 10 });

describe('applyRemote', () => {
  it('merges records by id: the same record twice is one, the order is (at, id)', () => {
    const s = makeStore(new FakeStorage());
    s.getState().applyRemote({ events: [e('b', '2026-03-02T02:00:00.000Z'), e('a', '2026-03-02T01:00:00.000Z')] });
    s.getState().applyRemote({ events: [e('a', '2026-03-02T01:00:00.000Z'), e('c', '2026-03-01T00:00:00.000Z')] });
    expect(s.getState().events.map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('keeps records this browser took back out, even when the server has them', () => {
    const s = makeStore(new FakeStorage());
    s.getState().applyRemote({ events: [e('a', '2026-03-02T01:00:00.000Z')] });
    s.getState().withdraw(['a']);
    expect(s.getState().dropped).toContain('a');
    s.getState().applyRemote({ events: [e('a', '2026-03-02T01:00:00.000Z'), e('b', '2026-03-02T02:00:00.000Z')] });
    expect(s.getState().events.map((x) => x.id)).toEqual(['b']);
  });

  it('another plan from the server starts its own log; the same plan keeps the records', () => {
    const s = makeStore(new FakeStorage());
    s.getState().applyRemote({ events: [e('a', '2026-03-02T01:00:00.000Z')] });
    s.getState().applyRemote({ plan: { ...samplePlan, title: '改过的标题' } });
    expect(s.getState().events).toHaveLength(1);
    s.getState().applyRemote({ plan: { ...samplePlan, id: 'other', tasks: [task('x')] } });
    expect(s.getState().plan.id).toBe('other');
    expect(s.getState().events).toEqual([]);
  });

  it('keepCopy stores an automatic backup listed on 数据与备份', () => {
    const s = makeStore(new FakeStorage());
    const st = s.getState();
    st.keepCopy({ plan: st.plan, units: st.units, events: [] }, '同步前的自动备份（测试）');
    expect(s.getState().listBackups().map((b) => b.reason)).toContain('同步前的自动备份（测试）');
  });
});
