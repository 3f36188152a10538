/**
 * The app's store writes the working state when the browser is idle, not inside the click (a
 * city's plan is several hundred thousand characters), while a tick, a note or an urge is its own
 * small record in the log, written at once: a browser killed a moment later keeps it. Nothing may
 * be lost by waiting: not on leaving the page, not when another tab wrote in between.
 */
import { LOG_PREFIX, MAIN_KEY } from '@/store/keys';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore, storedEvents } from './helpers';

const ticked = (events: { type: string; taskId: string }[]) =>
  events
    .filter((e) => e.type === 'tick')
    .map((e) => e.taskId)
    .sort();
const storedTicks = (st: FakeStorage) => ticked(storedEvents(st));
const title = (st: FakeStorage) => (JSON.parse(st.getItem(MAIN_KEY) ?? '{"state":{"plan":{"tasks":[]}}}') as { state: { plan: { tasks: { id: string; title: string }[] } } }).state.plan.tasks.find((t) => t.id === 't1')?.title;

describe('deferred writes', () => {
  afterEach(() => vi.useRealTimers());

  it('writes a tick at once, as its own small record, and the working state only when idle', () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    const writes = vi.spyOn(st, 'setItem');
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(ticked(store.getState().events)).toEqual(['t1']);
    // Behaviour changed on purpose (issue 16): the tick no longer waits for idle.
    expect(storedTicks(st)).toEqual(['t1']);
    const logWrites = writes.mock.calls.filter(([k]) => k.startsWith(LOG_PREFIX));
    expect(logWrites).toHaveLength(1);
    expect(logWrites[0]![1].length).toBeLessThan(200);
    expect(writes.mock.calls.filter(([k]) => k === MAIN_KEY)).toHaveLength(0);
    store.getState().updateTask('t1', { title: '改过的标题' });
    expect(title(st)).not.toBe('改过的标题');
    vi.advanceTimersByTime(400);
    expect(title(st)).toBe('改过的标题');
  });

  it('writes only the newest working state of several quick changes', () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    const writes = vi.spyOn(st, 'setItem');
    store.getState().updateTask('t1', { title: '第一次' });
    store.getState().updateTask('t1', { title: '第二次' });
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    store.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    vi.advanceTimersByTime(400);
    expect(writes.mock.calls.filter(([k]) => k === MAIN_KEY)).toHaveLength(1);
    expect(title(st)).toBe('第二次');
    expect(storedTicks(st)).toEqual(['t1', 't2']);
  });

  it('writes what is pending when the store is closed (the page is hidden or left)', () => {
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    store.getState().updateTask('t1', { title: '离开前的修改' });
    store.destroy();
    expect(storedTicks(st)).toEqual(['t1']);
    expect(title(st)).toBe('离开前的修改');
  });

  it("merges a pending edit and a tick with another tab's write instead of overwriting it", () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1, deferSaves: true });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    a.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    a.getState().updateTask('t1', { title: '甲页的标题' }); // pending in tab a
    clock.tick();
    b.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    b.getState().updateTask('t2', { title: '乙页的标题' }); // written at once; a hears of it
    vi.advanceTimersByTime(400);
    expect(storedTicks(st)).toEqual(['t1', 't2']);
    expect(ticked(a.getState().events)).toEqual(['t1', 't2']);
    const stored = JSON.parse(st.getItem(MAIN_KEY)!) as { state: { plan: { tasks: { id: string; title: string }[] } } };
    expect(stored.state.plan.tasks.find((t) => t.id === 't1')!.title).toBe('甲页的标题');
    expect(stored.state.plan.tasks.find((t) => t.id === 't2')!.title).toBe('乙页的标题');
  });
});
