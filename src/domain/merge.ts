/**
 * Merging: event logs by union, plans by last writer (updatedAt). Used between two tabs of one
 * browser and between offices' files. mergeEvents is a semilattice join: idempotent, commutative
 * and associative, so the order in which files arrive, or how often one arrives, never matters.
 */
import { parseIsoTime, type Identity, type Plan, type PlanEvent, type Unit } from '@/domain/model';
import { compareEvents } from '@/domain/events';

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
  /** Same id, different content: the one whose canonical JSON sorts first is kept everywhere. */
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
    const [kept, dropped] = ce < cp ? [e, prev] : [prev, e];
    byId.set(e.id, kept);
    conflicts.push({ id: e.id, kept, dropped });
  };
  for (const e of a) put(e, false);
  for (const e of b) put(e, true);
  const events = [...byId.values()].sort(compareEvents);
  return { events, conflicts, added };
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
  events: PlanEvent[];
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
}

/**
 * Two copies of the local data (this tab and what another tab stored). Same plan: plan and units
 * by last writer, events by union minus undone ids. Different plans (one tab replaced the plan):
 * the newer plan wins with its own events, and the other side is returned as `displaced` so the
 * caller stores it as a backup rather than dropping it. `identity` is taken from `mine`: the tab
 * that writes last says who is using the browser.
 */
export function mergeData(mine: PersistedData, theirs: PersistedData): MergeDataResult {
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
    return { data: { ...winner, identity: mine.identity, dropped }, displaced: loser, conflicts: [] };
  }
  const plan = newerPlan(mine.plan, theirs.plan);
  const units = plan === mine.plan ? mine.units : theirs.units;
  const merged = mergeEvents(mine.events, theirs.events);
  const gone = new Set(dropped);
  const events = gone.size ? merged.events.filter((e) => !gone.has(e.id)) : merged.events;
  const planSetAt = mine.planSetAt > theirs.planSetAt ? mine.planSetAt : theirs.planSetAt;
  return { data: { plan, units, events, identity: mine.identity, planSetAt, dropped }, displaced: null, conflicts: merged.conflicts };
}

function unionStrings(a: readonly string[], b: readonly string[]): string[] {
  if (!b.length) return [...a];
  if (!a.length) return [...b];
  return [...new Set([...a, ...b])].sort();
}
