/**
 * A localStorage stand-in for store tests: a Map, an optional quota (throws QuotaExceededError
 * like a browser, counting UTF-16 bytes), and a bus so two store instances act as two tabs.
 */
import type { StorageBackend } from '@/store/persistence';

export class FakeStorage implements StorageBackend {
  readonly map = new Map<string, string>();
  /** Bytes (UTF-16, key included); Infinity = no limit. */
  quota = Infinity;
  writes = 0;
  private listeners = new Set<{ fn: (key: string | null) => void }>();

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
    const value = String(v);
    const used = this.used() - (this.map.has(k) ? (k.length + this.map.get(k)!.length) * 2 : 0);
    if (used + (k.length + value.length) * 2 > this.quota) {
      const e = new Error('The quota has been exceeded.');
      e.name = 'QuotaExceededError';
      throw e;
    }
    this.map.set(k, value);
    this.writes++;
    this.emit(k);
  }
  removeItem(k: string) {
    this.map.delete(k);
    this.emit(k);
  }
  used() {
    let n = 0;
    for (const [k, v] of this.map) n += (k.length + v.length) * 2;
    return n;
  }

  /** What a tab passes as `subscribe`: it hears writes made by every *other* tab. */
  tab() {
    const me = { fn: (_k: string | null) => {} };
    let paused = false;
    return {
      subscribe: (fn: (key: string | null) => void) => {
        me.fn = fn;
        this.listeners.add(me);
        return () => void this.listeners.delete(me);
      },
      /** Runs fn as this tab: its own writes are not echoed back to it (as in browsers). */
      as: <T>(fn: () => T): T => {
        this.current = me;
        try {
          return fn();
        } finally {
          this.current = null;
        }
      },
      pause: () => (paused = true),
      get paused() {
        return paused;
      },
    };
  }

  private current: { fn: (key: string | null) => void } | null = null;
  /** When true, events are queued instead of delivered (a tab that has not yet heard). */
  hold = false;
  private queue: Array<() => void> = [];

  private emit(k: string) {
    const from = this.current;
    for (const l of this.listeners) {
      if (l === from) continue;
      const deliver = () => l.fn(k);
      if (this.hold) this.queue.push(deliver);
      else deliver();
    }
  }

  flush() {
    const q = this.queue;
    this.queue = [];
    for (const d of q) d();
  }
}
