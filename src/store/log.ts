/**
 * The event log on disk: one record per event while it is recent (the journal), sealed chunks of
 * SEAL_AT events once there are enough. Every event of a plan is in exactly this log; the working
 * state (plan, units, identity…) lives in localStorage beside it (src/store/persistence.ts).
 *
 * - A tick, a note or an urge writes one small record under its own key (`j|plan|id`): a bounded
 *   write, committed by IndexedDB at once (a browser killed two seconds later keeps it).
 * - Two tabs never lose each other's events: each writes its own records, nothing is read,
 *   changed and written back. A BroadcastChannel (IndexedDB) or the storage event (localStorage)
 *   tells the other tab, which merges them into memory.
 * - Sealing moves journal records into one chunk and deletes them in one transaction; two tabs
 *   sealing at once could at worst write an event twice, which the union by id absorbs.
 * - A damaged record or chunk loses only itself (what can be read of it is salvaged).
 *
 * Backends: IndexedDB in the browser (`IdbKv`), the same layout over localStorage where there is
 * no IndexedDB (`StorageKv`, also what the unit tests use through a fake localStorage).
 */
import { sortEvents } from '@/domain/events';
import { EventSchema, type PlanEvent } from '@/domain/model';
import { mergeEvents } from '@/domain/merge';
import { restoreEvents, type SetAsideItem } from '@/domain/restore';
import { decodeChunk, decodeRecord, encodeChunk, encodeRecord, packId, unpackId } from '@/store/codec';
import type { StorageBackend } from '@/store/persistence';

/** Journal records are sealed into one chunk when this many have gathered. */
export const SEAL_AT = 1000;

/** The key-value store under the log; every value is a string. */
export interface LogKv {
  readonly kind: 'indexeddb' | 'localstorage';
  list(prefix: string): Promise<Array<[string, string]>>;
  /** All puts and deletes, or none (IndexedDB); puts first, then deletes (localStorage). */
  commit(puts: Array<[string, string]>, deletes: string[]): Promise<void>;
  /** Present when the backend answers at once (localStorage): the log then loads synchronously. */
  readonly sync?: {
    list(prefix: string): Array<[string, string]>;
    commit(puts: Array<[string, string]>, deletes: string[]): void;
  };
  /** Another tab committed: `puts` as it wrote them. */
  watch?(onChange: (puts: Array<[string, string]>) => void): () => void;
  /** Bytes used and available, when the browser says (navigator.storage.estimate()). */
  estimate?(): Promise<{ usage: number; quota: number } | null>;
  close?(): void;
}

const enc = (planId: string) => encodeURIComponent(planId);
export const journalPrefix = (planId: string) => `j|${enc(planId)}|`;
export const chunkPrefix = (planId: string) => `c|${enc(planId)}|`;

/** What a load of one plan's log found. */
export interface LoadedLog {
  events: PlanEvent[];
  /** Records that could not be restored, with the reason and the original value. */
  setAside: SetAsideItem[];
  /** Records whose text was damaged: key and untouched text, for a recovery copy. */
  damaged: Array<[string, string]>;
  journal: number;
  chunks: number;
}

/** Reads every record of one plan's log; never throws. */
export function decodeLog(planId: string, entries: Array<[string, string]>): LoadedLog {
  const jp = journalPrefix(planId);
  const cp = chunkPrefix(planId);
  const trusted: PlanEvent[] = [];
  const raw: unknown[] = [];
  const damaged: Array<[string, string]> = [];
  let journal = 0;
  let chunks = 0;
  for (const [key, text] of entries) {
    if (key.startsWith(cp)) {
      chunks++;
      let d: ReturnType<typeof decodeChunk>;
      try {
        d = decodeChunk(text);
      } catch {
        d = { events: [], sealed: false, damaged: true };
      }
      // A sealed chunk's events were validated before they were sealed: read them as they are.
      if (d.sealed) trusted.push(...(d.events as PlanEvent[]));
      else raw.push(...d.events);
      if (d.damaged || !d.sealed) damaged.push([key, text]);
    } else if (key.startsWith(jp)) {
      journal++;
      const r = decodeRecord(text);
      raw.push(r.event);
      if (r.damaged) damaged.push([key, text]);
    }
  }
  const report = { restored: 0, setAside: [] as SetAsideItem[], repaired: [] as string[] };
  const checked = raw.length ? restoreEvents(raw, report) : [];
  const all = checked.length ? [...trusted, ...checked] : trusted;
  // Usually every id is there once: then only the order is needed (chunks come in the order they
  // were sealed, so this is mostly a check). A repeated id takes the merge's own rule for two
  // versions of one id, the same on every load.
  const ids = new Set<string>();
  for (const e of all) ids.add(e.id);
  if (ids.size === all.length) return { events: sortEvents(all), setAside: report.setAside, damaged, journal, chunks };
  const m = mergeEvents(all, []);
  for (const c of m.conflicts) report.setAside.push({ where: `事件（${c.id}）`, reason: `事件编号 ${c.id} 重复且内容不同，保留了另一条`, value: c.dropped });
  return { events: m.events, setAside: report.setAside, damaged, journal, chunks };
}

/**
 * One plan's log as the store uses it: which ids are already on disk, appends, sealing, and the
 * other tabs' appends.
 */
export class EventLog {
  planId = '';
  /**
   * Ids of the current plan's events known to be in the log (written or read), each with whether
   * the copy there is signed: an event is signed a moment after it is written, and its signed
   * copy then replaces the unsigned record (see needs()).
   */
  readonly known = new Map<string, boolean>();

  /** Must this version of an event still be written: a new id, or the signed copy of one the log holds unsigned? */
  needs(e: PlanEvent): boolean {
    const signed = this.known.get(e.id);
    return signed === undefined || (!signed && e.sig !== undefined);
  }
  /** Journal records of the current plan not yet sealed (as far as this tab knows). */
  private journalCount = 0;
  private sealing = false;
  /** Appends not yet committed: flush() waits for them. */
  private inFlight = new Set<Promise<void>>();
  /** The last append failed (quota, storage gone): these events wait for the next try. */
  failed: PlanEvent[] = [];
  lastError: unknown = null;

  constructor(
    public kv: LogKv,
    private readonly hooks: {
      /** A write failed or succeeded again after failing. */
      onWriteStatus?: (ok: boolean, error: unknown) => void;
      /** Runs the seal under a lock shared by the tabs when the browser has one. */
      lock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
    } = {},
  ) {}

  /** While the backend is still opening (IndexedDB), appends wait in `failed` for it. */
  private waiting = false;

  /** The backend is being opened: hold appends until useKv(). */
  waitForKv() {
    this.waiting = true;
  }

  useKv(kv: LogKv) {
    this.kv = kv;
    this.waiting = false;
  }

  /** Loads a plan's log (at once when the backend is synchronous, else null). */
  loadSync(planId: string): LoadedLog | null {
    if (!this.kv.sync || this.waiting) return null;
    const all = [...this.kv.sync.list(journalPrefix(planId)), ...this.kv.sync.list(chunkPrefix(planId))];
    return this.took(planId, decodeLog(planId, all));
  }

  async load(planId: string): Promise<LoadedLog> {
    const sync = this.loadSync(planId);
    if (sync) return sync;
    const gen = this.gen;
    const [j, c] = await Promise.all([this.kv.list(journalPrefix(planId)), this.kv.list(chunkPrefix(planId))]);
    const loaded = decodeLog(planId, [...c, ...j]);
    // Another plan was taken up while this one was read: its log is the current one now.
    return gen === this.gen ? this.took(planId, loaded) : loaded;
  }

  /** Counts switches of plan, so a load that finishes late does not take the log back. */
  private gen = 0;

  private took(planId: string, loaded: LoadedLog): LoadedLog {
    if (planId !== this.planId) {
      this.planId = planId;
      this.known.clear();
      this.failed = [];
    }
    for (const e of loaded.events) this.known.set(e.id, e.sig !== undefined);
    this.journalCount = loaded.journal;
    return loaded;
  }

  /** Starts a plan's log with nothing known (a plan just replaced, before its load). */
  switchTo(planId: string) {
    this.gen++;
    if (planId === this.planId) return;
    this.planId = planId;
    this.known.clear();
    this.failed = [];
    this.journalCount = 0;
  }

  /**
   * Writes events not yet in the log, each as its own record. Resolves when they are committed
   * (rejects on failure; the events are kept in `failed` and written with the next append).
   */
  append(events: readonly PlanEvent[]): Promise<void> {
    const fresh = events.filter((e) => this.needs(e));
    const freshIds = new Set(fresh.map((e) => e.id));
    const retry = this.failed.filter((e) => !freshIds.has(e.id));
    const todo = [...retry, ...fresh];
    if (!todo.length) return Promise.resolve();
    if (this.waiting) {
      this.failed = todo;
      return Promise.resolve();
    }
    for (const e of todo) this.known.set(e.id, e.sig !== undefined);
    this.failed = [];
    const jp = journalPrefix(this.planId);
    // Many at once (an older layout moved in, a backup restored): straight into sealed chunks;
    // one journal record each would be thousands of writes.
    const whole = todo.length >= SEAL_AT ? todo.length - (todo.length % SEAL_AT) : 0;
    const puts: Array<[string, string]> = [];
    for (let i = 0; i < whole; i += SEAL_AT) puts.push([this.newChunkKey(), encodeChunk(todo.slice(i, i + SEAL_AT))]);
    for (const e of todo.slice(whole)) puts.push([`${jp}${packId(e.id)}`, encodeRecord(e)]);
    const journalAdded = todo.length - whole;
    if (this.kv.sync) {
      try {
        this.kv.sync.commit(puts, []);
        this.settle(todo, journalAdded, true, null);
        return Promise.resolve();
      } catch (e) {
        this.settle(todo, journalAdded, false, e);
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    // Everything appended in one task (a click, an import) goes in one transaction, started as
    // soon as that task ends.
    let b = this.batch;
    if (!b) {
      const batch = { puts: [] as Array<[string, string]>, todo: [] as PlanEvent[], journal: 0, promise: Promise.resolve() };
      batch.promise = Promise.resolve().then(() => {
        if (this.batch === batch) this.batch = null;
        return this.kv.commit(batch.puts, []).then(
          () => this.settle(batch.todo, batch.journal, true, null),
          (e: unknown) => {
            this.settle(batch.todo, batch.journal, false, e);
            throw e;
          },
        );
      });
      const tracked = batch.promise.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
      this.inFlight.add(tracked);
      this.batch = b = batch;
    }
    b.puts.push(...puts);
    b.todo.push(...todo);
    b.journal += journalAdded;
    return b.promise;
  }

  private batch: { puts: Array<[string, string]>; todo: PlanEvent[]; journal: number; promise: Promise<void> } | null = null;

  private settle(todo: PlanEvent[], journalAdded: number, ok: boolean, error: unknown) {
    if (ok) {
      this.journalCount += journalAdded;
      this.lastError = null;
      this.hooks.onWriteStatus?.(true, null);
      if (this.journalCount >= SEAL_AT) void this.seal().catch(() => undefined);
    } else {
      for (const e of todo) this.known.delete(e.id);
      this.failed = [...this.failed, ...todo];
      this.lastError = error;
      this.hooks.onWriteStatus?.(false, error);
    }
  }

  /** Resolves when every append started so far has committed or failed. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** Marks events as already in the log (another tab wrote them, or they were just loaded). */
  markKnown(events: readonly PlanEvent[]) {
    for (const e of events) this.known.set(e.id, e.sig !== undefined);
  }

  /**
   * Moves the current plan's journal into one sealed chunk (one transaction: chunk written,
   * records deleted). Runs under a lock shared by the tabs when there is one.
   */
  async seal(): Promise<void> {
    const planId = this.planId;
    const sync = this.kv.sync;
    if (sync) {
      // One synchronous step (localStorage): nothing can come between the read and the write.
      const entries = sync.list(journalPrefix(planId));
      const plan = this.sealPlan(planId, entries);
      if (plan) sync.commit(plan.puts, plan.deletes);
      this.journalCount = plan ? 0 : entries.length;
      return;
    }
    if (this.sealing) return;
    this.sealing = true;
    const run = async () => {
      const entries = await this.kv.list(journalPrefix(planId));
      const plan = this.sealPlan(planId, entries);
      if (plan) await this.kv.commit(plan.puts, plan.deletes);
      if (planId === this.planId) this.journalCount = Math.max(0, this.journalCount - (plan?.deletes.length ?? 0));
    };
    try {
      await (this.hooks.lock ? this.hooks.lock(`luoshi-seal`, run) : run());
    } finally {
      this.sealing = false;
    }
  }

  /** The chunk that seals these journal records, and the records it replaces (null: too few). */
  private sealPlan(planId: string, entries: Array<[string, string]>): { puts: Array<[string, string]>; deletes: string[] } | null {
    if (entries.length < SEAL_AT) return null;
    const loaded = decodeLog(planId, entries);
    // Damaged records stay where they are (their recovery copy is made on load); only the
    // records read whole move into the chunk.
    const bad = new Set(loaded.damaged.map(([k]) => k));
    const good = new Set(loaded.events.map((e) => e.id));
    const deletes = entries.filter(([k]) => !bad.has(k) && good.has(idOfKey(k))).map(([k]) => k);
    const text = encodeChunk(loaded.events.filter((e) => !bad.has(`${journalPrefix(planId)}${packId(e.id)}`)));
    return { puts: [[this.newChunkKey(planId), text]], deletes };
  }

  /** A unique chunk key; chunks are read in key order, roughly the order they were sealed. */
  private newChunkKey(planId = this.planId): string {
    return `${chunkPrefix(planId)}${Date.now().toString(36).padStart(9, '0')}-${Math.random().toString(36).slice(2, 10)}`;
  }

  /** Another tab's journal records: the events of the current plan new to this tab, validated. */
  readOther(puts: Array<[string, string]>): PlanEvent[] {
    const jp = journalPrefix(this.planId);
    const out: PlanEvent[] = [];
    for (const [k, v] of puts) {
      if (!k.startsWith(jp)) continue;
      const r = EventSchema.safeParse(decodeRecord(v).event);
      if (!r.success || !this.needs(r.data)) continue;
      out.push(r.data);
      this.known.set(r.data.id, r.data.sig !== undefined);
      this.journalCount++;
    }
    return out;
  }
}

/** The event id of a journal key (`j|plan|<packed id>`). */
function idOfKey(key: string): string {
  // The plan id is URI-encoded (no `|`); the event id after it may hold anything.
  return unpackId(key.slice(key.indexOf('|', 2) + 1));
}

// ------------------------------------------------------------------------------- backends

/** The log's layout over a localStorage-like store (all keys under one prefix). */
export class StorageKv implements LogKv {
  readonly kind = 'localstorage' as const;
  readonly sync: NonNullable<LogKv['sync']>;
  constructor(
    private readonly backend: StorageBackend,
    readonly prefix = 'luoshi:log:',
    /** Told of every key written or removed (the storage meter counts them). */
    private readonly onWrite?: (key: string, value: string | null) => void,
  ) {
    this.sync = {
      list: (p) => {
        const out: Array<[string, string]> = [];
        const full = this.prefix + p;
        const keys: string[] = [];
        for (let i = 0; i < this.backend.length; i++) {
          const k = this.backend.key(i);
          if (k !== null && k.startsWith(full)) keys.push(k);
        }
        keys.sort();
        for (const k of keys) {
          const v = this.backend.getItem(k);
          if (v !== null) out.push([k.slice(this.prefix.length), v]);
        }
        return out;
      },
      commit: (puts, deletes) => {
        for (const [k, v] of puts) {
          this.backend.setItem(this.prefix + k, v);
          this.onWrite?.(this.prefix + k, v);
        }
        for (const k of deletes) {
          this.backend.removeItem(this.prefix + k);
          this.onWrite?.(this.prefix + k, null);
        }
      },
    };
  }
  list(prefix: string) {
    return Promise.resolve(this.sync.list(prefix));
  }
  commit(puts: Array<[string, string]>, deletes: string[]) {
    try {
      this.sync.commit(puts, deletes);
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }
}

const DB_NAME = 'luoshi';
const STORE = 'kv';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB 请求失败'));
  });
}

/** The log in IndexedDB: one object store of string values under string keys. */
export class IdbKv implements LogKv {
  readonly kind = 'indexeddb' as const;
  private channel: BroadcastChannel | null = null;
  private listeners = new Set<(puts: Array<[string, string]>) => void>();

  private constructor(
    private readonly db: IDBDatabase,
    channelName: string,
  ) {
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(channelName);
      this.channel.onmessage = (m: MessageEvent<{ puts?: Array<[string, string]> }>) => {
        const puts = m.data?.puts;
        if (Array.isArray(puts)) for (const l of this.listeners) l(puts);
      };
    }
    // Another tab upgrading the database (a newer app) asks this one to let go.
    db.onversionchange = () => db.close();
  }

  /** Opens (creating if needed) the database; null when the browser has no usable IndexedDB. */
  static async open(name = DB_NAME): Promise<IdbKv | null> {
    if (typeof indexedDB === 'undefined') return null;
    try {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
      };
      const db = await request(r);
      return new IdbKv(db, `${name}:log`);
    } catch {
      return null;
    }
  }

  async list(prefix: string): Promise<Array<[string, string]>> {
    const tx = this.db.transaction(STORE, 'readonly');
    const s = tx.objectStore(STORE);
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    const [keys, values] = await Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]);
    return keys.map((k, i) => [String(k), String(values[i])]);
  }

  commit(puts: Array<[string, string]>, deletes: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      let tx: IDBTransaction;
      try {
        tx = this.db.transaction(STORE, 'readwrite');
        const s = tx.objectStore(STORE);
        for (const [k, v] of puts) s.put(v, k);
        for (const k of deletes) s.delete(k);
        // Sent for commit now, not when the task ends: a reload or close right after a tick
        // would otherwise abort the transaction with the page.
        tx.commit?.();
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      tx.oncomplete = () => {
        const journal = puts.filter(([k]) => k.startsWith('j|'));
        if (journal.length) this.channel?.postMessage({ puts: journal });
        resolve();
      };
      const fail = () => reject(tx.error ?? new DOMException('IndexedDB 事务中止', 'AbortError'));
      tx.onerror = fail;
      tx.onabort = fail;
    });
  }

  watch(onChange: (puts: Array<[string, string]>) => void): () => void {
    this.listeners.add(onChange);
    return () => void this.listeners.delete(onChange);
  }

  async estimate(): Promise<{ usage: number; quota: number } | null> {
    try {
      const e = await navigator.storage?.estimate?.();
      return e && typeof e.usage === 'number' && typeof e.quota === 'number' ? { usage: e.usage, quota: e.quota } : null;
    } catch {
      return null;
    }
  }

  close() {
    this.channel?.close();
    this.db.close();
  }
}
