/**
 * What goes into localStorage and how it comes back: the persist envelope, the storage versions
 * and their stepwise migration, and the full read path (parse → migrate → restore item by item).
 * No zustand here, so the same path serves the first load, another tab's write, snapshots and
 * backups.
 */
import type { Identity } from '@/domain/model';
import type { PersistedData } from '@/domain/merge';
import { parseJsonTolerant, restoreState, type RestoreReport } from '@/domain/restore';

/** The storage layout's version (not the plan's schemaVersion). See docs/DATA.md. */
export const STORAGE_VERSION = 1;

/** v1: { plan, units, events, identity, dropped } as plain JSON. */
export type StoredStateV1 = {
  plan: unknown;
  units: unknown;
  events: unknown;
  identity: unknown;
  planSetAt?: unknown;
  dropped?: unknown;
};

/** The current layout. */
export type StoredState = StoredStateV1;

export function encodeState(data: PersistedData): StoredState {
  return { plan: data.plan, units: data.units, events: data.events, identity: data.identity, planSetAt: data.planSetAt, dropped: data.dropped };
}

export function serialize(data: PersistedData): string {
  return JSON.stringify({ state: encodeState(data), version: STORAGE_VERSION });
}

/**
 * Stepwise migration from any older layout to the current one. Each step takes the previous
 * layout only; a layout newer than this app knows is passed through and restored as well as it
 * can be (the original text is kept as a recovery copy).
 */
export function migrate(state: unknown, version: number): unknown {
  const s = state;
  // v0 never existed in a release; anything unversioned is read as v1.
  if (version < 1) {
    // nothing to change
  }
  return s;
}

export interface DecodedState {
  plan: PersistedData['plan'] | null;
  units: PersistedData['units'] | null;
  events: PersistedData['events'];
  identity: Identity | null;
  planSetAt: string | null;
  dropped: string[];
  report: RestoreReport;
  /** The text was not valid JSON (truncated, damaged): what could be read was salvaged. */
  damaged: boolean;
  /** Written by a newer version of the app than this one. */
  future: boolean;
  version: number | null;
}

/** Splits the persist envelope; tolerates a bare state without one. */
export function readEnvelope(text: string): { state: unknown; version: number | null; complete: boolean } {
  const { value, complete } = parseJsonTolerant(text);
  if (value && typeof value === 'object' && !Array.isArray(value) && 'state' in value) {
    const v = (value as { version?: unknown }).version;
    return { state: (value as { state: unknown }).state, version: typeof v === 'number' ? v : null, complete };
  }
  return { state: value, version: null, complete };
}

/** The restore half of the read path: takes an already migrated state. */
export function restoreStored(state: unknown, now: Date): Omit<DecodedState, 'damaged' | 'future' | 'version'> {
  const r = restoreState(decodeState(state), { now });
  const o = state && typeof state === 'object' ? (state as { dropped?: unknown; planSetAt?: unknown }) : {};
  const dropped = Array.isArray(o.dropped) ? o.dropped.filter((x): x is string => typeof x === 'string') : [];
  const planSetAt = typeof o.planSetAt === 'string' ? o.planSetAt : null;
  return { plan: r.plan, units: r.units, events: r.events, identity: r.identity, planSetAt, dropped, report: r.report };
}

/** The current layout back to plain objects (v1 is already plain). */
export function decodeState(state: unknown): unknown {
  return state;
}

/** A decoded copy as PersistedData, filling what it lacks from `fallback`. Null without a plan. */
export function toPersisted(d: Omit<DecodedState, 'damaged' | 'future' | 'version'>, fallback: PersistedData): PersistedData | null {
  if (!d.plan) return null;
  const gone = new Set(d.dropped);
  return {
    plan: d.plan,
    units: d.units ?? fallback.units,
    events: gone.size ? d.events.filter((e) => !gone.has(e.id)) : d.events,
    identity: d.identity ?? fallback.identity,
    planSetAt: d.planSetAt ?? d.plan.updatedAt,
    dropped: d.dropped,
  };
}

/** The whole read path for a stored text. Never throws. */
export function decodeText(text: string, now: Date): DecodedState {
  const env = readEnvelope(text);
  const version = env.version ?? 1;
  const migrated = version === STORAGE_VERSION ? env.state : migrate(env.state, version);
  return { ...restoreStored(migrated, now), damaged: !env.complete, future: version > STORAGE_VERSION, version: env.version };
}
