/**
 * The plan's events in memory: an immutable list in (at, id) order whose append costs the same at
 * 200,000 events as at 20 (issue 14: a tick must not grow with the log).
 *
 * The events sit in chunks of CHUNK; versions of the list share them. A version is its chunks and
 * a length, so the newest version appends by pushing onto the last chunk, which the older versions
 * never read past their own length: no copy, and every version stays what it was. Anything else
 * (an append to an older version, an event that sorts a little earlier, a signed copy in place of
 * its record) copies one chunk and the list of chunks, never the events.
 *
 * Each change gives a new object, so React and the memoised selectors see a new reference;
 * `changesSince` tells a selector what changed between two versions by comparing chunks, so the
 * task states are derived again only for the tasks touched (src/store/derived.ts).
 */
import { compareEvents, isSortedEvents } from '@/domain/events';
import { isSignedCopy } from '@/domain/merge';
import type { PlanEvent } from '@/domain/model';

const SHIFT = 10;
const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

export interface EventChanges {
  /** Events after the earlier version's end. */
  added: PlanEvent[];
  /** [before, after] pairs of one id at one place (a signed copy in place of its record). */
  replaced: Array<[PlanEvent, PlanEvent]>;
}

export class EventList implements Iterable<PlanEvent> {
  static readonly EMPTY = new EventList([], 0);

  /** A list of these events (in (at, id) order, as every merge and load gives them; sorted if not). */
  static from(given: readonly PlanEvent[] | EventList): EventList {
    if (given instanceof EventList) return given;
    return EventList.ofSorted(isSortedEvents(given) ? given : [...given].sort(compareEvents));
  }

  /** A list of events the caller knows to be in (at, id) order (a load of the log, a merge's result). */
  static ofSorted(events: readonly PlanEvent[]): EventList {
    if (!events.length) return EventList.EMPTY;
    const chunks: PlanEvent[][] = [];
    for (let i = 0; i < events.length; i += CHUNK) chunks.push(events.slice(i, i + CHUNK));
    const list = new EventList(chunks, events.length);
    list.array = events as PlanEvent[];
    return list;
  }

  /** The events as one array, made on first use (O(n)) and kept for this version. */
  private array: PlanEvent[] | null = null;

  private constructor(
    private readonly chunks: readonly PlanEvent[][],
    readonly length: number,
  ) {}

  at(i: number): PlanEvent | undefined {
    if (i < 0) i += this.length;
    return i >= 0 && i < this.length ? this.chunks[i >> SHIFT]![i & MASK] : undefined;
  }

  *[Symbol.iterator](): IterableIterator<PlanEvent> {
    let left = this.length;
    for (const c of this.chunks) {
      const n = Math.min(left, c.length);
      for (let j = 0; j < n; j++) yield c[j]!;
      left -= n;
      if (!left) return;
    }
  }

  /**
   * Every event as an array, for code that takes one (files, merges, reports): made once per
   * version and shared, so it is never to be changed (mutable in type only for the domain's
   * signatures).
   */
  toArray(): PlanEvent[] {
    if (this.array) return this.array;
    const out = new Array<PlanEvent>(this.length);
    let k = 0;
    for (const c of this.chunks) for (let j = 0; j < c.length && k < this.length; j++) out[k++] = c[j]!;
    this.array = out;
    return out;
  }

  toJSON(): PlanEvent[] {
    return this.toArray();
  }

  filter(keep: (e: PlanEvent) => boolean): PlanEvent[] {
    const out: PlanEvent[] = [];
    this.each((e) => {
      if (keep(e)) out.push(e);
    });
    return out;
  }

  map<T>(fn: (e: PlanEvent) => T): T[] {
    const out = new Array<T>(this.length);
    let i = 0;
    this.each((e) => void (out[i++] = fn(e)));
    return out;
  }

  find(test: (e: PlanEvent) => boolean): PlanEvent | undefined {
    let hit: PlanEvent | undefined;
    this.each((e) => (test(e) ? ((hit = e), false) : true));
    return hit;
  }

  some(test: (e: PlanEvent) => boolean): boolean {
    return this.find(test) !== undefined;
  }

  every(test: (e: PlanEvent) => boolean): boolean {
    return this.find((e) => !test(e)) === undefined;
  }

  /** Calls `fn` for each event in order; stops when it returns false. */
  private each(fn: (e: PlanEvent) => boolean | void) {
    let left = this.length;
    for (const c of this.chunks) {
      const n = Math.min(left, c.length);
      for (let j = 0; j < n; j++) if (fn(c[j]!) === false) return;
      left -= n;
      if (!left) return;
    }
  }

  /**
   * The list with `e` in its (at, id) place. The usual case, an event newer than every other
   * written by the newest version, pushes onto the shared last chunk: O(1).
   */
  append(e: PlanEvent): EventList {
    const n = this.length;
    const last = n ? this.at(n - 1)! : null;
    if (!last || compareEvents(last, e) <= 0) {
      const ci = n >> SHIFT;
      const off = n & MASK;
      if (off === 0) return new EventList([...this.chunks.slice(0, ci), [e]], n + 1);
      const c = this.chunks[ci]!;
      // Nobody appended to this chunk past this version's end yet: take the slot.
      if (c.length === off) {
        c.push(e);
        return new EventList(this.chunks, n + 1);
      }
      return this.withChunk(ci, [...c.slice(0, off), e], n + 1);
    }
    // Sorts a little earlier (two events in one millisecond, ids in random order): moved into
    // place within the last chunk, or, rarely, across chunks from a copy of the whole list.
    let i = n - 1;
    while (i > 0 && compareEvents(this.at(i - 1)!, e) > 0) i--;
    const ci = i >> SHIFT;
    if (ci !== (n - 1) >> SHIFT || (n & MASK) === 0) {
      const all = this.toArray().slice();
      all.splice(i, 0, e);
      return EventList.from(all);
    }
    const c = this.chunks[ci]!.slice(0, n - (ci << SHIFT));
    c.splice(i & MASK, 0, e);
    return this.withChunk(ci, c, n + 1);
  }

  /**
   * The list with the signed copy of one of its events in that event's place (found by its
   * (at, id) place: no walk of the list). Null when the id is not here; this list unchanged when
   * what is here is not the unsigned version of the same record.
   */
  replace(signed: PlanEvent): EventList | null {
    const i = this.indexOfCopy(signed);
    return i === null ? null : i < 0 ? this : this.replacing(new Map([[i, signed]]));
  }

  /**
   * The list with each signed copy in its record's place, each chunk copied once however many of
   * its events were signed; with the copies that took a place (the others are not here, or not
   * the unsigned version of what is).
   */
  replaceAll(signed: readonly PlanEvent[]): { list: EventList; replaced: PlanEvent[] } {
    const at = new Map<number, PlanEvent>();
    for (const e of signed) {
      const i = this.indexOfCopy(e);
      if (i !== null && i >= 0) at.set(i, e);
    }
    return at.size ? { list: this.replacing(at), replaced: [...at.values()] } : { list: this, replaced: [] };
  }

  private replacing(at: Map<number, PlanEvent>): EventList {
    const chunks = this.chunks.slice(0, ((this.length - 1) >> SHIFT) + 1);
    const copied = new Set<number>();
    for (const [i, e] of at) {
      const ci = i >> SHIFT;
      if (!copied.has(ci)) {
        chunks[ci] = chunks[ci]!.slice(0, Math.min(CHUNK, this.length - (ci << SHIFT)));
        copied.add(ci);
      }
      chunks[ci]![i & MASK] = e;
    }
    return new EventList(chunks, this.length);
  }

  /** Where the unsigned record of this signed copy is: its index, -1 when what is there is not that record, null when the id is absent. */
  private indexOfCopy(signed: PlanEvent): number | null {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEvents(this.at(mid)!, signed) < 0) lo = mid + 1;
      else hi = mid;
    }
    let i = this.at(lo)?.id === signed.id ? lo : -1;
    // An event written with a time offset sorts by its instant: found by a walk in that rare case.
    if (i < 0) i = this.toArray().findIndex((e) => e.id === signed.id);
    if (i < 0) return null;
    return isSignedCopy(signed, this.at(i)!) ? i : -1;
  }

  /** This list's chunks with chunk `ci` exchanged (the others shared), at `length`. */
  private withChunk(ci: number, chunk: PlanEvent[], length: number): EventList {
    const chunks = this.chunks.slice(0, ((length - 1) >> SHIFT) + 1);
    chunks[ci] = chunk;
    return new EventList(chunks, length);
  }

  /**
   * What changed from `prev` to this list, when it is only events added at the end and events
   * replaced in place by another version of the same id; null for anything else (an insertion, a
   * removal). Chunks both versions share are skipped whole, so this costs O(n / CHUNK) plus the
   * chunks that differ.
   */
  changesSince(prev: EventList): EventChanges | null {
    if (prev.length > this.length) return null;
    const replaced: Array<[PlanEvent, PlanEvent]> = [];
    for (let ci = 0; ci << SHIFT < prev.length; ci++) {
      const a = prev.chunks[ci]!;
      const b = this.chunks[ci]!;
      if (a === b) continue;
      const end = Math.min(CHUNK, prev.length - (ci << SHIFT));
      for (let j = 0; j < end; j++) {
        if (a[j] === b[j]) continue;
        if (a[j]!.id !== b[j]!.id) return null;
        replaced.push([a[j]!, b[j]!]);
      }
    }
    const added: PlanEvent[] = [];
    for (let i = prev.length; i < this.length; i++) added.push(this.at(i)!);
    return { added, replaced };
  }
}
