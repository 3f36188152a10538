/**
 * One tick through the real store at city scale, in Node: the store is created over a fake
 * in-memory localStorage that already holds the city in the app's layout (working state, and the
 * log's chunks under its localStorage prefix, as where there is no IndexedDB), so it hydrates
 * exactly as in a browser; then store.record({ type: 'tick' }) is timed until the tick's own
 * record is written. The fake storage counts the time spent inside getItem/setItem, so the figure
 * splits into the store's own work (validation, append, undo entry) and the write.
 */
import { performance } from 'node:perf_hooks';
import type { CityData } from './fixtures';
import { median, type BenchRow } from './lib';
import type { StorageBackend } from '../src/store/persistence';
import { LOG_PREFIX, MAIN_KEY } from '../src/store/keys';
import { persistedEntries } from './browser/app-state';
import { enableRawImports } from './raw-import';

interface TimedStorage extends StorageBackend {
  /** Milliseconds spent inside getItem/setItem since the last reset. */
  ioMs: number;
  /** Resolves on the next setItem of a key starting with `prefix`. */
  nextWrite(prefix: string): Promise<number>;
  /** Characters written since the last reset. */
  written: number;
  resetIo(): void;
}

/** A Map-backed localStorage that copies strings the way the browser's IPC does not matter here. */
function timedStorage(initial: Record<string, string>): TimedStorage {
  const m = new Map(Object.entries(initial));
  const waiters: { key: string; resolve: (t: number) => void }[] = [];
  const s: TimedStorage = {
    ioMs: 0,
    written: 0,
    getItem(k) {
      const t0 = performance.now();
      const v = m.get(k) ?? null;
      s.ioMs += performance.now() - t0;
      return v;
    },
    setItem(k, v) {
      const t0 = performance.now();
      m.set(k, String(v));
      const t1 = performance.now();
      s.ioMs += t1 - t0;
      s.written += k.length + String(v).length;
      for (let i = waiters.length - 1; i >= 0; i--) {
        if (k.startsWith(waiters[i]!.key)) {
          waiters[i]!.resolve(t1);
          waiters.splice(i, 1);
        }
      }
    },
    removeItem: (k) => void m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
    nextWrite: (key) => new Promise((resolve) => waiters.push({ key, resolve })),
    resetIo() {
      s.ioMs = 0;
      s.written = 0;
    },
  };
  return s;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | null> =>
  Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

export async function storeTickRows(city: CityData, budgetMs: number): Promise<BenchRow[]> {
  // The store imports the seed speech with Vite's ?raw: teach Node that first, then load it.
  enableRawImports();
  const { createLuoshiStore } = await import('../src/store/store');
  const entries = persistedEntries(city);
  const storage = timedStorage({ ...entries.local, ...Object.fromEntries(entries.log.map(([k, v]) => [LOG_PREFIX + k, v])) });
  // The clock runs from the fixture's day; each call moves a millisecond on so ids and times differ.
  let clock = Date.parse(`${city.today}T02:00:00.000Z`);
  let n = 0;
  const t0 = performance.now();
  const store = createLuoshiStore({
    storage,
    subscribe: () => () => {},
    now: () => new Date(clock++),
    newId: () => `bench-${++n}-0000-4000-8000-000000000000`,
    // Plenty of room: this measures the write path, not the quota handling.
    quotaBytes: 64 * 1024 * 1024,
  });
  const hydrateMs = performance.now() - t0;
  const loaded = store.getState();
  if (loaded.plan.tasks.length !== city.plan.tasks.length || loaded.events.length !== city.events.length) {
    throw new Error(`store did not hydrate the city: ${loaded.plan.tasks.length} tasks, ${loaded.events.length} events`);
  }

  const tasks = city.plan.tasks;
  const total: number[] = [];
  const action: number[] = [];
  const io: number[] = [];
  const chars: number[] = [];
  let unpersisted = 0;
  const warmup = 3;
  const runs = 20;
  for (let i = 0; i < warmup + runs; i++) {
    const task = tasks[(i * 37) % tasks.length]!;
    const done = !store.getState().events.some((e) => e.taskId === task.id && e.type === 'tick' && e.done);
    const written = storage.nextWrite(LOG_PREFIX);
    storage.resetIo();
    const start = performance.now();
    store.getState().record({ type: 'tick', taskId: task.id, done, note: done ? '已完成，佐证见附件' : '' });
    const afterAction = performance.now();
    const at = await withTimeout(written, 2000);
    if (i < warmup) continue;
    action.push(afterAction - start);
    io.push(storage.ioMs);
    chars.push(storage.written);
    if (at === null) unpersisted++;
    else total.push(at - start);
  }
  store.destroy();
  const tm = total.length ? median(total) : NaN;
  const mainChars = storage.getItem(MAIN_KEY)?.length ?? 0;
  const size = `${city.events.length.toLocaleString('en')} events`;
  return [
    {
      group: 'app',
      name: `store: hydrate city from storage, ${size}`,
      median: hydrateMs,
      unit: 'ms',
      runs: 1,
      extra: { workingStateChars: mainChars },
    },
    {
      group: 'app',
      name: `store: tick action, record() returns, ${size}`,
      median: median(action),
      unit: 'ms',
      runs: action.length,
      extra: { storageIoMs: Number(median(io).toFixed(2)) },
    },
    {
      group: 'app',
      name: `store: tick → persisted (its record), ${size}`,
      median: tm,
      unit: 'ms',
      runs: total.length,
      extra: { charsWritten: median(chars), notPersistedIn2s: unpersisted, budgetMs, budget: tm <= budgetMs && unpersisted === 0 ? 'ok' : 'FAIL' },
    },
  ];
}
