/**
 * What goes into localStorage and how it comes back: the persist envelope, the storage versions
 * and their stepwise migration, and the full read path (parse → migrate → restore item by item).
 * No zustand here, so the same path serves the first load, another tab's write, snapshots and
 * backups.
 */
import type { Identity, PlanEvent } from '@/domain/model';
import type { PersistedData } from '@/domain/merge';
import { parseJsonTolerant, restoreState, type RestoreReport } from '@/domain/restore';

/** The storage layout's version (not the plan's schemaVersion). See docs/DATA.md. */
export const STORAGE_VERSION = 2;

/** v1: { plan, units, events, identity, planSetAt, dropped } as plain JSON. */
export type StoredStateV1 = {
  plan: unknown;
  units: unknown;
  events: unknown;
  identity: unknown;
  planSetAt?: unknown;
  dropped?: unknown;
};

/**
 * v2, compact (v1 of a city plan, 1,000 tasks and 20,000 events, is 7.7 MB in UTF-16 and does
 * not fit a 5 MiB localStorage):
 * - `plan`: as in v1, but a task's or target's `quote` is left out when it is exactly its span of
 *   plan.sourceText (the speech is then stored once, not twice);
 * - `names`: the event writers' names, each once;
 * - `ev`: events as tuples [type code, id, at, name index, taskId, note, ...fields of the type]
 *   (EVENT_FIELDS below), with a UUID id as `~` + 22 base64url characters and a time that
 *   `toISOString` writes back exactly as a number (ms since 1970). Anything else stays as written.
 *   A signed event has one more element after the fields it has (a field gained later and absent
 *   in the event is not written, so the signature follows the fields that are):
 *   `<index in sigKeys>.<signature>`;
 * - `sigKeys`: the key ids that signed events, each once (absent before signing existed; an
 *   older app reading this ignores the extra element).
 */
export type StoredStateV2 = {
  plan: unknown;
  units: unknown;
  /** Leaders and their portfolios; absent in data written before leaders had their own list. */
  leaders?: unknown;
  names: unknown;
  ev: unknown;
  sigKeys?: unknown;
  /** The archive of issued 通报 as plain JSON; absent before there was one. */
  issued?: unknown;
  identity: unknown;
  planSetAt?: unknown;
  dropped?: unknown;
};

/** The current layout. */
export type StoredState = StoredStateV2;

/**
 * Type code and the type's own fields, in tuple order. Booleans are stored as 1/0. Fields a type
 * gained later (a tick's attachments, an urge's replyBy and method) come last: an event without
 * them is stored without them (the tuple simply ends earlier) and comes back without them.
 */
const EVENT_FIELDS = {
  tick: ['k', ['done', 'attachments']],
  progress: ['p', ['percent']],
  status: ['s', ['status']],
  'extension-request': ['x', ['requestedDue']],
  'extension-decision': ['d', ['requestId', 'approved', 'newDue']],
  review: ['r', ['accepted', 'grade']],
  urge: ['u', ['replyBy', 'method']],
  inspection: ['i', ['date', 'finding']],
  notice: ['n', ['kind']],
  flag: ['f', ['flagged']],
  assign: ['a', ['year', 'number', 'replyBy']],
  receipt: ['c', ['handler', 'phone']],
  reply: ['y', ['urgeId']],
} as const satisfies Record<PlanEvent['type'], readonly [string, readonly string[]]>;
/** How many of a type's last fields it gained later (the 督办 cycle's), so an event may lack them. */
const LATER_FIELDS: Partial<Record<PlanEvent['type'], number>> = { tick: 1, urge: 2 };
const BOOLEAN_FIELDS = new Set(['done', 'approved', 'accepted', 'flagged']);
/** A signature element: the signing key's index in `sigKeys`, a dot, the signature. */
const SIG_ELEMENT = /^\d+\./;
const BY_CODE = new Map<string, [PlanEvent['type'], readonly string[]]>(
  Object.entries(EVENT_FIELDS).map(([type, [code, fields]]) => [code, [type as PlanEvent['type'], fields]]),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));
const HEX = '0123456789abcdef';

/** A lowercase UUID as `~` + 22 base64url characters; any other id as written (`~` doubled in front). */
export function packId(id: string): string {
  if (id.length !== 36 || !UUID.test(id)) return id.startsWith('~') ? `~${id}` : id;
  const hex = id.replace(/-/g, '');
  const b: number[] = [];
  for (let i = 0; i < 32; i += 2) b.push(parseInt(hex.slice(i, i + 2), 16));
  let out = '~';
  // 16 bytes: five groups of three bytes (four characters each), then one byte (two characters).
  for (let i = 0; i < 15; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out += B64[n >> 18]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const last = b[15]!;
  return out + B64[last >> 2]! + B64[(last & 3) << 4]!;
}

export function unpackId(s: string): string {
  if (s.charCodeAt(0) !== 126 /* ~ */) return s;
  if (s.startsWith('~~')) return s.slice(1);
  if (s.length !== 23) return s;
  const v: number[] = [];
  for (let i = 1; i < 23; i++) {
    const x = B64_INDEX.get(s[i]!);
    if (x === undefined) return s;
    v.push(x);
  }
  const bytes: number[] = [];
  for (let i = 0; i < 20; i += 4) {
    const n = (v[i]! << 18) | (v[i + 1]! << 12) | (v[i + 2]! << 6) | v[i + 3]!;
    bytes.push(n >> 16, (n >> 8) & 255, n & 255);
  }
  bytes.push((v[20]! << 2) | (v[21]! >> 4));
  let hex = '';
  for (const x of bytes) hex += HEX[x >> 4]! + HEX[x & 15]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function packAt(at: string): string | number {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && new Date(ms).toISOString() === at ? ms : at;
}

function unpackAt(v: unknown): unknown {
  // Outside ±8.64e15 ms toISOString throws: such a number is left for restore to set aside.
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15 ? new Date(v).toISOString() : v;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const PACKED = new WeakMap<object, [string, string, string, string | number]>();

/** One event (any value) to its tuple; a value that is not an event record is kept as it is. */
function packEvent(e: unknown, names: Map<string, number>, sigKeys: Map<string, number>): unknown {
  if (!isObj(e) || typeof e.type !== 'string' || !(e.type in EVENT_FIELDS)) return e;
  const [code, fields] = EVENT_FIELDS[e.type as PlanEvent['type']];
  if (typeof e.id !== 'string' || typeof e.at !== 'string' || typeof e.unit !== 'string') return e;
  let n = names.get(e.unit);
  if (n === undefined) names.set(e.unit, (n = names.size));
  // Events are immutable and the store saves the whole log on every change: packing the id and
  // time once per event object keeps a save from redoing 20,000 of them.
  let packed = PACKED.get(e);
  if (!packed || packed[0] !== e.id || packed[1] !== e.at) PACKED.set(e, (packed = [e.id, e.at, packId(e.id), packAt(e.at)]));
  const out: unknown[] = [code, packed[2], packed[3], n, e.taskId, e.note ?? ''];
  for (const f of fields) {
    const v = e[f];
    out.push(BOOLEAN_FIELDS.has(f) && typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
  // A field the event does not have (written before the field existed) is not stored.
  const required = 6 + fields.length - (LATER_FIELDS[e.type as PlanEvent['type']] ?? 0);
  while (out.length > required && out[out.length - 1] === undefined) out.pop();
  const sig = e.sig as { key?: unknown; value?: unknown } | undefined;
  if (isObj(sig) && typeof sig.key === 'string' && typeof sig.value === 'string') {
    let k = sigKeys.get(sig.key);
    if (k === undefined) sigKeys.set(sig.key, (k = sigKeys.size));
    out.push(`${k}.${sig.value}`);
  } else if (sig !== undefined) return e;
  return out;
}

/** A tuple back to an event object; anything unreadable is returned as it is (restore sets it aside). */
function unpackEvent(t: unknown, names: readonly unknown[], sigKeys: readonly unknown[]): unknown {
  if (!Array.isArray(t) || typeof t[0] !== 'string') return t;
  const spec = BY_CODE.get(t[0]);
  if (!spec) return t;
  const [type, fields] = spec;
  const unit = typeof t[3] === 'number' ? names[t[3]] : t[3];
  const e: Obj = { id: typeof t[1] === 'string' ? unpackId(t[1]) : t[1], at: unpackAt(t[2]), unit, taskId: t[4], note: t[5], type };
  // The signature is the last element, after the fields that were written: past the fields every
  // event of the type has, a `<key index>.` string is it (no later field starts that way).
  const last = t[t.length - 1];
  const signed = t.length > 6 + fields.length - (LATER_FIELDS[type] ?? 0) && typeof last === 'string' && SIG_ELEMENT.test(last);
  const end = signed ? t.length - 1 : t.length;
  fields.forEach((f, i) => {
    if (6 + i >= end) return;
    const v = t[6 + i];
    e[f] = BOOLEAN_FIELDS.has(f) && (v === 0 || v === 1) ? v === 1 : v;
  });
  if (signed) {
    const sig = last as string;
    const dot = sig.indexOf('.');
    e.sig = { key: sigKeys[Number(sig.slice(0, dot))], value: sig.slice(dot + 1) };
  }
  return e;
}

/** Leaves out quotes equal to their span of the source text. */
function packPlan(plan: unknown): unknown {
  if (!isObj(plan) || typeof plan.sourceText !== 'string') return plan;
  const text = plan.sourceText;
  const strip = (items: unknown) =>
    Array.isArray(items)
      ? items.map((it) => {
          if (!isObj(it) || typeof it.quote !== 'string' || !isObj(it.source)) return it;
          const { start, end } = it.source as { start?: unknown; end?: unknown };
          if (typeof start !== 'number' || typeof end !== 'number' || text.slice(start, end) !== it.quote) return it;
          const { quote: _quote, ...rest } = it;
          return rest;
        })
      : items;
  return { ...plan, tasks: strip(plan.tasks), targets: strip(plan.targets) };
}

/** Puts the left-out quotes back from the spans. */
function unpackPlan(plan: unknown): unknown {
  if (!isObj(plan)) return plan;
  const text = typeof plan.sourceText === 'string' ? plan.sourceText : '';
  const fill = (items: unknown) =>
    Array.isArray(items)
      ? items.map((it) => {
          if (!isObj(it) || it.quote !== undefined || !isObj(it.source)) return it;
          const { start, end } = it.source as { start?: unknown; end?: unknown };
          return typeof start === 'number' && typeof end === 'number' ? { ...it, quote: text.slice(start, end) } : it;
        })
      : items;
  return { ...plan, tasks: fill(plan.tasks), targets: fill(plan.targets) };
}

/** Any v1-shaped value (validated or not) to the v2 layout; the migration step and the writer share it. */
function toV2(s: StoredStateV1 | PersistedData): StoredStateV2 {
  const names = new Map<string, number>();
  const sigKeys = new Map<string, number>();
  const ev = Array.isArray(s.events) ? s.events.map((e) => packEvent(e, names, sigKeys)) : s.events;
  const out: StoredStateV2 = {
    plan: packPlan(s.plan),
    units: s.units,
    names: [...names.keys()],
    ev,
    ...(sigKeys.size ? { sigKeys: [...sigKeys.keys()] } : {}),
    identity: s.identity,
    planSetAt: s.planSetAt,
    dropped: s.dropped,
  };
  // Plain fields, written only when the data has them (a v1 state being migrated has neither).
  if ('leaders' in s && s.leaders !== undefined) out.leaders = s.leaders;
  if ('issued' in s && s.issued !== undefined) out.issued = s.issued;
  return out;
}

export function encodeState(data: PersistedData): StoredState {
  return toV2(data);
}

/** The envelope with `version` first, so even a text cut off early still says its layout. */
export function serialize(data: PersistedData): string {
  return JSON.stringify({ version: STORAGE_VERSION, state: encodeState(data) });
}

/** The layout of a state whose envelope lost its version (cut off, or hand-made): by its shape. */
export function guessVersion(state: unknown): number {
  return isObj(state) && ('ev' in state || 'names' in state) ? 2 : 1;
}

/**
 * Stepwise migration from any older layout to the current one. Each step takes the previous
 * layout only; a layout newer than this app knows is passed through and restored as well as it
 * can be (the store keeps the original text as a recovery copy).
 */
export function migrate(state: unknown, version: number): unknown {
  let s = state;
  // v0 never existed in a release; anything unversioned is read as v1.
  // A state already in the v2 shape under a lower number (an envelope edited by hand or by a
  // tool) is not packed again: toV2 reads v1's `events` and would drop every `ev` tuple.
  if (version < 2 && guessVersion(s) < 2) {
    // v1 → v2: plain events to tuples, derivable quotes left out.
    s = isObj(s) ? toV2(s as StoredStateV1) : s;
  }
  return s;
}

/** The current layout back to plain objects, for the item-by-item restore. */
export function decodeState(state: unknown): unknown {
  if (!isObj(state)) return state;
  const names = Array.isArray(state.names) ? state.names : [];
  const sigKeys = Array.isArray(state.sigKeys) ? state.sigKeys : [];
  const events = Array.isArray(state.ev) ? state.ev.map((t) => unpackEvent(t, names, sigKeys)) : state.ev;
  return { ...state, plan: unpackPlan(state.plan), events };
}

export interface DecodedState {
  plan: PersistedData['plan'] | null;
  units: PersistedData['units'] | null;
  leaders: PersistedData['leaders'] | null;
  events: PersistedData['events'];
  issued: PersistedData['issued'];
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
  return { plan: r.plan, units: r.units, leaders: r.leaders, events: r.events, issued: r.issued, identity: r.identity, planSetAt, dropped, report: r.report };
}

/** A decoded copy as PersistedData, filling what it lacks from `fallback`. Null without a plan. */
export function toPersisted(d: Omit<DecodedState, 'damaged' | 'future' | 'version'>, fallback: PersistedData): PersistedData | null {
  if (!d.plan) return null;
  const gone = new Set(d.dropped);
  return {
    plan: d.plan,
    units: d.units ?? fallback.units,
    leaders: d.leaders ?? fallback.leaders,
    events: gone.size ? d.events.filter((e) => !gone.has(e.id)) : d.events,
    issued: d.issued,
    identity: d.identity ?? fallback.identity,
    planSetAt: d.planSetAt ?? d.plan.updatedAt,
    dropped: d.dropped,
  };
}

/** The whole read path for a stored text. Never throws. */
export function decodeText(text: string, now: Date): DecodedState {
  const env = readEnvelope(text);
  const version = env.version ?? guessVersion(env.state);
  const migrated = version === STORAGE_VERSION ? env.state : migrate(env.state, version);
  return { ...restoreStored(migrated, now), damaged: !env.complete, future: version > STORAGE_VERSION, version: env.version };
}
