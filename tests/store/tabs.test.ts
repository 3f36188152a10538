/**
 * Two tabs of one browser: two store instances over one storage. A change in one shows in the
 * other, and two tabs ticking different tasks both keep their ticks, whether the storage event
 * arrives at once or not at all before the stale tab writes.
 */
import { buildQuarterlyReport } from '@/domain/report';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { samplePlan } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents, task } from './helpers';
const ticked = (events: { type: string; taskId: string }[]) =>
  events
    .filter((e) => e.type === 'tick')
    .map((e) => e.taskId)
    .sort();

describe('two tabs', () => {
  it('a tick in one tab shows in the other (storage event)', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    a.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(ticked(b.getState().events)).toEqual(['t1']);
  });

  it('two tabs ticking different tasks both keep their ticks, even when neither heard the other', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    st.hold = true; // b has not heard of a's write when it writes its own
    a.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    clock.tick();
    b.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    // Each tick is its own record: nothing was read, changed and written back, nothing is lost.
    expect(ticked(storedEvents(st))).toEqual(['t1', 't2']);
    st.hold = false;
    st.flush();
    expect(ticked(a.getState().events)).toEqual(['t1', 't2']);
    expect(ticked(b.getState().events)).toEqual(['t1', 't2']);
    // Reloading both tabs finds both.
    for (const s of [makeStore(st.tab(), { clock }), makeStore(st.tab(), { clock })]) expect(ticked(s.getState().events)).toEqual(['t1', 't2']);
  });

  it('a plan edit in one tab and a tick in the other are both kept', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    st.hold = true;
    clock.tick();
    a.getState().updateTask('t2', { title: '改过的标题' });
    clock.tick();
    b.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    st.hold = false;
    st.flush();
    for (const s of [a, b]) {
      expect(s.getState().plan.tasks.find((t) => t.id === 't2')!.title).toBe('改过的标题');
      expect(ticked(s.getState().events)).toEqual(['t1']);
    }
  });

  it('a tab that replaced the plan wins, and the other tab’s plan and events are kept as a backup', () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    st.hold = true;
    b.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    clock.tick();
    a.getState().replacePlan({ ...samplePlan, id: 'new-plan', tasks: [task('n1')] });
    st.hold = false;
    st.flush();
    expect(b.getState().plan.id).toBe('new-plan');
    const backups = b.getState().listBackups();
    expect(backups.some((x) => x.events === 1 && x.tasks === samplePlan.tasks.length)).toBe(true);
  });

  it('undo of an import in one tab is not undone by the other tab’s copy of the log', async () => {
    const st = new FakeStorage();
    const clock = new Clock();
    const unit = makeStore(new FakeStorage(), { clock, idPrefix: 9 });
    unit.getState().setIdentity({ kind: 'unit', name: '市大数据局' });
    unit.getState().record({ type: 'progress', taskId: 't2', percent: 30 });
    const report = await unit.getState().exportProgressReport();

    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    const preview = await a.getState().previewImport(report.text);
    expect(a.getState().applyImport(preview)).toBe(true);
    expect(b.getState().events.filter((e) => e.type === 'progress')).toHaveLength(1);
    a.getState().undo();
    expect(a.getState().events.filter((e) => e.type === 'progress')).toHaveLength(0);
    // b still held the imported event; its next write must not bring it back.
    b.getState().record({ type: 'urge', taskId: 't1' });
    expect(storedEvents(st).filter((e) => e.type === 'progress')).toHaveLength(0);
    expect(b.getState().events.filter((e) => e.type === 'progress')).toHaveLength(0);
  });

  it('an issued 通报 and a new leader made in one tab are not lost when the other tab, not having heard, writes; both survive a reload', () => {
    const st = new FakeStorage();
    const clock = new Clock('2026-04-02T01:00:00.000Z');
    const a = makeStore(st.tab(), { clock, idPrefix: 1 });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    st.hold = true; // b writes before it hears of a's writes
    const draft = buildBulletinContent(buildQuarterlyReport(a.getState().plan, a.getState().events, 1, '2026-04-02'));
    const issued = a.getState().issueBulletin(draft);
    clock.tick();
    a.getState().upsertLeader({ id: 'leader-li', name: '李副市长', role: 'vice-mayor', aliases: [], units: ['市大数据局'], tasks: [] });
    clock.tick();
    b.getState().updateTask('t2', { title: '乙页改的标题' });
    clock.tick();
    b.getState().issueBulletin(buildBulletinContent(buildQuarterlyReport(b.getState().plan, b.getState().events, 1, '2026-04-02')));
    st.hold = false;
    st.flush();
    for (const s of [a, b, makeStore(st.tab(), { clock }), makeStore(st.tab(), { clock })]) {
      expect(s.getState().issued.map((x) => x.id)).toContain(issued.id);
      expect(s.getState().issued).toHaveLength(2);
      expect(s.getState().leaders.find((l) => l.id === 'leader-li')).toMatchObject({ units: ['市大数据局'] });
      expect(s.getState().plan.tasks.find((t) => t.id === 't2')!.title).toBe('乙页改的标题');
    }
  });
});
