/**
 * Merging: event logs by union, plans by last writer (updatedAt). Used between two tabs of one
 * browser and between offices' files. mergeEvents is a semilattice join: idempotent, commutative
 * and associative, so the order in which files arrive, or how often one arrives, never matters.
 */
import { parseIsoTime, type Identity, type Plan, type PlanEvent, type Unit } from '@/domain/model';
import { compareEvents } from '@/domain/events';
import type { Leader } from '@/domain/leaders/leaders';
import { mergeArchives, type IssuedBulletin } from '@/domain/bulletin/archive';

/**
 * JSON with object keys sorted at every level and no whitespace: one text for one value, whatever
 * order its fields were written in. The checksum of a file and the tie-break between two
 * versions of one event are both taken over this text.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) Object.defineProperty(out, k, { value: sortKeys(x), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

/** Events are flat records: comparing fields is much cheaper than two canonical texts. */
function sameEvent(a: PlanEvent, b: PlanEvent): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if ((a as Record<string, unknown>)[k] !== (b as Record<string, unknown>)[k]) return false;
  }
  return true;
}

export interface EventConflict {
  id: string;
  kept: PlanEvent;
  dropped: PlanEvent;
}

export interface MergeEventsResult {
  /** The union, in (at, id) order. */
  events: PlanEvent[];
  /**
   * Same id, different content: the signed one, else the one whose canonical JSON sorts first, is
   * kept everywhere. The signed copy of an unsigned record is kept silently (not listed here).
   */
  conflicts: EventConflict[];
  /** Events of b that a did not have. */
  added: PlanEvent[];
}

/**
 * Union by id. Because the winner of a conflict is the minimum of a total order (canonical JSON),
 * merge(a, merge(b, c)) = merge(merge(a, b), c), merge(a, b) = merge(b, a) and merge(a, a) = a.
 */
export function mergeEvents(a: readonly PlanEvent[], b: readonly PlanEvent[]): MergeEventsResult {
  const byId = new Map<string, PlanEvent>();
  const conflicts: EventConflict[] = [];
  const added: PlanEvent[] = [];
  const put = (e: PlanEvent, fromB: boolean) => {
    const prev = byId.get(e.id);
    if (!prev) {
      byId.set(e.id, e);
      if (fromB) added.push(e);
      return;
    }
    if (sameEvent(prev, e)) return;
    const cp = canonicalJson(prev);
    const ce = canonicalJson(e);
    if (cp === ce) return;
    // A signed copy beats an unsigned one (an event is signed a moment after it is written, and
    // another tab may have stored it in between); otherwise the canonical text decides. Either way
    // the winner is the minimum of one total order, which keeps the merge a join.
    const [kept, dropped] = (e.sig ? '0' : '1') + ce < (prev.sig ? '0' : '1') + cp ? [e, prev] : [prev, e];
    byId.set(e.id, kept);
    // The signed copy of the very record is the same event, not a conflict.
    if (!isSignedCopy(kept, dropped)) conflicts.push({ id: e.id, kept, dropped });
  };
  for (const e of a) put(e, false);
  for (const e of b) put(e, true);
  const events = [...byId.values()].sort(compareEvents);
  return { events, conflicts, added };
}

/** `signed` is `unsigned` with a signature added, nothing else changed. */
export function isSignedCopy(signed: PlanEvent, unsigned: PlanEvent): boolean {
  if (!signed.sig || unsigned.sig) return false;
  const { sig: _sig, ...rest } = signed;
  return sameEvent(rest as PlanEvent, unsigned) || canonicalJson(rest) === canonicalJson(unsigned);
}

/**
 * Which of two versions of a plan is newer: later updatedAt, ties broken by canonical text. A
 * time that is not a real ISO date-time ("zzz", "+275760-09-13T…" from a hand-edited file) is
 * older than any real one, so it never makes a genuine later plan look older.
 */
export function newerPlan(a: Plan, b: Plan): Plan {
  if (a === b) return a;
  const ta = parseIsoTime(a.updatedAt) ?? -Infinity;
  const tb = parseIsoTime(b.updatedAt) ?? -Infinity;
  if (ta !== tb) return ta > tb ? a : b;
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? a : b;
  return canonicalJson(a) <= canonicalJson(b) ? a : b;
}

/** What one browser tab (or one stored copy) holds. */
export interface PersistedData {
  plan: Plan;
  units: Unit[];
  /** Leaders and their portfolios (分管副市长…): travel with the registry. */
  leaders: Leader[];
  events: PlanEvent[];
  /** Issued 通报, frozen (src/domain/bulletin/archive.ts). */
  issued: IssuedBulletin[];
  identity: Identity;
  /** When this copy took up its plan (ISO): decides between two different plans. */
  planSetAt: string;
  /** Ids of events this browser took back (undo of an import), so another tab's copy of the log does not bring them back. */
  dropped: string[];
}

export interface MergeDataResult {
  data: PersistedData;
  /** Set when the two sides hold different plans: the older one, to keep as a backup. */
  displaced: PersistedData | null;
  conflicts: EventConflict[];
  /** With a common base: what the merge of the plan did, field by field (empty without a base). */
  planMerge: PlanMerge | null;
}

/** Where two tabs' edits of one plan met. */
export interface PlanMerge {
  /** Something of `theirs` was taken in beside `mine`'s own edits. */
  tookTheirs: boolean;
  /** Both sides changed one field differently: `mine` (the later write) was kept. */
  conflicts: PlanConflict[];
}

export interface PlanConflict {
  /** The path of the field: ['tasks', <task id>, 'title'], ['units', <unit id>, 'name'], ['title']… */
  path: string[];
  mine: unknown;
  theirs: unknown;
}

const same = (a: unknown, b: unknown) => a === b || canonicalJson(a) === canonicalJson(b);
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdList = (v: unknown): v is Array<{ id: string }> =>
  Array.isArray(v) && v.every((x) => isRec(x) && typeof x.id === 'string') && new Set(v.map((x) => (x as { id: string }).id)).size === v.length;

/**
 * A three-way merge of one JSON value: what `mine` changed since `base` and what `theirs` changed
 * since `base` are both kept; objects are merged key by key, lists of records with ids record by
 * record. A field both sides changed to different values keeps `mine` and is reported, so the
 * caller can say so: a stale tab never silently reverts another tab's edit of a field it did not
 * touch itself.
 */
export function merge3(base: unknown, mine: unknown, theirs: unknown, path: string[] = [], out: PlanMerge = { tookTheirs: false, conflicts: [] }): unknown {
  if (mine === theirs || same(mine, theirs)) return mine;
  if (same(base, mine)) {
    out.tookTheirs = true;
    return theirs;
  }
  if (same(base, theirs)) return mine;
  if (isRec(base) && isRec(mine) && isRec(theirs)) {
    const res: Rec = {};
    for (const k of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
      const v = merge3(base[k], mine[k], theirs[k], [...path, k], out);
      if (v !== undefined) Object.defineProperty(res, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return res;
  }
  if (isIdList(base) && isIdList(mine) && isIdList(theirs)) {
    const byId = (l: Array<{ id: string }>) => new Map(l.map((x) => [x.id, x]));
    const b = byId(base);
    const m = byId(mine);
    const t = byId(theirs);
    const res: unknown[] = [];
    const place = (id: string) => {
      const inB = b.has(id);
      const inM = m.has(id);
      const inT = t.has(id);
      if (inM && inT) return res.push(merge3(b.get(id), m.get(id), t.get(id), [...path, id], out));
      // Deleted on one side: gone, unless the other side changed it meanwhile (kept, reported).
      if (inB && inM && !inT) {
        if (same(b.get(id), m.get(id))) return (out.tookTheirs = true);
        out.conflicts.push({ path: [...path, id], mine: m.get(id), theirs: undefined });
        return res.push(m.get(id));
      }
      if (inB && inT && !inM) {
        if (!same(b.get(id), t.get(id))) out.conflicts.push({ path: [...path, id], mine: undefined, theirs: t.get(id) });
        return;
      }
      if (inT && !inM) out.tookTheirs = true;
      return res.push(inM ? m.get(id) : t.get(id));
    };
    // Mine's order, then what only theirs added, in theirs' order.
    for (const x of mine) place(x.id);
    for (const x of theirs) if (!m.has(x.id) && !b.has(x.id)) place(x.id);
    for (const x of theirs) if (!m.has(x.id) && b.has(x.id)) place(x.id);
    return res;
  }
  out.conflicts.push({ path, mine, theirs });
  return mine;
}

/**
 * Two copies of the local data (this tab and what another tab stored). Same plan: plan and units
 * by last writer, events by union minus undone ids. Different plans (one tab replaced the plan):
 * the newer plan wins with its own events, and the other side is returned as `displaced` so the
 * caller stores it as a backup rather than dropping it. `identity` is taken from `mine`: the tab
 * that writes last says who is using the browser.
 */
export function mergeData(mine: PersistedData, theirs: PersistedData, base?: (Pick<PersistedData, 'plan' | 'units'> & Partial<Pick<PersistedData, 'leaders'>>) | null): MergeDataResult {
  const dropped = unionStrings(mine.dropped, theirs.dropped);
  if (mine.plan.id !== theirs.plan.id) {
    // Which plan was taken up last, not which was edited last: a plan package made a week ago and
    // imported now replaces the plan of a moment ago.
    const winner =
      mine.planSetAt !== theirs.planSetAt
        ? mine.planSetAt > theirs.planSetAt
          ? mine
          : theirs
        : newerPlan(mine.plan, theirs.plan) === mine.plan
          ? mine
          : theirs;
    const loser = winner === mine ? theirs : mine;
    // Issued bulletins are documents already sent out: a plan's replacement never loses them.
    return { data: { ...winner, identity: mine.identity, dropped, issued: mergeArchives(mine.issued, theirs.issued) }, displaced: loser, conflicts: [], planMerge: null };
  }
  let plan = newerPlan(mine.plan, theirs.plan);
  // The registry and the leaders are edited with the plan (each edit stamps it): without a common
  // base, the newer plan's side wins.
  let units = plan === mine.plan ? mine.units : theirs.units;
  let leaders = plan === mine.plan ? mine.leaders : theirs.leaders;
  let planMerge: PlanMerge | null = null;
  if (base && base.plan.id === mine.plan.id && mine.plan !== theirs.plan) {
    // Both tabs started from `base`: keep each side's own edits, field by field.
    planMerge = { tookTheirs: false, conflicts: [] };
    const { updatedAt: _b, ...bp } = base.plan;
    const { updatedAt: ma, ...mp } = mine.plan;
    const { updatedAt: ta, ...tp } = theirs.plan;
    const merged = merge3(bp, mp, tp, [], planMerge) as Omit<Plan, 'updatedAt'>;
    plan = { ...merged, updatedAt: newerPlan(mine.plan, theirs.plan) === mine.plan ? ma : ta } as Plan;
    units = merge3(base.units, mine.units, theirs.units, ['units'], planMerge) as Unit[];
    if (base.leaders) leaders = merge3(base.leaders, mine.leaders, theirs.leaders, ['leaders'], planMerge) as Leader[];
  }
  const merged = mergeEvents(mine.events, theirs.events);
  const gone = new Set(dropped);
  const events = gone.size ? merged.events.filter((e) => !gone.has(e.id)) : merged.events;
  const planSetAt = mine.planSetAt > theirs.planSetAt ? mine.planSetAt : theirs.planSetAt;
  const issued = mine.issued === theirs.issued ? mine.issued : mergeArchives(mine.issued, theirs.issued);
  return { data: { ...theirs, ...mine, plan, units, leaders, events, issued, identity: mine.identity, planSetAt, dropped }, displaced: null, conflicts: merged.conflicts, planMerge };
}

function unionStrings(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return [...a];
  if (!a.length) return [...b];
  return [...new Set([...a, ...b])].sort();
}
