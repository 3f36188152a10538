/**
 * The one Luoshi store: slices (plan, progress with supervision, ui, data) combined here and
 * wrapped once in zustand's `persist`. `persist` gets:
 * - `version` + a stepwise `migrate` (src/store/codec.ts),
 * - a `merge` that restores the stored state item by item (src/domain/restore.ts) instead of the
 *   default shallow spread, and reports what it had to set aside,
 * - `partialize` with the explicit list of the working state saved (PERSISTED_FIELDS; the events
 *   go to the log, src/store/log.ts, one record each),
 * - a storage adapter (src/store/persistence.ts) that never half-writes, merges with other tabs
 *   before writing, survives a full quota, and keeps snapshots, backups and recovery copies.
 */
import { createStore, useStore, type StoreApi } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LuoshiState, StorageStatus, Toast } from '@/store/api';
import type { Identity, Plan, PlanEvent, Unit } from '@/domain/model';
import { mergeEvents, type PersistedData, type PlanMerge } from '@/domain/merge';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { DEFAULT_LEADERS, registryUnits, separateLeaders, type Leader } from '@/domain/leaders/leaders';
import { migrate, restoreStored, STORAGE_VERSION, type WorkingState } from '@/store/codec';
import { LOG_PREFIX, MAIN_KEY, TRUST_KEY } from '@/store/keys';
import { IdbKv, type LoadedLog, type LogKv } from '@/store/log';
import { Persistence, type StorageBackend } from '@/store/persistence';
import { appendEvent, replaceEvent } from '@/store/slices/progress';
import { shell as t } from '@/lib/strings-shell';
import { createPlanSlice } from '@/store/slices/plan';
import { createProgressSlice } from '@/store/slices/progress';
import { createUiSlice } from '@/store/slices/ui';
import { createDataSlice } from '@/store/slices/data';
import { createBulletinSlice } from '@/store/slices/bulletins';
import { createSyncSlice } from '@/store/slices/sync';
import { createSigningSlice } from '@/store/slices/signing';
import type { Keyring } from '@/lib/keyring';
import type { GetState, SetState, StoreContext, UndoEntry } from '@/store/slices/context';

export interface CreateStoreOptions {
  /** localStorage or a fake with the same methods. Default: window.localStorage, else memory. */
  storage?: StorageBackend;
  /**
   * Tells the store that another tab changed a key (the `storage` event in a browser). Default:
   * listens to window's `storage` event. Tests pass a bus shared by two store instances.
   */
  subscribe?: (onChange: (key: string | null) => void) => () => void;
  now?: () => Date;
  newId?: () => string;
  quotaBytes?: number;
  /**
   * Write to storage when the browser is idle rather than inside the action (default: on for the
   * app's own store over localStorage, off when a storage is passed in, as tests do).
   */
  deferSaves?: boolean;
  /**
   * The plan and units of a first start. Default: the seed speech, parsed, and DEFAULT_UNITS,
   * loaded in the background (see `pendingPlan`): the parser and the speech are only fetched by a
   * browser that has nothing stored, and stay out of the initial bundle. Leaders default to the
   * roles a speech names (分管副市长…).
   */
  seed?: (now: Date) => { plan: Plan; units: Unit[]; leaders?: Leader[] };
  /**
   * Where the event log lives. Default: IndexedDB for the app's own store in a browser (opened in
   * the background; the screens wait for the history), else the storage given (or localStorage).
   */
  log?: LogKv | Promise<LogKv | null>;
  /**
   * This browser's signing keys. Default: IndexedDB for the app's own store; none (nothing signed,
   * anyone may write) when a storage is passed in, as most tests do. Tests of signing pass
   * memoryKeyring().
   */
  keyring?: Keyring | Promise<Keyring> | null;
}

/** The id of the placeholder plan shown for the moment the seed speech is being loaded. */
export const PENDING_PLAN_ID = 'pending-seed';

function pendingPlan(now: Date): Plan {
  const iso = now.toISOString();
  return {
    schemaVersion: 1,
    id: PENDING_PLAN_ID,
    title: '正在载入示例计划…',
    year: now.getFullYear(),
    sections: [],
    tasks: [],
    targets: [],
    warnings: [],
    // Older than anything: if another tab already stored a real plan, that plan wins the merge.
    createdAt: iso,
    updatedAt: '1970-01-01T00:00:00.000Z',
    sourceText: '',
    targetValues: {},
    targetActuals: {},
  };
}

export type LuoshiStore = StoreApi<LuoshiState> & {
  /** Re-reads storage after another tab wrote and merges it in (also run by the storage event). */
  syncFromStorage: () => void;
  /** Writes what is pending and stops listening to other tabs. */
  destroy: () => void;
  persistence: Persistence;
  /** Settles once the first-start seed plan is in the store (at once when none is needed). */
  seedReady: Promise<void>;
  /** Settles once the current plan's history is read from the log (at once for a synchronous log). */
  historyReady: () => Promise<void>;
  /** Settles once every event recorded so far is committed to the log. */
  eventsSettled: () => Promise<void>;
};

const MAX_UNDO = 50;

/**
 * The fields of the working state written to storage. A new persisted field is one more name
 * here (and its slice); the layout needs no other change. The events are not among them: they
 * are in the log, one record each.
 */
export const PERSISTED_FIELDS = [
  'plan',
  'units',
  'identity',
  'planSetAt',
  'dropped',
  // The 督办 cycle: leaders and their portfolios; the archive of issued 通报.
  'leaders',
  'issued',
] as const satisfies ReadonlyArray<keyof LuoshiState>;

export function workingOf(s: LuoshiState): WorkingState {
  const out: Record<string, unknown> = {};
  for (const k of PERSISTED_FIELDS) out[k] = s[k];
  return out as WorkingState;
}

/** Everything of one plan (working state and events): backups, copies, files. */
export function persistedOf(s: LuoshiState): PersistedData {
  return { ...workingOf(s), events: s.events } as PersistedData;
}

export function createLuoshiStore(options: CreateStoreOptions = {}): LuoshiStore {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const backend = options.storage ?? defaultBackend();
  const inBrowser = !options.storage && typeof window !== 'undefined';
  const logOption = options.log ?? (inBrowser && typeof indexedDB !== 'undefined' ? IdbKv.open() : undefined);
  const persistence = new Persistence(backend, now, options.quotaBytes, null, logOption && !(logOption instanceof Promise) ? logOption : undefined);
  const log = persistence.log;
  if (logOption instanceof Promise) log.waitForKv();
  const deferSaves = options.deferSaves ?? inBrowser;
  if (deferSaves) persistence.deferWrites(idleSchedule);
  const seed: (d: Date) => { plan: Plan; units: Unit[]; leaders?: Leader[] } =
    options.seed ?? ((d: Date) => ({ plan: pendingPlan(d), units: registryUnits(DEFAULT_UNITS) }));
  const keyringOption: Promise<Keyring> | null =
    options.keyring === undefined
      ? options.storage
        ? null
        : // Loaded after the first paint: the keyring and the signing room are not initial JavaScript.
          import('@/lib/keyring').then((m) => m.openKeyring(now))
      : options.keyring === null
        ? null
        : Promise.resolve(options.keyring);

  const undoStack: UndoEntry[] = [];
  let undoing = false;

  const store = createStore<LuoshiState>()(
    persist(
      (set, get) => {
        const setState = set as SetState;
        const getState = get as GetState;
        const ctx: StoreContext = {
          now,
          newId,
          persistence,
          recorded: (events, e) => {
            persistence.snapshotDue();
            expected = events;
            void log.append([e]).catch(() => undefined);
          },
          undoing: () => undoing,
          signLater: () => {},
          identityTaken: () => {},
          pushUndo: (entry) => {
            if (undoing) return;
            undoStack.push(entry);
            if (undoStack.length > MAX_UNDO) undoStack.shift();
            setState({ canUndo: true });
            if (entry.toast) {
              const toast: Toast = { id: newId(), kind: 'info', message: entry.toast, undoable: true };
              setState((s) => ({ toasts: [...s.toasts.filter((t) => !t.undoable), toast].slice(-4) }));
            }
          },
        };
        const runUndo = () => {
          const entry = undoStack.pop();
          if (!entry) return;
          undoing = true;
          try {
            entry.run();
          } finally {
            undoing = false;
          }
          setState((s) => ({ canUndo: undoStack.length > 0, toasts: s.toasts.filter((t) => !t.undoable) }));
          getState().notify('success', `已撤销：${entry.label}`);
        };
        const first = seed(now());
        const identity: Identity = { kind: 'office' };
        const { hooks, ...signingSlice } = createSigningSlice(setState, getState, ctx, { keyring: keyringOption, backend });
        ctx.signLater = hooks.signLater;
        ctx.identityTaken = hooks.identityTaken;
        return {
          ...createPlanSlice(setState, getState, ctx, { plan: first.plan, units: first.units, leaders: first.leaders ?? [...DEFAULT_LEADERS], planSetAt: now().toISOString() }),
          ...createProgressSlice(setState, getState, ctx, { events: [], dropped: [] }),
          ...createUiSlice(setState, getState, { ...ctx, runUndo }, { identity }),
          ...createDataSlice(setState, getState, ctx),
          ...createBulletinSlice(setState, getState, ctx, { issued: [] }),
          ...createSyncSlice(setState, getState, ctx),
          ...signingSlice,
        };
      },
      {
        name: MAIN_KEY,
        version: STORAGE_VERSION,
        storage: persistence,
        partialize: (s) => workingOf(s),
        migrate: (state, version) => migrate(state, version) as WorkingState,
        merge: (persisted, current) => hydrate(persisted, current, persistence, now),
      },
    ),
  );

  /** Another tab's working state, merged: another plan brings its own log; undone ids leave memory. */
  const applyWorking = (data: WorkingState) => {
    const s = store.getState();
    const patch: Partial<LuoshiState> = { ...(data as Partial<LuoshiState>) };
    if (data.plan.id !== s.plan.id) patch.events = [];
    else if (data.dropped !== s.dropped && data.dropped.length) {
      const gone = new Set(data.dropped);
      const events = s.events.filter((e) => !gone.has(e.id));
      if (events.length !== s.events.length) patch.events = events;
    }
    store.setState(patch);
  };
  persistence.setHooks({
    onMerged: (data) => applyWorking(data),
    onStatus: (st) => {
      const cur = store.getState().storage;
      if (cur.usedBytes === st.usedBytes && cur.quotaBytes === st.quotaBytes && cur.saveFailed === st.saveFailed && cur.snapshotNoRoom === st.snapshotNoRoom) return;
      store.setState({ storage: { ...cur, ...st } });
    },
    onSaveFailed: () => store.getState().notify('error', t.data.saveFailedToast),
    onEvicted: ({ kind, at }) => store.getState().notify('warning', t.data.evictedToast(kind === 'snapshot' ? t.data.evictedSnapshot(at) : t.data.evictedBackup(at))),
    onPlanMerged: (m) => notifyPlanMerge(store, m),
    countEvents: () => store.getState().events.length,
  });
  // The state as loaded is what is stored: do not rewrite it until something changes.
  persistence.markSaved(workingOf(store.getState()));
  persistence.measureAll();

  // ------------------------------------------------------------------ the event log
  /** An events array already in the log (a recorded event, another tab's, a load): no diff needed. */
  let expected: readonly PlanEvent[] | null = null;
  let loading: Promise<void> = Promise.resolve();
  let loadingPlan: string | null = null;
  let firstLoad = true;

  const applyLoaded = (planId: string, loaded: LoadedLog) => {
    if (store.getState().plan.id !== planId) return;
    const s = store.getState();
    // In memory before the load: events of an older layout, of a restored copy, or recorded
    // meanwhile. The union with the log is the plan's whole history.
    const m = s.events.length ? mergeEvents(loaded.events, s.events) : { events: loaded.events };
    const gone = new Set(s.dropped);
    const events = gone.size ? m.events.filter((e) => !gone.has(e.id)) : m.events;
    expected = events;
    loadingPlan = null;
    const recovery = logRecovery(persistence, loaded, s.storage.recovery);
    store.setState({ events, storage: { ...store.getState().storage, historyLoaded: true, recovery, log: { ...store.getState().storage.log, kind: log.kv.kind, events: events.length } } });
    const fresh = events.filter((e) => log.needs(e));
    // The main key keeps an older layout's events until the log has them.
    const release = () => persistence.releaseMain();
    if (fresh.length) void log.append(fresh).then(release, () => undefined);
    else {
      void log.append([]).catch(() => undefined);
      release();
    }
    if (firstLoad) {
      firstLoad = false;
      // Today's snapshot holds the data as found at start; a first start has nothing worth keeping yet.
      if (persistence.loadedRaw !== null) persistence.snapshotNow(workingOf(store.getState()));
      void refreshEstimate();
    }
  };

  const loadHistory = (planId: string) => {
    loadingPlan = planId;
    // From now on this plan's log is the one written to, even before its history is read.
    log.switchTo(planId);
    const sync = log.loadSync(planId);
    if (sync) {
      applyLoaded(planId, sync);
      return;
    }
    if (store.getState().storage.historyLoaded) store.setState({ storage: { ...store.getState().storage, historyLoaded: false } });
    loading = (async () => {
      await kvOpening;
      const loaded = await log.load(planId);
      applyLoaded(planId, loaded);
    })().catch((e: unknown) => {
      // The log cannot be read at all: show what the working state has, and say so.
      loadingPlan = null;
      store.setState({ storage: { ...store.getState().storage, historyLoaded: true } });
      store.getState().notify('error', t.data.logUnreadable(e instanceof Error ? e.message : String(e)));
    });
  };

  let kvReady = !(logOption instanceof Promise);
  const kvOpening: Promise<void> =
    logOption instanceof Promise
      ? logOption.then((kv) => {
          // No usable IndexedDB (blocked, private mode): the same layout in localStorage.
          log.useKv(kv ?? persistence.fallbackKv());
          kvReady = true;
          watchLog();
        })
      : Promise.resolve();

  const mergeIncoming = (incoming: PlanEvent[]) => {
    if (!incoming.length) return;
    const s = store.getState();
    const gone = new Set(s.dropped);
    let next: readonly PlanEvent[] = s.events;
    for (const e of incoming) if (!gone.has(e.id)) next = replaceEvent(next, e) ?? appendEvent(next, e);
    if (next === s.events) return;
    expected = next;
    store.setState({ events: next as PlanEvent[] });
  };
  let stopWatchingLog = () => {};
  const watchLog = () => {
    stopWatchingLog = log.kv.watch?.((puts) => mergeIncoming(log.readOther(puts))) ?? (() => {});
  };
  if (kvReady) watchLog();

  store.subscribe((s, prev) => {
    if (s.plan.id !== log.planId && s.plan.id !== loadingPlan) {
      // Another plan (replaced, restored, imported): its own log, loaded and merged.
      loadHistory(s.plan.id);
      return;
    }
    if (s.events === prev.events || s.events === expected || loadingPlan !== null) return;
    // Events that reached memory another way (an import, a merge, an undo): write the new ones.
    const fresh = s.events.filter((e) => log.needs(e));
    if (fresh.length) {
      persistence.snapshotDue();
      void log.append(fresh).catch(() => undefined);
    }
  });

  const refreshEstimate = () => store.getState().refreshStorage();
  if (inBrowser) requestPersistence(store);

  loadHistory(store.getState().plan.id);

  const syncFromStorage = () => {
    const merged = persistence.readOtherTab(workingOf(store.getState()));
    if (merged) applyWorking(merged);
  };
  const stopFlushing = deferSaves ? flushWhenLeaving(() => persistence.flush()) : () => {};
  const subscribe = options.subscribe ?? (options.storage ? null : windowSubscribe);
  const unsubscribe = subscribe
    ? subscribe((key) => {
        if (key === null || key === MAIN_KEY) syncFromStorage();
        if (key === null || key === TRUST_KEY) store.getState().reloadTrust();
        if (key === null || key === MAIN_KEY || key === TRUST_KEY) return;
        if (key.startsWith(LOG_PREFIX) && log.kv.kind === 'localstorage') {
          // The log lives in localStorage: another tab's record, read and merged.
          const v = backend.getItem(key);
          persistence.noteSize(key, v);
          if (v !== null) mergeIncoming(log.readOther([[key.slice(LOG_PREFIX.length), v]]));
          persistence.report();
        } else {
          // A snapshot or backup key changed elsewhere: only the meter needs updating.
          persistence.measureAll();
          persistence.report();
        }
      })
    : () => {};

  // A first start (or stored data without a readable plan): fetch and parse the seed speech, then
  // show it, unless a plan arrived meanwhile (another tab, an import).
  let seedReady: Promise<void> = Promise.resolve();
  if (store.getState().plan.id === PENDING_PLAN_ID) {
    seedReady = import('@/domain/seed').then(({ createSeedPlan }) => {
      if (store.getState().plan.id !== PENDING_PLAN_ID) return;
      const at = now();
      // The seed names leaders as owners (各部门主要负责同志): they go to the leaders' portfolios.
      const { plan, leaders } = separateLeaders(createSeedPlan(at), store.getState().leaders);
      store.setState({ plan, leaders, planSetAt: at.toISOString() });
    });
  }

  const destroy = () => {
    persistence.flush();
    stopFlushing();
    unsubscribe();
    stopWatchingLog();
  };
  const historyReady = async () => {
    // A first start reads the seed plan's history only once the seed is in the store.
    await seedReady;
    await kvOpening;
    for (let before: Promise<void> | null = null; before !== loading; ) {
      before = loading;
      await loading;
    }
  };
  return Object.assign(store, { syncFromStorage, destroy, persistence, seedReady, historyReady, eventsSettled: () => log.settled() });
}

/**
 * persist's merge: the stored state (already migrated) restored item by item. Whatever could not
 * be read as it was is reported in storage.recovery, and the original text is copied aside first.
 */
function hydrate(persisted: unknown, current: LuoshiState, persistence: Persistence, now: () => Date): LuoshiState {
  const state = hydrateWorking(persisted, current, persistence, now);
  // An older layout carried the events in the main key: keep it as it is until the log has them.
  if (state.events.length && (persistence.loadedEnvelope?.version ?? 0) < STORAGE_VERSION) persistence.holdMain = true;
  return state;
}

function hydrateWorking(persisted: unknown, current: LuoshiState, persistence: Persistence, now: () => Date): LuoshiState {
  if (persisted === undefined || persisted === null) {
    if (persistence.loadedRaw === null) return current; // first start: the seed
  }
  const env = persistence.loadedEnvelope;
  const r = restoreStored(persisted, now());
  const damaged = env ? !env.complete : false;
  const future = env?.version != null && env.version > STORAGE_VERSION;
  const setAside = r.report.setAside.length;
  const problems: string[] = [];
  if (damaged) problems.push('保存的数据不完整或已损坏（可能是上次保存时被中断）');
  if (future) problems.push(`保存的数据来自更新版本的落实（存储版本 ${env?.version}），本版本只能读出能识别的部分`);
  if (!r.plan) problems.push('没有读出计划，暂时显示示例计划');
  if (setAside) problems.push(`${setAside} 条记录无法恢复，已单独保存`);
  let recovery: StorageStatus['recovery'] = null;
  if (problems.length && persistence.loadedRaw !== null) {
    const restoredItems = r.report.restored;
    const message = `${problems.join('；')}。已恢复 ${restoredItems} 条记录，原始数据已原样另存，可在“数据”页下载或删除。`;
    const backupKey = persistence.keepRecoveryCopy(persistence.loadedRaw, message, r.report.setAside);
    recovery = {
      message: backupKey
        ? message
        : `${problems.join('；')}。存储空间不足，原始数据无法另存，因此暂不覆盖它：请先在“数据”页导出备份，再决定是否丢弃原始数据。`,
      backupKey: backupKey ?? MAIN_KEY,
      restoredItems,
      setAsideItems: setAside,
    };
  }
  const extra: Record<string, unknown> = {};
  for (const k of PERSISTED_FIELDS) if (k in r.extra) extra[k] = r.extra[k];
  return {
    ...current,
    ...(extra as Partial<LuoshiState>),
    plan: r.plan ?? current.plan,
    units: r.units ?? current.units,
    leaders: r.leaders ?? current.leaders,
    events: r.dropped.length ? withoutDropped(r.events, r.dropped) : r.events,
    issued: r.issued,
    identity: r.identity ?? current.identity,
    planSetAt: r.planSetAt ?? r.plan?.updatedAt ?? current.planSetAt,
    dropped: r.dropped,
    storage: { ...current.storage, recovery },
  };
}

/**
 * Records of the log that could not be read as they were: each damaged text is copied aside once
 * (a recovery copy the user downloads or discards on 数据与备份), and the message says how many
 * events were set aside. The rest of the history is unaffected.
 */
function logRecovery(persistence: Persistence, loaded: LoadedLog, current: StorageStatus['recovery']): StorageStatus['recovery'] {
  if (!loaded.damaged.length && !loaded.setAside.length) return current;
  const message = t.data.logDamaged(loaded.damaged.length, loaded.setAside.length, loaded.events.length);
  let key: string | null = null;
  for (const [, text] of loaded.damaged) key = persistence.keepRecoveryCopy(text, message, loaded.setAside, false) ?? key;
  if (!key && loaded.setAside.length) key = persistence.keepRecoveryCopy(JSON.stringify(loaded.setAside.map((x) => x.value)), message, loaded.setAside, false);
  if (current) return { ...current, message: `${current.message}${message}`, setAsideItems: current.setAsideItems + loaded.setAside.length };
  return { message, backupKey: key ?? MAIN_KEY, restoredItems: loaded.events.length, setAsideItems: loaded.setAside.length };
}

/** Says, in a toast, that another tab's edit of the plan was merged in, and where both edited one field. */
function notifyPlanMerge(store: StoreApi<LuoshiState>, m: PlanMerge) {
  const s = store.getState();
  const fieldName = (f: string | undefined) => (f ? (t.data.fieldNames as Record<string, string>)[f] ?? f : '');
  const where = m.conflicts.map((c) => {
    if (c.path[0] === 'tasks' && c.path[1]) {
      const task = s.plan.tasks.find((x) => x.id === c.path[1]);
      return t.data.conflictTask(task?.title ?? c.path[1], fieldName(c.path[2]));
    }
    return c.path.map(fieldName).join('·');
  });
  if (where.length) s.notify('warning', t.data.planConflict(where.slice(0, 3).join('；'), where.length));
  else s.notify('info', t.data.planMerged);
}

/** Asks the browser not to evict the data under storage pressure; the answer is shown on the meter. */
function requestPersistence(store: StoreApi<LuoshiState>) {
  const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!storage?.persist) return;
  void storage.persist().then(
    (granted) => store.setState({ storage: { ...store.getState().storage, persisted: granted } }),
    () => undefined,
  );
}

function withoutDropped<T extends { id: string }>(events: T[], dropped: string[]): T[] {
  const gone = new Set(dropped);
  return events.filter((e) => !gone.has(e.id));
}

/** localStorage when the page has one; a Map otherwise (Node, or storage blocked by the browser). */
function defaultBackend(): StorageBackend {
  try {
    if (typeof localStorage !== 'undefined') {
      const probe = '__luoshi_probe__';
      localStorage.setItem(probe, '1');
      localStorage.removeItem(probe);
      return localStorage;
    }
  } catch {
    // blocked (private mode in some browsers): fall through to memory
  }
  return memoryStorage();
}

export function memoryStorage(): StorageBackend {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

/** Runs `run` when the browser is idle (at the latest after 300 ms); returns a cancel. */
function idleSchedule(run: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(run, { timeout: 300 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(run, 50);
  return () => clearTimeout(handle);
}

/** A deferred write must not be lost when the tab is hidden, closed or reloaded. */
function flushWhenLeaving(flush: () => void): () => void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return () => {};
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    window.removeEventListener('pagehide', flush);
    document.removeEventListener('visibilitychange', onHide);
  };
}

function windowSubscribe(onChange: (key: string | null) => void): () => void {
  if (typeof window === 'undefined') return () => {};
  const h = (e: StorageEvent) => {
    if (e.storageArea && typeof localStorage !== 'undefined' && e.storageArea !== localStorage) return;
    onChange(e.key);
  };
  window.addEventListener('storage', h);
  return () => window.removeEventListener('storage', h);
}

/** The app's store. */
export const luoshiStore = createLuoshiStore();
// A handle for the browser tests and benchmarks that drive the built app (they write events
// through the app's own store and wait for the log); the screens never use it.
if (typeof window !== 'undefined') (window as unknown as { __LUOSHI_STORE__?: LuoshiStore }).__LUOSHI_STORE__ = luoshiStore;

type Bound = {
  <T>(selector: (s: LuoshiState) => T): T;
  (): LuoshiState;
} & LuoshiStore;

function useLuoshiImpl<T>(selector?: (s: LuoshiState) => T) {
  return useStore(luoshiStore, selector ?? ((s: LuoshiState) => s as unknown as T));
}

/** The hook components use: `useLuoshi((s) => s.plan.title)`; also `useLuoshi.getState()`. */
export const useLuoshi = Object.assign(useLuoshiImpl, luoshiStore) as Bound;
