/**
 * The app's store writes when the browser is idle, not inside the click (a city's log takes tens
 * of milliseconds to serialise). Nothing may be lost by waiting: not on leaving the page, not when
 * another tab wrote in between.
 */
import { decodeText } from '@/store/codec';
import { MAIN_KEY } from '@/store/keys';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore } from './helpers';

const ticked = (events: { type: string; taskId: string }[]) =>
  events
    .filter((e) => e.type === 'tick')
    .map((e) => e.taskId)
    .sort();
const storedTicks = (st: FakeStorage) => ticked(decodeText(st.getItem(MAIN_KEY) ?? '{}', new Date()).events);

describe('deferred writes', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a tick in memory at once and writes it when the browser is idle', () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    expect(ticked(store.getState().events)).toEqual(['t1']);
    expect(storedTicks(st)).toEqual([]);
    vi.advanceTimersByTime(400);
    expect(storedTicks(st)).toEqual(['t1']);
  });

  it('writes only the newest state of several quick changes', () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    const writes = vi.spyOn(st, 'setItem');
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    store.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    vi.advanceTimersByTime(400);
    expect(writes.mock.calls.filter(([k]) => k === MAIN_KEY)).toHaveLength(1);
    expect(storedTicks(st)).toEqual(['t1', 't2']);
  });

  it('writes what is pending when the store is closed (the page is hidden or left)', () => {
    const st = new FakeStorage();
    const store = makeStore(st, { deferSaves: true });
    store.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' });
    store.destroy();
    expect(storedTicks(st)).toEqual(['t1']);
  });

  it("merges a pending tick with another tab's write instead of overwriting it", () => {
    vi.useFakeTimers();
    const st = new FakeStorage();
    const clock = new Clock();
    const a = makeStore(st.tab(), { clock, idPrefix: 1, deferSaves: true });
    const b = makeStore(st.tab(), { clock, idPrefix: 2 });
    a.getState().record({ type: 'tick', taskId: 't1', done: true, note: '已完成' }); // pending in tab a
    clock.tick();
    b.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' }); // written at once; a hears of it
    vi.advanceTimersByTime(400);
    expect(storedTicks(st)).toEqual(['t1', 't2']);
    expect(ticked(a.getState().events)).toEqual(['t1', 't2']);
  });
});
