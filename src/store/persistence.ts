/**
 * The storage adapter behind zustand's `persist`: it owns every localStorage key of the app and
 * makes sure no data is ever lost.
 *
 * - Writes go to one key in one setItem, so a failed write leaves the previous value intact.
 * - Before each write it reads what is stored; if another tab wrote since, it merges (events by
 *   union, plan by updatedAt) and writes the merge, so a stale tab never drops another's ticks.
 * - A full quota: older snapshots make room first; if it still fails the change stays in memory,
 *   the status says so and the UI offers an export.
 * - Storage that cannot be read as it is gets an untouched copy under a recovery key that only
 *   the user removes; until that copy exists, the main key is not overwritten.
 * - Daily snapshots (last seven days) and automatic backups before a plan is replaced.
 */
import type { PersistStorage, StorageValue } from 'zustand/middleware';
import type { PersistedData } from '@/domain/merge';
import { mergeData } from '@/domain/merge';
import type { SetAsideItem } from '@/domain/restore';
import type { SavedCopy } from '@/store/api';
import { localDay } from '@/lib/ids';
import { decodeText, guessVersion, readEnvelope, serialize, toPersisted, type DecodedState } from '@/store/codec';
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

export interface AdapterHooks {
  /** The save merged in another tab's data: the store should show `data`. */
  onMerged: (data: PersistedData) => void;
  /** Usage or save status changed. */
  onStatus: (status: { usedBytes: number; quotaBytes: number; saveFailed: boolean; snapshotNoRoom: boolean }) => void;
  /** A save failed for want of space (first failure after a success). */
  onSaveFailed: () => void;
}

export function isQuotaError(e: unknown): boolean {
  if (!(e instanceof Error) && !(typeof e === 'object' && e !== null)) return false;
  const err = e as { name?: string; code?: number };
  return err.name === 'QuotaExceededError' || err.name === 'NS_ERROR_DOM_QUOTA_REACHED' || err.code === 22 || err.code === 1014;
}

function sameRefs(a: PersistedData, b: PersistedData): boolean {
  return (
    a.plan === b.plan &&
    a.units === b.units &&
    a.leaders === b.leaders &&
    a.events === b.events &&
    a.issued === b.issued &&
    a.identity === b.identity &&
    a.dropped === b.dropped &&
    a.planSetAt === b.planSetAt
  );
}


export class Persistence implements PersistStorage<PersistedData> {
  /** The text this tab last wrote or read under MAIN_KEY: anything else there came from another tab. */
  private lastRaw: string | null = null;
  private last: PersistedData | null = null;
  private busy = false;
  /** Set while the untouched original could not be copied aside: the main key must not be overwritten. */
  protectMain = false;
  saveFailed = false;
  private sizes = new Map<string, number>();
  /** The envelope of the main key as read at start, for the store's merge. */
  loadedEnvelope: ReturnType<typeof readEnvelope> | null = null;
  loadedRaw: string | null = null;
  lastSnapshotDay: string | null = null;
  /** Today's snapshot was due but did not fit beside the live data (so there is no daily copy). */
  snapshotNoRoom = false;
  private schedule: ((run: () => void) => () => void) | null = null;
  private pending: PersistedData | null = null;
  private cancelScheduled: (() => void) | null = null;

  constructor(
    readonly backend: StorageBackend,
    private readonly now: () => Date,
    readonly quotaBytes = DEFAULT_QUOTA_BYTES,
    private hooks: AdapterHooks | null = null,
  ) {
    this.measureAll();
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
  getItem(name: string): StorageValue<PersistedData> | null {
    const raw = this.safeGet(name);
    this.loadedRaw = raw;
    this.loadedEnvelope = null;
    if (raw === null) return null;
    this.lastRaw = raw;
    const env = readEnvelope(raw);
    this.loadedEnvelope = env;
    // Unversioned or unreadable: treated as the first layout.
    return { state: env.state as PersistedData, version: env.version ?? guessVersion(env.state) };
  }

  setItem(_name: string, value: StorageValue<PersistedData>): void {
    if (this.busy) return;
    const data = value.state;
    if (this.last && sameRefs(this.last, data)) {
      // Back to what is stored (an undo before the write): nothing left to write.
      this.cancelPending();
      return;
    }
    if (!this.schedule) {
      this.saveNow(data);
      return;
    }
    this.pending = data;
    this.cancelScheduled ??= this.schedule(() => {
      this.cancelScheduled = null;
      this.flush();
    });
  }

  /**
   * Writes later instead of inside the click: serialising and storing a city's log takes tens of
   * milliseconds, which would sit between a tick and its paint. Only the newest state is written.
   * The store flushes when the page is hidden or closed, and before reading another tab's write.
   * `null` writes inside set() again (after flushing what is pending).
   */
  deferWrites(schedule: ((run: () => void) => () => void) | null) {
    if (!schedule) this.flush();
    this.schedule = schedule;
  }

  /** Writes the pending state now, if there is one. */
  flush() {
    const data = this.pending;
    this.cancelPending();
    if (data) this.saveNow(data);
  }

  private cancelPending() {
    this.pending = null;
    this.cancelScheduled?.();
    this.cancelScheduled = null;
  }

  private saveNow(data: PersistedData) {
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
  markSaved(data: PersistedData) {
    this.last = data;
  }

  private save(data: PersistedData) {
    if (this.protectMain) {
      this.fail();
      return;
    }
    let out = data;
    const stored = this.safeGet(MAIN_KEY);
    if (stored !== null && stored !== this.lastRaw) {
      // Another tab wrote since this one last looked: merge instead of overwriting.
      const theirs = toPersisted(decodeText(stored, this.now()), data);
      if (theirs) {
        const m = mergeData(data, theirs);
        out = m.data;
        if (m.displaced) this.backup(m.displaced, '另一个标签页替换了计划，这是被替换的计划');
      }
    }
    this.maybeSnapshot(this.last ?? out);
    const text = serialize(out);
    if (this.write(MAIN_KEY, text, true)) {
      this.lastRaw = text;
      this.last = out;
      this.saveFailed = false;
      if (out !== data) this.hooks?.onMerged(out);
      this.report();
    } else {
      this.fail();
    }
  }

  private fail() {
    const first = !this.saveFailed;
    this.saveFailed = true;
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
    if (snaps.length) {
      this.removeItem(snaps[0]!);
      return true;
    }
    const backups = this.keysWith(BACKUP_PREFIX).filter((k) => k !== except).sort();
    if (backups.length > 1) {
      this.removeItem(backups[0]!);
      return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- another tab

  /**
   * Another tab changed the main key: read it and merge it into `mine`. Returns the merged data,
   * or null when nothing new is there. Does not write: the other tab already stored its merge.
   */
  readOtherTab(mine: PersistedData): PersistedData | null {
    // A write still pending must go first, merged with the other tab's (read-merge-write);
    // otherwise it would later overwrite what the other tab stored.
    this.flush();
    this.measureAll();
    const stored = this.safeGet(MAIN_KEY);
    if (stored === null || stored === this.lastRaw) {
      this.report();
      return null;
    }
    const theirs = toPersisted(decodeText(stored, this.now()), mine);
    this.lastRaw = stored;
    if (!theirs) return null;
    // The other tab wrote last, so its identity is the browser's current one.
    const m = mergeData({ ...mine, identity: theirs.identity }, theirs);
    if (m.displaced) this.backup(m.displaced, '另一个标签页替换了计划，这是被替换的计划');
    this.last = m.data;
    // No report() here: the status hook updates the store, and the store would then save its state
    // from before this merge over what the other tab just stored. The caller reports once it shows
    // the merged data.
    return m.data;
  }

  // ---------------------------------------------------------------- recovery

  /**
   * Copies the untouched stored text aside. If that copy cannot be written, the main key is
   * protected: nothing overwrites it until the user has exported and decided.
   */
  keepRecoveryCopy(original: string, message: string, setAside: SetAsideItem[]): string | null {
    let key = `${RECOVERY_PREFIX}${this.now().toISOString()}`;
    // Never overwrite an earlier copy, even one taken in the same millisecond.
    for (let n = 2; this.safeGet(key) !== null; n++) key = `${RECOVERY_PREFIX}${this.now().toISOString()}-${n}`;
    const asideText = JSON.stringify({ savedAt: this.now().toISOString(), message, setAside });
    if (!this.write(key, original, false)) {
      this.protectMain = true;
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

  private maybeSnapshot(data: PersistedData) {
    // Nothing to keep: on a first start the data "as found" is the placeholder shown while the
    // seed loads, and a snapshot of it would use up the day (restoring it shows 正在载入 for good).
    // The day stays open for the next save, whose data before the change is worth keeping.
    if (data.plan.tasks.length === 0 && data.plan.targets.length === 0 && data.events.length === 0) return;
    const day = localDay(this.now());
    if (this.lastSnapshotDay === day) return;
    this.lastSnapshotDay = day;
    const key = SNAPSHOT_PREFIX + day;
    if (this.safeGet(key) !== null) return;
    const text = serialize(data);
    // Size-aware: a snapshot is a convenience; it only takes room the live data can spare.
    const cap = this.quotaBytes * 0.9;
    const need = storedBytes(key, text);
    const olders = this.keysWith(SNAPSHOT_PREFIX).sort();
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
  snapshotNow(data: PersistedData) {
    this.maybeSnapshot(data);
    this.report();
  }

  private pruneSnapshots() {
    const keys = this.keysWith(SNAPSHOT_PREFIX).sort();
    while (keys.length > SNAPSHOT_DAYS) this.removeItem(keys.shift()!);
  }

  /** Stores a full copy before a destructive change. Returns its key, or null when it did not fit. */
  backup(data: PersistedData, reason: string): string | null {
    let key = `${BACKUP_PREFIX}${this.now().toISOString()}`;
    for (let n = 2; this.safeGet(key) !== null; n++) key = `${BACKUP_PREFIX}${this.now().toISOString()}-${n}`;
    const text = JSON.stringify({ reason, data: JSON.parse(serialize(data)) as unknown });
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
      .flatMap((key) => {
        const d = this.readCopy(key);
        return d ? [this.info(key, key.slice(SNAPSHOT_PREFIX.length), '每日快照', d)] : [];
      });
  }

  listBackups(): SavedCopy[] {
    return this.keysWith(BACKUP_PREFIX)
      .sort()
      .reverse()
      .flatMap((key) => {
        const d = this.readCopy(key);
        return d ? [this.info(key, key.slice(BACKUP_PREFIX.length), d.reason, d)] : [];
      });
  }

  private info(key: string, at: string, reason: string, d: DecodedState): SavedCopy {
    return {
      key,
      at,
      reason,
      bytes: this.sizes.get(key) ?? 0,
      tasks: d.plan?.tasks.length ?? 0,
      events: d.events.length,
      planTitle: d.plan?.title ?? '',
    };
  }

  /** A snapshot or backup, through the same tolerant read path as the live data. */
  readCopy(key: string): (DecodedState & { reason: string }) | null {
    const text = this.safeGet(key);
    if (text === null) return null;
    if (key.startsWith(BACKUP_PREFIX)) {
      try {
        const o = JSON.parse(text) as { reason?: unknown; data?: unknown };
        return { ...decodeText(JSON.stringify(o.data), this.now()), reason: typeof o.reason === 'string' ? o.reason : '自动备份' };
      } catch {
        return { ...decodeText(text, this.now()), reason: '自动备份（已损坏）' };
      }
    }
    return { ...decodeText(text, this.now()), reason: '每日快照' };
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

  usedBytes(): number {
    let n = 0;
    for (const v of this.sizes.values()) n += v;
    return n;
  }

  report() {
    this.hooks?.onStatus({ usedBytes: this.usedBytes(), quotaBytes: this.quotaBytes, saveFailed: this.saveFailed, snapshotNoRoom: this.snapshotNoRoom });
  }
}
