/**
 * The one Luoshi store: slices (plan, progress with supervision, ui, data) combined here and
 * wrapped once in zustand's `persist`. `persist` gets:
 * - `version` + a stepwise `migrate` (src/store/codec.ts),
 * - a `merge` that restores the stored state item by item (src/domain/restore.ts) instead of the
 *   default shallow spread, and reports what it had to set aside,
 * - `partialize` with the explicit list of what is saved (plan, units, events, identity, dropped),
 * - a storage adapter (src/store/persistence.ts) that never half-writes, merges with other tabs
 *   before writing, survives a full quota, and keeps snapshots, backups and recovery copies.
 */
import { createStore, useStore, type StoreApi } from 'zustand';
import { persist } from 'zustand/middleware';
import type { LuoshiState, StorageStatus, Toast } from '@/store/api';
import type { Identity, Plan, Unit } from '@/domain/model';
import type { PersistedData } from '@/domain/merge';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { DEFAULT_LEADERS, registryUnits, separateLeaders, type Leader } from '@/domain/leaders/leaders';
import { migrate, restoreStored, STORAGE_VERSION } from '@/store/codec';
import { MAIN_KEY, TRUST_KEY } from '@/store/keys';
import { Persistence, type StorageBackend } from '@/store/persistence';
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
};

const MAX_UNDO = 50;

export function persistedOf(s: LuoshiState): PersistedData {
  return { plan: s.plan, units: s.units, leaders: s.leaders, events: s.events, issued: s.issued, identity: s.identity, planSetAt: s.planSetAt, dropped: s.dropped };
}

export function createLuoshiStore(options: CreateStoreOptions = {}): LuoshiStore {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  const backend = options.storage ?? defaultBackend();
  const persistence = new Persistence(backend, now, options.quotaBytes);
  const deferSaves = options.deferSaves ?? (!options.storage && typeof window !== 'undefined');
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
        partialize: (s) => persistedOf(s),
        migrate: (state, version) => migrate(state, version) as PersistedData,
        merge: (persisted, current) => hydrate(persisted, current, persistence, now),
      },
    ),
  );

  persistence.setHooks({
    onMerged: (data) => store.setState({ ...data }),
    onStatus: (st) => {
      const cur = store.getState().storage;
      if (cur.usedBytes === st.usedBytes && cur.quotaBytes === st.quotaBytes && cur.saveFailed === st.saveFailed && cur.snapshotNoRoom === st.snapshotNoRoom) return;
      store.setState({ storage: { ...cur, ...st } });
    },
    onSaveFailed: () =>
      store
        .getState()
        .notify('error', '浏览器存储空间已满，刚才的更改只保存在本页面中。请立即在“数据”页导出完整备份，再清理旧快照或备份。'),
  });
  // The state as loaded is what is stored: do not rewrite it until something changes.
  persistence.markSaved(persistedOf(store.getState()));
  persistence.measureAll();
  // Today's snapshot holds the data as found at start; a first start has nothing worth keeping yet.
  if (persistence.loadedRaw !== null) persistence.snapshotNow(persistedOf(store.getState()));

  const syncFromStorage = () => {
    const merged = persistence.readOtherTab(persistedOf(store.getState()));
    if (merged) {
      // Shown as is; not written back: the other tab already stored this merge.
      persistence.markSaved(merged);
      store.setState({ ...merged });
      persistence.report();
    }
  };
  const stopFlushing = deferSaves ? flushWhenLeaving(() => persistence.flush()) : () => {};
  const subscribe = options.subscribe ?? (options.storage ? null : windowSubscribe);
  const unsubscribe = subscribe
    ? subscribe((key) => {
        if (key === null || key === MAIN_KEY) syncFromStorage();
        if (key === null || key === TRUST_KEY) store.getState().reloadTrust();
        else if (key !== MAIN_KEY) {
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
  };
  return Object.assign(store, { syncFromStorage, destroy, persistence, seedReady });
}

/**
 * persist's merge: the stored state (already migrated) restored item by item. Whatever could not
 * be read as it was is reported in storage.recovery, and the original text is copied aside first.
 */
function hydrate(persisted: unknown, current: LuoshiState, persistence: Persistence, now: () => Date): LuoshiState {
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
  return {
    ...current,
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

type Bound = {
  <T>(selector: (s: LuoshiState) => T): T;
  (): LuoshiState;
} & LuoshiStore;

function useLuoshiImpl<T>(selector?: (s: LuoshiState) => T) {
  return useStore(luoshiStore, selector ?? ((s: LuoshiState) => s as unknown as T));
}

/** The hook components use: `useLuoshi((s) => s.plan.title)`; also `useLuoshi.getState()`. */
export const useLuoshi = Object.assign(useLuoshiImpl, luoshiStore) as Bound;
