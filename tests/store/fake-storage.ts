/**
 * A localStorage stand-in for store tests: a Map, an optional quota (throws QuotaExceededError as
 * browsers do, counting UTF-16 bytes, key included), and tabs: `tab()` gives a view of the same
 * storage plus a `subscribe` that hears the *other* tabs' writes, like the browser's storage event.
 */
import type { StorageBackend } from '@/store/persistence';

type Listener = (key: string | null) => void;

export class FakeStorage implements StorageBackend {
  readonly map = new Map<string, string>();
  /** Bytes (UTF-16, key included); Infinity = no limit. */
  quota = Infinity;
  /** While true, storage events are queued (a tab that has not heard yet); flush() delivers them. */
  hold = false;
  private queue: Array<() => void> = [];
  private listeners = new Map<object, Listener>();

  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.write(null, k, String(v));
  }
  removeItem(k: string) {
    this.map.delete(k);
    this.emit(null, k);
  }
  used() {
    let n = 0;
    for (const [k, v] of this.map) n += (k.length + v.length) * 2;
    return n;
  }

  private write(from: object | null, k: string, value: string) {
    const old = this.map.get(k);
    const used = this.used() - (old !== undefined ? (k.length + old.length) * 2 : 0);
    if (used + (k.length + value.length) * 2 > this.quota) {
      const e = new Error('The quota has been exceeded.');
      e.name = 'QuotaExceededError';
      throw e;
    }
    this.map.set(k, value);
    this.emit(from, k);
  }

  private emit(from: object | null, k: string) {
    for (const [tab, fn] of this.listeners) {
      if (tab === from) continue;
      if (this.hold) this.queue.push(() => fn(k));
      else fn(k);
    }
  }

  flush() {
    const q = this.queue;
    this.queue = [];
    for (const d of q) d();
  }

  /** One browser tab's view: writes through it are heard by every other tab, not by itself. */
  tab(): { storage: StorageBackend; subscribe: (fn: Listener) => () => void } {
    const me = {};
    const storage = new TabView(this, (k, v) => this.write(me, k, v), (k) => {
      this.map.delete(k);
      this.emit(me, k);
    });
    return {
      storage,
      subscribe: (fn) => {
        this.listeners.set(me, fn);
        return () => void this.listeners.delete(me);
      },
    };
  }
}

/** A tab's window onto the shared storage: reads are shared, writes are marked as this tab's. */
class TabView implements StorageBackend {
  constructor(
    private readonly shared: FakeStorage,
    readonly setItem: (k: string, v: string) => void,
    readonly removeItem: (k: string) => void,
  ) {}
  get length() {
    return this.shared.length;
  }
  key(i: number) {
    return this.shared.key(i);
  }
  getItem(k: string) {
    return this.shared.getItem(k);
  }
}
