/** Builders for store tests: a store over a fake storage with a clock the test moves. */
import { createLuoshiStore, luoshiStore, type CreateStoreOptions, type LuoshiStore } from '@/store/store';
import { samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { FakeStorage } from './fake-storage';
import type { PlanEvent, Task } from '@/domain/model';
import { mergeEvents } from '@/domain/merge';
import { decodeText } from '@/store/codec';
import { MAIN_KEY } from '@/store/keys';
import { chunkPrefix, decodeLog, journalPrefix, StorageKv } from '@/store/log';

// Importing the store module creates the app's own store, which loads the seed speech in the
// background; let that finish so it does not outlive a test file that uses fake timers.
await luoshiStore.seedReady;

export class Clock {
  t: number;
  constructor(iso = '2026-03-02T09:00:00.000Z') {
    this.t = Date.parse(iso);
  }
  now = () => new Date(this.t);
  tick(ms = 1000) {
    this.t += ms;
  }
  days(n: number) {
    this.t += n * 86_400_000;
  }
}

/** Ids that are valid UUIDs (so the packed layout is exercised) and predictable. */
export function idMaker(prefix = 0) {
  let n = 0;
  return () => {
    n++;
    const hex = (prefix * 1_000_000 + n).toString(16).padStart(12, '0');
    return `00000000-0000-4000-8000-${hex}`;
  };
}

export function makeStore(
  storage: FakeStorage | ReturnType<FakeStorage['tab']>,
  opts: Partial<CreateStoreOptions> & { clock?: Clock; idPrefix?: number } = {},
): LuoshiStore {
  const clock = opts.clock ?? new Clock();
  const view = storage instanceof FakeStorage ? { storage, subscribe: undefined } : storage;
  return createLuoshiStore({
    storage: view.storage,
    subscribe: view.subscribe,
    now: clock.now,
    newId: idMaker(opts.idPrefix ?? 0),
    seed: () => ({ plan: samplePlan, units: sampleUnits }),
    ...opts,
  });
}

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    title: `任务 ${id}`,
    quote: '',
    source: { start: 0, end: 0 },
    sectionId: null,
    owners: [{ name: '市大数据局', role: 'lead', inferred: false }],
    deadline: { label: '年底前', due: '2026-12-31', recurrence: null, kind: 'date', inferred: false },
    flagged: false,
    ...over,
  };
}

/**
 * Every event stored for the plan in the working-state key, read as the app reads it: the log
 * (one record per event, sealed chunks) plus any events an older layout still keeps in the main
 * key, minus the ids undone (`dropped`).
 */
export function storedEvents(st: FakeStorage, planId?: string): PlanEvent[] {
  const main = st.getItem(MAIN_KEY);
  const decoded = main ? decodeText(main, new Date()) : null;
  const id = planId ?? decoded?.plan?.id ?? samplePlan.id;
  const kv = new StorageKv(st);
  const log = decodeLog(id, [...kv.sync.list(chunkPrefix(id)), ...kv.sync.list(journalPrefix(id))]);
  const gone = new Set(decoded?.dropped ?? []);
  return mergeEvents(decoded?.events ?? [], log.events).events.filter((e) => !gone.has(e.id));
}
