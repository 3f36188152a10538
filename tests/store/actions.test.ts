/** Store actions: record, undo, structural edits, and importing files through the store. */
import { deriveAllStates } from '@/domain/events';
import { OFFICE_NAME } from '@/domain/model';
import { samplePlan } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore } from './helpers';

const done = (s: ReturnType<typeof makeStore>, id: string) => deriveAllStates(s.getState().plan, s.getState().events).get(id)!.done;

describe('record', () => {
  it('fills id, time and the writing unit from the identity', () => {
    const clock = new Clock('2026-04-01T01:02:03.000Z');
    const s = makeStore(new FakeStorage(), { clock });
    const a = s.getState().record({ type: 'urge', taskId: 't1' });
    expect(a).toMatchObject({ unit: OFFICE_NAME, at: '2026-04-01T01:02:03.000Z', note: '' });
    s.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    expect(s.getState().record({ type: 'progress', taskId: 't2', percent: 5 }).unit).toBe('市大数据局');
  });

  it('refuses an invalid event with a Chinese message and records nothing', () => {
    const s = makeStore(new FakeStorage());
    expect(() => s.getState().record({ type: 'progress', taskId: 't1', percent: 180 })).toThrow(/记录无效/);
    expect(s.getState().events).toHaveLength(0);
  });
});

describe('undo', () => {
  it('a tick is undone by recording the opposite tick (the log only grows)', () => {
    const clock = new Clock();
    const s = makeStore(new FakeStorage(), { clock });
    s.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(done(s, 't1')).toBe(true);
    expect(s.getState().canUndo).toBe(true);
    expect(s.getState().toasts.some((t) => t.undoable)).toBe(true);
    clock.tick();
    s.getState().undo();
    expect(done(s, 't1')).toBe(false);
    expect(s.getState().events).toHaveLength(2);
    expect(s.getState().canUndo).toBe(false);
  });

  it('delete, split and merge of tasks are undone by restoring the previous plan', () => {
    const clock = new Clock();
    const s = makeStore(new FakeStorage(), { clock });
    s.getState().deleteTask('t3');
    expect(s.getState().plan.tasks).toHaveLength(2);
    clock.tick();
    s.getState().undo();
    expect(s.getState().plan.tasks.map((t) => t.id)).toEqual(['t1', 't2', 't3']);

    const parts = s.getState().splitTask('t1', 4);
    expect(parts).not.toBeNull();
    const [first, second] = parts!;
    const tasks = s.getState().plan.tasks;
    expect(tasks.find((t) => t.id === first)!.quote + tasks.find((t) => t.id === second)!.quote).toBe(samplePlan.tasks[0]!.quote);
    clock.tick();
    s.getState().undo();
    expect(s.getState().plan.tasks).toHaveLength(3);
  });

  it('merging tasks moves their events to the first without rewriting any event', () => {
    const s = makeStore(new FakeStorage());
    const e = s.getState().record({ type: 'urge', taskId: 't2' });
    expect(s.getState().mergeTasks(['t1', 't2'])).toBe('t1');
    expect(s.getState().plan.tasks.map((t) => t.id)).toEqual(['t1', 't3']);
    const st = deriveAllStates(s.getState().plan, s.getState().events).get('t1')!;
    expect(st.urges).toBe(1);
    expect(s.getState().events).toEqual([e]);
    // A later tick written against the old id still lands on the merged task.
    s.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    expect(done(s, 't1')).toBe(true);
  });
});

describe('files through the store', () => {
  it('a department’s report reaches the office; the same file twice changes nothing; undo takes it back', async () => {
    const dept = makeStore(new FakeStorage(), { idPrefix: 5 });
    dept.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    dept.getState().record({ type: 'tick', taskId: 't2', done: true, note: '平台已上线' });
    const file = await dept.getState().exportProgressReport();
    expect(file.fileName).toMatch(/进展报送.*\.json$/);

    const office = makeStore(new FakeStorage(), { idPrefix: 6 });
    const p = await office.getState().previewImport(file.text);
    expect(p.newItems).toHaveLength(1);
    expect(office.getState().events).toHaveLength(0); // a preview changes nothing
    expect(office.getState().applyImport(p)).toBe(true);
    expect(done(office, 't2')).toBe(true);
    const again = await office.getState().previewImport(file.text);
    expect(again.newItems).toHaveLength(0);
    expect(office.getState().applyImport(again)).toBe(false);
    office.getState().undo();
    expect(done(office, 't2')).toBe(false);
  });

  it('a bad file leaves the data untouched', async () => {
    const s = makeStore(new FakeStorage());
    const before = s.getState().plan;
    const p = await s.getState().previewImport('{"kind":');
    expect(p.ok).toBe(false);
    expect(s.getState().applyImport(p)).toBe(false);
    expect(s.getState().plan).toBe(before);
  });

  it('a full backup restores everything on another computer', async () => {
    const a = makeStore(new FakeStorage(), { idPrefix: 1 });
    a.getState().record({ type: 'flag', taskId: 't2', flagged: true });
    a.getState().updateTask('t1', { title: '改名' });
    const backup = await a.getState().exportBackup();
    const b = makeStore(new FakeStorage(), { idPrefix: 2, seed: () => ({ plan: { ...samplePlan, id: 'x', tasks: [] }, units: [] }) });
    const preview = await b.getState().previewImport(backup.text);
    // A restore replaces everything here: the store applies it only once the user confirmed.
    expect(b.getState().applyImport(preview)).toBe(false);
    expect(b.getState().plan.id).toBe('x');
    expect(b.getState().applyImport(preview, { confirmed: true })).toBe(true);
    expect(b.getState().plan.tasks.find((t) => t.id === 't1')!.title).toBe('改名');
    expect(b.getState().events).toEqual(a.getState().events);
    expect(b.getState().listBackups()).toHaveLength(1);
  });

  it('exports the CSV of the three lists', async () => {
    const s = makeStore(new FakeStorage());
    const csv = await s.getState().exportCsv();
    expect(csv.mime).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF任务,牵头单位')).toBe(true);
  });
});
