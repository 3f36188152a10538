/**
 * The storage adapter behind zustand's `persist`: it owns every key of the app and makes sure no
 * data is ever lost.
 *
 * - The working state (plan, units, identity, planSetAt, dropped, and any field the store lists)
 *   is one localStorage key, written in one setItem, so a failed write leaves the previous value
 *   intact. The events are not in it: they are in the log (src/store/log.ts), one record each.
 * - Before each write of the working state it reads what is stored; if another tab wrote since,
 *   it merges field by field against the value both started from (three-way), so a stale tab
 *   never reverts another tab's edit, and says so when both changed one field. In a browser the
 *   scheduled writes of all tabs run one at a time under a Web Lock.
 * - A full quota: older snapshots make room first (the user is told the first time); if it still
 *   fails the change stays in memory, the status says so and the UI offers an export.
 * - Storage that cannot be read as it is gets an untouched copy under a recovery key (one per
 *   distinct damaged text) that only the user removes; until that copy exists, the main key is
 *   not overwritten.
 * - Daily snapshots (last seven days) and automatic backups of the working state; the events of
 *   their plan stay in the log, which only grows.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import type { PersistedData, PlanMerge } from '@/domain/merge';
import { mergeData } from '@/domain/merge';
import type { SetAsideItem } from '@/domain/restore';
import type { SavedCopy } from '@/store/api';
import { localDay } from '@/lib/ids';
import { decodeText, guessVersion, readEnvelope, serialize, toPersisted, type DecodedState, type WorkingState } from '@/store/codec';
import { EventLog, StorageKv, type LogKv } from '@/store/log';
import {
  BACKUP_PREFIX,
  DEFAULT_QUOTA_BYTES,
  MAIN_KEY,
  MAX_BACKUPS,
  RECOVERY_PREFIX,
  SNAPSHOT_DAYS,
  SNAPSHOT_PREFIX,
  storedBytes,
} from '@/store/keys';

/** What the adapter needs of localStorage (a fake in tests, window.localStorage in the app). */
export interface StorageBackend {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export interface RecoveryInfo {
  key: string;
  savedAt: string;
  message: string;
  setAside: SetAsideItem[];
  bytes: number;
}

export interface StatusReport {
  usedBytes: number;
  quotaBytes: number;
  saveFailed: boolean;
  snapshotNoRoom: boolean;
}

export interface AdapterHooks {
  /** The save merged in another tab's data: the store should show `data`. */
  onMerged: (data: WorkingState) => void;
  /** Usage or save status changed. */
  onStatus: (status: StatusReport) => void;
  /** A save failed for want of space (first failure after a success). */
  onSaveFailed: () => void;
  /** A copy was removed to make room for the live data (first time since start only). */
  onEvicted?: (what: { kind: 'snapshot' | 'backup'; at: string }) => void;
  /** Another tab's edits of the plan were merged with this tab's (field by field). */
  onPlanMerged?: (merge: PlanMerge) => void;
  /** How many events the store holds now (recorded in snapshots and backups). */
  countEvents?: () => number;
}

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(typeof e === 'object' && e !== null)) return false;
  const err = e as { name?: string; code?: number };
  return err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err.code === 22 || err.code === 1014;
}

const WORKING_KEYS = (d: object) => Object.keys(d).filter((k) => k !== 'events');

function sameRefs(a: WorkingState, b: WorkingState): boolean {
  const ka = WORKING_KEYS(a);
  if (ka.length !== WORKING_KEYS(b).length) return false;
  return ka.every((k) => a[k] === b[k]);
}

const withoutEvents = (d: PersistedData | WorkingState): WorkingState => {
  const { events: _events, ...w } = d as PersistedData;
  return w as WorkingState;
};

export class Persistence implements PersistStorage<WorkingState> {
  /** The text this tab last wrote or read under MAIN_KEY: anything else there came from another tab. */
  private lastRaw: string | null = null;
  /** The working state as last written or read: the common base of a three-way merge. */
  private last: WorkingState | null = null;
  private busy = false;
  /** Set while the untouched original could not be copied aside: the main key must not be overwritten. */
  protectMain = false;
  /**
   * Set while an older layout's events are being moved into the log: the main key still holds
   * them and must not be replaced by the v3 working state until the log has them.
   */
  holdMain = false;
  /** The working state's last write failed / the log's last write failed: kept apart, so that a tick
   * reaching the log does not hide a plan edit that is still only in memory (and the reverse). */
  private mainFailed = false;
  private logFailed = false;
  get saveFailed(): boolean {
    return this.mainFailed || this.logFailed;
  }
  private evictionTold = false;
  private sizes = new Map<string, number>();
  /** The envelope of the main key as read at start, for the store's merge. */
  loadedEnvelope: ReturnType<typeof readEnvelope> | null = null;
  loadedRaw: string | null = null;
  lastSnapshotDay: string | null = null;
  /** Today's snapshot was due but did not fit beside the live data (so there is no daily copy). */
  snapshotNoRoom = false;
  private schedule: ((run: () => void) => () => void) | null = null;
  private pending: WorkingState | null = null;
  private cancelScheduled: (() => void) | null = null;
  /** Runs a write under a lock shared by the tabs (navigator.locks in a browser). */
  lock: ((name: string, fn: () => void) => void) | null = null;
  readonly log: EventLog;

  constructor(
    readonly backend: StorageBackend,
    private readonly now: () => Date,
    readonly quotaBytes = DEFAULT_QUOTA_BYTES,
    private hooks: AdapterHooks | null = null,
    kv?: LogKv,
  ) {
    this.log = new EventLog(kv ?? new StorageKv(backend, undefined, (k, v) => this.noteSize(k, v)), {
      onWriteStatus: (ok) => {
        if (!ok) return this.fail('log');
        this.logFailed = false;
        // The log has every event now: an older layout's main key may take the v3 layout.
        if (this.holdMain && !this.log.failed.length) this.releaseMain();
        this.report();
      },
      lock: lockFor(),
    });
    this.measureAll();
  }

  /** The log's layout in this localStorage, for a browser without a usable IndexedDB. */
  fallbackKv(): LogKv {
    return new StorageKv(this.backend, undefined, (k, v) => this.noteSize(k, v));
  }

  setHooks(hooks: AdapterHooks) {
    this.hooks = hooks;
  }

  // ---------------------------------------------------------------- persist's storage interface

  /**
   * Hands persist the stored state and its version as they are, so persist runs the stepwise
   * `migrate` and then the store's validating `merge`. Whether the text was whole is kept here for
   * that merge to report.
   */
  getItem(name: string): StorageValue<WorkingState> | null {
    const raw = this.safeGet(name);
    this.loadedRaw = raw;
    this.loadedEnvelope = null;
    if (raw === null) return null;
    this.lastRaw = raw;
    const env = readEnvelope(raw);
    this.loadedEnvelope = env;
    // Unversioned or unreadable: by its shape.
    return { state: env.state as WorkingState, version: env.version ?? guessVersion(env.state) };
  }

  setItem(_name: string, value: StorageValue<WorkingState>): void {
    if (this.busy) return;
    const data = withoutEvents(value.state);
    if (this.last && sameRefs(this.last, data)) {
      // Back to what is stored (an undo before the write): nothing left to write.
      this.cancelPending();
      return;
    }
    if (!this.schedule || this.holdMain) {
      if (this.holdMain) {
        this.pending = data;
        // Try the log again (it may have failed for want of room); success releases the key.
        void this.log.append([]).catch(() => undefined);
        return;
      }
      this.saveNow(data);
      return;
    }
    this.pending = data;
    this.cancelScheduled ??= this.schedule(() => {
      this.cancelScheduled = null;
      // The tabs' scheduled writes take turns, so each merges with the one before it.
      if (this.lock) this.lock('luoshi-main', () => this.flush());
      else this.flush();
    });
  }

  /**
   * Writes later instead of inside the click: the working state of a city's plan is several
   * hundred thousand characters. Only the newest state is written. The store flushes when the
   * page is hidden or closed. `null` writes inside set() again (after flushing what is pending).
   */
  deferWrites(schedule: ((run: () => void) => () => void) | null) {
    if (!schedule) this.flush();
    this.schedule = schedule;
  }

  /** Writes the pending state now, if there is one. */
  flush() {
    if (this.holdMain) return;
    const data = this.pending;
    this.cancelPending();
    if (data) this.saveNow(data);
  }

  /**
   * The log has the older layout's events now: the main key is rewritten in the v3 layout (the
   * events leave it), with what is pending or else the working state as loaded.
   */
  releaseMain() {
    if (!this.holdMain) return;
    this.holdMain = false;
    const data = this.pending ?? this.last;
    this.pending = null;
    if (!data) return;
    if (this.busy) {
      this.pending = data;
      return;
    }
    if (this.schedule) {
      this.pending = data;
      this.cancelScheduled ??= this.schedule(() => {
        this.cancelScheduled = null;
        this.flush();
      });
    } else this.saveNow(data);
  }

  /** The first change of a day keeps the day's snapshot (of the data before it) first. */
  snapshotDue() {
    if (this.lastSnapshotDay === localDay(this.now()) || !this.last || this.holdMain) return;
    this.maybeSnapshot(this.last);
    this.report();
  }

  private cancelPending() {
    this.pending = null;
    this.cancelScheduled?.();
    this.cancelScheduled = null;
  }

  private saveNow(data: WorkingState) {
    this.busy = true;
    try {
      this.save(data);
    } finally {
      this.busy = false;
    }
  }

  removeItem(name: string): void {
    this.backend.removeItem(name);
    this.sizes.delete(name);
  }

  // ---------------------------------------------------------------- saving

  /** Marks data as what is stored (after hydration), so an unchanged state is not rewritten. */
  markSaved(data: WorkingState | PersistedData) {
    this.last = withoutEvents(data);
  }

  private save(data: WorkingState) {
    if (this.protectMain) {
      this.fail();
      return;
    }
    let out = data;
    const stored = this.safeGet(MAIN_KEY);
    let merge: PlanMerge | null = null;
    if (stored !== null && stored !== this.lastRaw) {
      // Another tab wrote since this one last looked: merge instead of overwriting.
      const theirs = toPersisted(decodeText(stored, this.now()), { ...data, events: [] } as PersistedData);
      if (theirs) {
        const m = mergeData({ ...data, events: [] } as PersistedData, theirs, this.last as PersistedData | null);
        out = withoutEvents(m.data);
        merge = m.planMerge;
        if (m.displaced) this.backupDisplaced(m.displaced, data);
      }
    }
    this.maybeSnapshot(this.last ?? out);
    const text = serialize(out);
    if (this.write(MAIN_KEY, text, true)) {
      this.lastRaw = text;
      this.last = out;
      this.mainFailed = false;
      if (out !== data) this.hooks?.onMerged(out);
      if (merge && (merge.tookTheirs || merge.conflicts.length)) this.hooks?.onPlanMerged?.(merge);
      this.report();
    } else {
      this.fail();
    }
  }

  private fail(what: 'main' | 'log' = 'main') {
    const first = !this.saveFailed;
    if (what === 'main') this.mainFailed = true;
    else this.logFailed = true;
    // Whatever filled the quota may not be ours: measure again so the meter shows why.
    this.measureAll();
    this.report();
    if (first) this.hooks?.onSaveFailed();
  }

  /**
   * One setItem per key, so the old value survives a failed write. For the main key, snapshots
   * and then older backups make room (they are copies; the live data comes first).
   */
  private write(key: string, text: string, evict: boolean): boolean {
    for (;;) {
      try {
        this.backend.setItem(key, text);
        this.sizes.set(key, storedBytes(key, text));
        return true;
      } catch (e) {
        // Any failure counts as "not saved"; only a quota error is worth freeing space for.
        if (!evict || !isQuotaError(e) || !this.evictOne(key)) return false;
      }
    }
  }

  /** Drops the oldest snapshot, then the oldest backup but the newest. False when nothing is left to drop. */
  private evictOne(except: string): boolean {
    const snaps = this.keysWith(SNAPSHOT_PREFIX).filter((k) => k !== except).sort();
    const backups = this.keysWith(BACKUP_PREFIX).filter((k) => k !== except).sort();
    const victim = snaps[0] ?? (backups.length > 1 ? backups[0] : undefined);
    if (!victim) return false;
    this.removeItem(victim);
    if (!this.evictionTold) {
      this.evictionTold = true;
      const snapshot = victim.startsWith(SNAPSHOT_PREFIX);
      this.hooks?.onEvicted?.({ kind: snapshot ? 'snapshot' : 'backup', at: victim.slice((snapshot ? SNAPSHOT_PREFIX : BACKUP_PREFIX).length) });
    }
    return true;
  }

  // ---------------------------------------------------------------- another tab

  /**
   * Another tab changed the main key: read it and merge it into `mine` (three-way, against what
   * this tab last saw stored). Returns the merged working state, or null when nothing new is
   * there. Writes nothing: a change still pending here is written later, merged again then.
   */
  readOtherTab(mine: WorkingState): WorkingState | null {
    // The hooks called on the way (the meter, a toast, a backup of a displaced plan) update the
    // store while it still shows its state from before this merge: persist's setItem would then
    // save that older state over what the other tab just stored. Until the caller shows the
    // merged state, nothing is written.
    const wasBusy = this.busy;
    this.busy = true;
    try {
      return this.mergeOtherTab(mine);
    } finally {
      this.busy = wasBusy;
    }
  }

  private mergeOtherTab(mine: WorkingState): WorkingState | null {
    this.measureAll();
    const stored = this.safeGet(MAIN_KEY);
    if (stored === null || stored === this.lastRaw) {
      this.report();
      return null;
    }
    const theirs = toPersisted(decodeText(stored, this.now()), { ...mine, events: [] } as PersistedData);
    this.lastRaw = stored;
    if (!theirs) return null;
    // The other tab wrote last, so its identity is the browser's current one.
    const m = mergeData({ ...mine, identity: theirs.identity, events: [] } as PersistedData, theirs, this.last as PersistedData | null);
    if (m.displaced) this.backupDisplaced(m.displaced, mine);
    this.last = withoutEvents(theirs);
    if (m.planMerge?.conflicts.length) this.hooks?.onPlanMerged?.(m.planMerge);
    this.report();
    return withoutEvents(m.data);
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Copies the untouched stored text aside, once per distinct text: a damaged value read again
   * on the next start gets no second copy. If the copy cannot be written, the main key is
   * protected: nothing overwrites it until the user has exported and decided.
   */
  keepRecoveryCopy(original: string, message: string, setAside: SetAsideItem[], protect = true): string | null {
    for (const k of this.keysWith(RECOVERY_PREFIX)) {
      if (!k.endsWith(':aside') && this.safeGet(k) === original) return k;
    }
    let key = `${RECOVERY_PREFIX}${this.now().toISOString()}`;
    // Never overwrite an earlier copy, even one taken in the same millisecond.
    for (let n = 2; this.safeGet(key) !== null; n++) key = `${RECOVERY_PREFIX}${this.now().toISOString()}-${n}`;
    const asideText = JSON.stringify({ savedAt: this.now().toISOString(), message, setAside });
    if (!this.write(key, original, false)) {
      if (protect) this.protectMain = true;
      return null;
    }
    // The set-aside list is a convenience; the original text above already holds those items.
    this.write(`${key}:aside`, asideText, false);
    this.report();
    return key;
  }

  listRecoveries(): RecoveryInfo[] {
    return this.keysWith(RECOVERY_PREFIX)
      .filter((k) => !k.endsWith(':aside'))
      .sort()
      .map((key) => {
        let meta: { savedAt?: string; message?: string; setAside?: SetAsideItem[] } = {};
        try {
          meta = JSON.parse(this.safeGet(`${key}:aside`) ?? '{}') as typeof meta;
        } catch {
          // a damaged side note: the copy itself is what matters
        }
        return {
          key,
          savedAt: meta.savedAt ?? key.slice(RECOVERY_PREFIX.length),
          message: meta.message ?? '',
          setAside: Array.isArray(meta.setAside) ? meta.setAside : [],
          bytes: this.sizes.get(key) ?? 0,
        };
      });
  }

  readRecovery(key: string): { original: string; info: RecoveryInfo } | null {
    const original = this.safeGet(key);
    const info = this.listRecoveries().find((r) => r.key === key);
    return original === null || !info ? null : { original, info };
  }

  discardRecovery(key: string) {
    this.removeItem(key);
    this.removeItem(`${key}:aside`);
    // The user has decided: from now on the live data may be written again.
    this.protectMain = false;
    this.report();
  }

  // ---------------------------------------------------------------- snapshots and backups

  private copyText(data: WorkingState | PersistedData): string {
    const env = JSON.parse(serialize(data)) as Record<string, unknown>;
    return JSON.stringify({ ...env, events: this.hooks?.countEvents?.() ?? 0 });
  }

  private maybeSnapshot(data: WorkingState) {
    // Nothing to keep: on a first start the data "as found" is the placeholder shown while the
    // seed loads, and a snapshot of it would use up the day (restoring it shows 正在载入 for good).
    // The day stays open for the next save, whose data before the change is worth keeping.
    if (data.plan.tasks.length === 0 && data.plan.targets.length === 0 && (this.hooks?.countEvents?.() ?? 0) === 0) return;
    const day = localDay(this.now());
    if (this.lastSnapshotDay === day) return;
    this.lastSnapshotDay = day;
    let key = SNAPSHOT_PREFIX + day;
    const existing = this.safeGet(key);
    if (existing !== null) {
      // Today's snapshot is there. A damaged one does not count as today's copy: it stays (the
      // user sees it marked as damaged and decides), and today's goes beside it.
      if (decodeText(existing, this.now()).plan) return;
      key = `${key}.2`;
      if (this.safeGet(key) !== null) return;
    }
    const text = this.copyText(data);
    // Size-aware: a snapshot is a convenience; it only takes room the live data can spare.
    const cap = this.quotaBytes * 0.9;
    const need = storedBytes(key, text);
    const olders = this.keysWith(SNAPSHOT_PREFIX).filter((k) => !k.startsWith(SNAPSHOT_PREFIX + day)).sort();
    // Older snapshots give way only when that makes room: never trade them for nothing.
    const freeable = olders.reduce((n, k) => n + (this.sizes.get(k) ?? 0), 0);
    if (this.usedBytes() - freeable + need > cap) {
      this.snapshotNoRoom = true;
      this.pruneSnapshots();
      return;
    }
    while (this.usedBytes() + need > cap && olders.length) this.removeItem(olders.shift()!);
    this.snapshotNoRoom = !this.write(key, text, false);
    this.pruneSnapshots();
  }

  /** Takes today's snapshot now if there is none (called once the store has loaded). */
  snapshotNow(data: WorkingState | PersistedData) {
    this.maybeSnapshot(withoutEvents(data));
    this.report();
  }

  private pruneSnapshots() {
    const keys = this.keysWith(SNAPSHOT_PREFIX).sort();
    while (keys.length > SNAPSHOT_DAYS) this.removeItem(keys.shift()!);
  }

  /** The plan another tab's replaced (or this tab's, replaced by the other's): kept as a backup. */
  private backupDisplaced(displaced: PersistedData, mine: WorkingState) {
    const ours = displaced.plan.id === mine.plan.id;
    this.backup(displaced, '另一个标签页替换了计划，这是被替换的计划', ours ? this.hooks?.countEvents?.() : undefined);
  }

  /**
   * Stores a copy of the working state before a destructive change (the plan's events stay in
   * the log). Returns its key, or null when it did not fit.
   */
  backup(data: PersistedData | WorkingState, reason: string, eventCount?: number): string | null {
    let key = `${BACKUP_PREFIX}${this.now().toISOString()}`;
    for (let n = 2; this.safeGet(key) !== null; n++) key = `${BACKUP_PREFIX}${this.now().toISOString()}-${n}`;
    const count = eventCount ?? (Array.isArray((data as PersistedData).events) ? (data as PersistedData).events.length : (this.hooks?.countEvents?.() ?? 0));
    const text = JSON.stringify({ reason, events: count, data: JSON.parse(serialize(data)) as unknown });
    // Make room from snapshots (older copies) before giving up on the backup.
    let ok = this.write(key, text, false);
    while (!ok) {
      const snaps = this.keysWith(SNAPSHOT_PREFIX).sort();
      if (!snaps.length) break;
      this.removeItem(snaps[0]!);
      ok = this.write(key, text, false);
    }
    const all = this.keysWith(BACKUP_PREFIX).sort();
    while (all.length > MAX_BACKUPS) this.removeItem(all.shift()!);
    this.report();
    return ok ? key : null;
  }

  listSnapshots(): SavedCopy[] {
    return this.keysWith(SNAPSHOT_PREFIX)
      .sort()
      .reverse()
      .map((key) => {
        const d = this.readCopy(key);
        return this.info(key, key.slice(SNAPSHOT_PREFIX.length, SNAPSHOT_PREFIX.length + 10), d);
      });
  }

  listBackups(): SavedCopy[] {
    return this.keysWith(BACKUP_PREFIX)
      .sort()
      .reverse()
      .map((key) => this.info(key, key.slice(BACKUP_PREFIX.length), this.readCopy(key)));
  }

  private info(key: string, at: string, d: (DecodedState & { reason: string; eventCount: number }) | null): SavedCopy {
    const damaged = !d || !d.plan;
    return {
      key,
      at,
      reason: damaged ? '已损坏，无法恢复' : d.reason,
      bytes: this.sizes.get(key) ?? 0,
      tasks: d?.plan?.tasks.length ?? 0,
      events: d?.eventCount ?? 0,
      planTitle: d?.plan?.title ?? '',
      damaged,
    };
  }

  /** A snapshot or backup, through the same tolerant read path as the live data. */
  readCopy(key: string): (DecodedState & { reason: string; eventCount: number }) | null {
    const text = this.safeGet(key);
    if (text === null) return null;
    const count = (o: unknown, d: DecodedState) => {
      const n = o && typeof o === 'object' ? (o as { events?: unknown }).events : undefined;
      return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? Math.max(n, d.events.length) : d.events.length;
    };
    let outer: unknown = null;
    try {
      outer = JSON.parse(text);
    } catch {
      // damaged: read below as well as it can be
    }
    if (key.startsWith(BACKUP_PREFIX)) {
      const o = outer as { reason?: unknown; data?: unknown } | null;
      if (o && typeof o === 'object' && o.data !== undefined) {
        const d = decodeText(JSON.stringify(o.data), this.now());
        return { ...d, reason: typeof o.reason === 'string' ? o.reason : '自动备份', eventCount: count(o, d) };
      }
      const d = decodeText(text, this.now());
      return { ...d, reason: '自动备份（已损坏）', eventCount: d.events.length };
    }
    const d = decodeText(text, this.now());
    return { ...d, reason: d.damaged ? '每日快照（部分损坏）' : '每日快照', eventCount: count(outer, d) };
  }

  deleteCopy(key: string) {
    if (key.startsWith(SNAPSHOT_PREFIX) || key.startsWith(BACKUP_PREFIX)) this.removeItem(key);
    this.report();
  }

  // ---------------------------------------------------------------- usage

  private safeGet(key: string): string | null {
    try {
      return this.backend.getItem(key);
    } catch {
      return null;
    }
  }

  keysWith(prefix: string): string[] {
    const out: string[] = [];
    try {
      for (let i = 0; i < this.backend.length; i++) {
        const k = this.backend.key(i);
        if (k !== null && k.startsWith(prefix)) out.push(k);
      }
    } catch {
      // storage unavailable: nothing to list
    }
    return out;
  }

  /**
   * Re-measures every key (at start, when another tab changed something, after a failed save).
   * The quota belongs to the origin, not to the app: keys that are not ours (another page served
   * from the same address) take room too, and a meter that left them out would show 1 % while
   * saving fails for want of space.
   */
  measureAll() {
    this.sizes.clear();
    for (const k of this.keysWith('')) {
      const v = this.safeGet(k);
      if (v !== null) this.sizes.set(k, storedBytes(k, v));
    }
  }

  /** A key written outside write() (the log over localStorage): keep the meter's sum right. */
  noteSize(key: string, value: string | null) {
    if (value === null) this.sizes.delete(key);
    else this.sizes.set(key, storedBytes(key, value));
  }

  usedBytes(): number {
    let n = 0;
    for (const v of this.sizes.values()) n += v;
    return n;
  }

  report() {
    this.hooks?.onStatus({ usedBytes: this.usedBytes(), quotaBytes: this.quotaBytes, saveFailed: this.saveFailed, snapshotNoRoom: this.snapshotNoRoom });
  }
}

/** navigator.locks as a plain callback lock, when the browser has it. */
function lockFor(): (<T>(name: string, fn: () => Promise<T>) => Promise<T>) | undefined {
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  if (!locks) return undefined;
  return <T,>(name: string, fn: () => Promise<T>) => locks.request(name, fn) as Promise<T>;
}
