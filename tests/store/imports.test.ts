/**
 * The store's import action (issue 16 point 4): a plan that loses tasks is applied only once
 * confirmed, after an automatic backup, and not at all when the backup cannot be stored.
 */
import { checksumOf } from '@/domain/files';
import { OFFICE_NAME } from '@/domain/model';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore } from './helpers';

async function emptiedPackage(updatedAt = '2026-03-02T08:00:00.000Z') {
  const head = {
    kind: 'luoshi/plan-package' as const,
    schemaVersion: 1,
    planId: samplePlan.id,
    createdAt: '2026-03-02T08:00:00.000Z',
    sender: OFFICE_NAME,
    payload: { plan: { ...samplePlan, tasks: [], updatedAt }, units: sampleUnits, events: [] },
  };
  return JSON.stringify({ ...head, checksum: await checksumOf(head) });
}

describe('applyImport: a package that empties the plan', () => {
  it('without the confirmation: nothing changes, and the user is told why', async () => {
    const st = new FakeStorage();
    const s = makeStore(st, { clock: new Clock('2026-03-02T09:00:00.000Z') });
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    const p = await s.getState().previewImport(await emptiedPackage());
    expect(p.removedTasks).toHaveLength(3);
    expect(s.getState().applyImport(p)).toBe(false);
    expect(s.getState().plan.tasks).toHaveLength(3);
    expect(s.getState().listBackups()).toHaveLength(0);
    expect(s.getState().toasts.at(-1)?.message).toBe('导入后将移除 3 项任务，须先确认，数据未改动。');
  });

  it('confirmed: a backup of the three tasks first, then the plan; undo puts them back', async () => {
    const clock = new Clock('2026-03-02T09:00:00.000Z');
    const s = makeStore(new FakeStorage(), { clock });
    s.getState().record({ type: 'urge', taskId: 't1' });
    const p = await s.getState().previewImport(await emptiedPackage());
    expect(s.getState().applyImport(p, { confirmed: true })).toBe(true);
    expect(s.getState().plan.tasks).toHaveLength(0);
    const [backup] = s.getState().listBackups();
    expect(backup).toMatchObject({ tasks: 3, events: 1, reason: '导入计划包前的自动备份（将移除 3 项任务）' });
    clock.tick();
    s.getState().undo();
    expect(s.getState().plan.tasks).toHaveLength(3);
    expect(s.getState().events).toHaveLength(1);
  });

  it('when the backup does not fit: nothing is applied, even confirmed', async () => {
    const st = new FakeStorage();
    const s = makeStore(st, { clock: new Clock('2026-03-02T09:00:00.000Z') });
    s.getState().record({ type: 'urge', taskId: 't1' });
    const p = await s.getState().previewImport(await emptiedPackage());
    // Room for the live data only: a second full copy cannot be stored. (Since storage v3 a
    // backup is the working state, the size of today's snapshot, which would give way to it:
    // there is no snapshot to give up here.)
    for (const k of [...st.map.keys()]) if (k.startsWith('luoshi:snap:')) st.removeItem(k);
    st.quota = st.used() + 200;
    expect(s.getState().applyImport(p, { confirmed: true })).toBe(false);
    expect(s.getState().plan.tasks).toHaveLength(3);
    expect(s.getState().toasts.at(-1)?.message).toMatch(/^未导入：导入前的自动备份没有保存成功/);
  });
});

describe('plan edits after a garbage updatedAt', () => {
  it.each(['+275760-09-13T00:00:00.000Z', 'zzz', '9999-12-31T23:59:59.999Z'])('an edit of a plan stamped %s is kept, never a RangeError', (updatedAt) => {
    const clock = new Clock('2026-03-02T09:00:00.000Z');
    const s = makeStore(new FakeStorage(), { clock, seed: () => ({ plan: { ...samplePlan, updatedAt }, units: sampleUnits }) });
    expect(() => s.getState().updateTask('t1', { title: '改过的标题' })).not.toThrow();
    expect(s.getState().plan.tasks[0]!.title).toBe('改过的标题');
    expect(Number.isFinite(Date.parse(s.getState().plan.updatedAt))).toBe(true);
  });
});
