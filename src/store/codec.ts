/**
 * What goes into storage and how it comes back: the working state's envelope, the event records
 * of the log (one tuple per event, sealed chunks of many), the storage versions and their
 * stepwise migration, and the full read path (parse → migrate → restore item by item). No zustand
 * here, so the same path serves the first load, another tab's write, snapshots and backups.
 */
import type { Identity, PlanEvent } from '@/domain/model';
import type { PersistedData } from '@/domain/merge';
import { parseJsonTolerant, restoreState, type RestoreReport } from '@/domain/restore';

/** The storage layout's version (not the plan's schemaVersion). See docs/DATA.md. */
export const STORAGE_VERSION = 3;

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
 * v2, compact, everything in one key (v1 of a city plan, 1,000 tasks and 20,000 events, is 7.7 MB
 * in UTF-16 and does not fit a 5 MiB localStorage):
 * - `plan`: as in v1, but a task's or target's `quote` is left out when it is exactly its span of
 *   plan.sourceText (the speech is then stored once, not twice);
 * - `names`: the event writers' names, each once;
 * - `ev`: one tuple per event (EVENT_FIELDS below; the same tuples as the v3 log's chunks);
 * - `sigKeys`: the key ids that signed events, each once (absent before signing existed).
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

/**
 * v3, the working state only: the plan (quotes left out as in v2), units, identity, planSetAt,
 * dropped, and any other field the store lists as persisted. The events live in the log
 * (src/store/log.ts), one record per event and sealed chunks, never in this key.
 */
export type StoredStateV3 = Record<string, unknown> & { plan: unknown; units: unknown; identity: unknown };

/** The current layout of the working-state key. */
export type StoredState = StoredStateV3;

/** The persisted working state: everything the store saves except the events. */
export type WorkingState = Omit<PersistedData, 'events'> & Record<string, unknown>;

/**
 * The one encoding table of event types: type → [code, the type's own fields in tuple order].
 * A new event type is one entry here (and its schema in src/domain/model.ts). Booleans are stored
 * as 1/0. Fields an event carries beyond these (a signature, say) travel in a trailing object.
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
/**
 * How many of a type's last fields it gained later (the 督办 cycle's: a tick's attachments, an
 * urge's replyBy and method), so that an event may lack them. A tuple stops before the first one
 * the event lacks (records stored before the field existed read back as they were written); one it
 * has after such a gap travels in the extras object. A later field is never a plain object nor a
 * string shaped like a signature element, so a tuple that stops early still reads one way only.
 */
const LATER_FIELDS: Partial<Record<PlanEvent['type'], number>> = { tick: 1, urge: 2 };
const BOOLEAN_FIELDS = new Set(['done', 'approved', 'accepted', 'flagged']);
const BASE_FIELDS = new Set(['type', 'id', 'at', 'unit', 'taskId', 'note']);
/** A signature element: `<index in sigKeys>.` (a chunk, v2) or `<key id>.` (a journal record), then the value. */
const SIG_ELEMENT = /^(?:\d+|[0-9a-f]{16})\./;
const BY_CODE = new Map<string, [PlanEvent['type'], readonly string[]]>(
  Object.entries(EVENT_FIELDS).map(([type, [code, fields]]) => [code, [type as PlanEvent['type'], fields]]),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

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

const B64_CODE = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_CODE[B64.charCodeAt(i)] = i;
const HEX2 = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);

/** The value of a base64url character, -1 for anything else. */
const b64At = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c < 128 ? B64_CODE[c]! : -1;
};

/** Back from packId. Runs once per event on every start: tables, no per-character strings. */
export function unpackId(s: string): string {
  if (s.charCodeAt(0) !== 126 /* ~ */) return s;
  if (s.charCodeAt(1) === 126) return s.slice(1);
  if (s.length !== 23) return s;
  let hex = '';
  for (let i = 1; i < 21; i += 4) {
    const a = b64At(s, i);
    const b = b64At(s, i + 1);
    const c = b64At(s, i + 2);
    const d = b64At(s, i + 3);
    if ((a | b | c | d) < 0) return s;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    hex += HEX2[n >> 16]! + HEX2[(n >> 8) & 255]! + HEX2[n & 255]!;
  }
  const y = b64At(s, 21);
  const z = b64At(s, 22);
  if ((y | z) < 0) return s;
  hex += HEX2[((y << 2) | (z >> 4)) & 255]!;
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

/**
 * One event (any value) to its tuple `[code, id, at, unit, taskId, note, …fields, sig?, extras?]`.
 * With tables (a chunk, v2) the unit is an index into `names` and a signature is
 * `<index in sigKeys>.<signature>`; without (a journal record) the unit is the name itself and a
 * signature `<key id>.<signature>`. A value that is not an event record is kept as it is.
 */
export function packEvent(e: unknown, names?: Map<string, number>, sigKeys?: Map<string, number>): unknown {
  if (!isObj(e) || typeof e.type !== 'string' || !(e.type in EVENT_FIELDS)) return e;
  const [code, fields] = EVENT_FIELDS[e.type as PlanEvent['type']];
  if (typeof e.id !== 'string' || typeof e.at !== 'string' || typeof e.unit !== 'string') return e;
  let unit: string | number = e.unit;
  if (names) {
    let n = names.get(e.unit);
    if (n === undefined) names.set(e.unit, (n = names.size));
    unit = n;
  }
  // Events are immutable: packing the id and time once per event object keeps a seal or a copy
  // from redoing thousands of them.
  let packed = PACKED.get(e);
  if (!packed || packed[0] !== e.id || packed[1] !== e.at) PACKED.set(e, (packed = [e.id, e.at, packId(e.id), packAt(e.at)]));
  const out: unknown[] = [code, packed[2], packed[3], unit, e.taskId, e.note ?? ''];
  const written = fieldsInTuple(e, e.type as PlanEvent['type'], fields);
  for (let i = 0; i < written; i++) {
    const v = e[fields[i]!];
    out.push(BOOLEAN_FIELDS.has(fields[i]!) && typeof v === 'boolean' ? (v ? 1 : 0) : v);
  }
  let extras: Obj | null = null;
  const sig = packSig(e.sig, sigKeys);
  if (sig !== null) out.push(sig);
  for (const k of Object.keys(e)) {
    // An undefined member is no member (canonical JSON, and so a signature, leaves it out).
    if (BASE_FIELDS.has(k) || (k === 'sig' && sig !== null) || e[k] === undefined) continue;
    const at = (fields as readonly string[]).indexOf(k);
    if (at >= 0 && at < written) continue;
    (extras ??= {})[k] = e[k];
  }
  if (extras) out.push(extras);
  return out;
}

/** The type's fields written in the tuple: all of them, but a later field the event lacks ends them (LATER_FIELDS). */
function fieldsInTuple(e: Obj, type: PlanEvent['type'], fields: readonly string[]): number {
  const later = LATER_FIELDS[type];
  if (!later) return fields.length;
  for (let i = fields.length - later; i < fields.length; i++) if (e[fields[i]!] === undefined) return i;
  return fields.length;
}

const SIG_KEY = /^[0-9a-f]{16}$/;
const SIG_VALUE = /^[A-Za-z0-9_-]+$/;

/**
 * A signature `{ key, value }` as one string: `<index in sigKeys>.<value>` with a table, else
 * `<key id>.<value>`. Null for anything else (no signature, or one that is not of that shape:
 * it then travels as it is in the extras object, for restore to judge).
 */
function packSig(sig: unknown, sigKeys?: Map<string, number>): string | null {
  if (!isObj(sig) || typeof sig.key !== 'string' || typeof sig.value !== 'string') return null;
  if (!SIG_KEY.test(sig.key) || !SIG_VALUE.test(sig.value) || Object.keys(sig).length !== 2) return null;
  if (!sigKeys) return `${sig.key}.${sig.value}`;
  let k = sigKeys.get(sig.key);
  if (k === undefined) sigKeys.set(sig.key, (k = sigKeys.size));
  return `${k}.${sig.value}`;
}

function unpackSig(s: string, sigKeys?: readonly unknown[]): unknown {
  const dot = s.indexOf('.');
  if (dot < 0) return s;
  const head = s.slice(0, dot);
  return { key: sigKeys ? sigKeys[Number(head)] : head, value: s.slice(dot + 1) };
}

/** A tuple back to an event object; anything unreadable is returned as it is (restore sets it aside). */
export function unpackEvent(t: unknown, names: readonly unknown[] = [], sigKeys?: readonly unknown[]): unknown {
  if (!Array.isArray(t) || typeof t[0] !== 'string') return t;
  const spec = BY_CODE.get(t[0]);
  if (!spec) return t;
  const [type, fields] = spec;
  const unit = typeof t[3] === 'number' ? names[t[3]] : t[3];
  const e: Obj = { id: typeof t[1] === 'string' ? unpackId(t[1]) : t[1], at: unpackAt(t[2]), unit, taskId: t[4], note: t[5], type };
  // Past the fields every event of the type has: a trailing object is the extras, then a string
  // is the signature (beyond all the fields, any string; among later fields, one shaped like it).
  const required = 6 + fields.length - (LATER_FIELDS[type] ?? 0);
  let end = t.length;
  const extras = end > required && isObj(t[end - 1]) ? (t[--end] as Obj) : null;
  const last = t[end - 1];
  if (end > required && typeof last === 'string' && (end > 6 + fields.length || SIG_ELEMENT.test(last))) {
    e.sig = unpackSig(last, sigKeys);
    end--;
  }
  for (let i = 0; i < fields.length && 6 + i < end; i++) {
    const f = fields[i]!;
    const v = t[6 + i];
    e[f] = BOOLEAN_FIELDS.has(f) && (v === 0 || v === 1) ? v === 1 : v;
  }
  if (extras) {
    for (const [k, v] of Object.entries(extras)) if (!(k in e)) Object.defineProperty(e, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return e;
}

/**
 * The plan's fields a damaged (cut-off) text must still give back, written before its long lists:
 * without the id the plan's history in the log is not found again, without the source text no
 * left-out quote can be put back.
 */
const PLAN_HEAD = ['schemaVersion', 'id', 'title', 'year', 'createdAt', 'updatedAt', 'sourceText'];

/** Leaves out quotes equal to their span of the source text; the plan's head fields first. */
function packPlan(plan: unknown): unknown {
  if (!isObj(plan) || typeof plan.sourceText !== 'string') return plan;
  const head = Object.fromEntries(PLAN_HEAD.filter((k) => k in plan).map((k) => [k, plan[k]]));
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
  return { ...head, ...plan, tasks: strip(plan.tasks), targets: strip(plan.targets) };
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

/** Any v1-shaped value (validated or not) to the v2 layout (migration of v1, and old copies). */
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

/** The working state in the v3 layout: every listed field as it is, the plan's quotes left out. */
export function encodeState(data: WorkingState | PersistedData): StoredState {
  const { events: _events, ...working } = data as PersistedData & Record<string, unknown>;
  return { ...working, plan: packPlan(working.plan) };
}

/** The envelope with `version` first, so even a text cut off early still says its layout. */
export function serialize(data: WorkingState | PersistedData): string {
  return JSON.stringify({ version: STORAGE_VERSION, state: encodeState(data) });
}

/** The whole data of one plan in the v2 one-key layout: for tests of old data and fixtures. */
export function serializeV2(data: PersistedData | StoredStateV1): string {
  return JSON.stringify({ version: 2, state: toV2(data) });
}

/** The layout of a state whose envelope lost its version (cut off, or hand-made): by its shape. */
export function guessVersion(state: unknown): number {
  if (!isObj(state)) return 1;
  if ('ev' in state || 'names' in state) return 2;
  return 'events' in state ? 1 : 3;
}

/**
 * Stepwise migration from any older layout to the current one. Each step takes the previous
 * layout only; a layout newer than this app knows is passed through and restored as well as it
 * can be (the store keeps the original text as a recovery copy). v2 → v3 keeps the state as it
 * is: the events it still carries (`ev`) are decoded by decodeState and moved into the log by the
 * store, which writes the v3 key only once the log holds them.
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

/** Any stored layout back to plain objects, for the item-by-item restore. */
export function decodeState(state: unknown): unknown {
  if (!isObj(state)) return state;
  const names = Array.isArray(state.names) ? state.names : [];
  const sigKeys = Array.isArray(state.sigKeys) ? state.sigKeys : [];
  const events = Array.isArray(state.ev) ? state.ev.map((t) => unpackEvent(t, names, sigKeys)) : state.events;
  return { ...state, plan: unpackPlan(state.plan), events };
}

export interface DecodedState {
  plan: PersistedData['plan'] | null;
  units: PersistedData['units'] | null;
  /** Leaders and their portfolios (absent before they had their own list: migrated from the registry). */
  leaders: PersistedData['leaders'] | null;
  /** Events the stored text itself carried (v1, v2 and copies of them); v3 keeps none here. */
  events: PersistedData['events'];
  issued: PersistedData['issued'];
  identity: Identity | null;
  planSetAt: string | null;
  dropped: string[];
  /** Persisted fields this read path does not restore itself (listed by the store), as stored. */
  extra: Record<string, unknown>;
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

const KNOWN_FIELDS = new Set(['plan', 'units', 'events', 'ev', 'names', 'sigKeys', 'identity', 'planSetAt', 'dropped']);
/** Persisted fields of the 督办 cycle that restoreState validates item by item (not handed back as stored). */
const RESTORED_FIELDS = new Set(['leaders', 'issued']);

/** The restore half of the read path: takes an already migrated state. */
export function restoreStored(state: unknown, now: Date): Omit<DecodedState, 'damaged' | 'future' | 'version'> {
  const r = restoreState(decodeState(state), { now });
  const o = isObj(state) ? state : {};
  const dropped = Array.isArray(o.dropped) ? o.dropped.filter((x): x is string => typeof x === 'string') : [];
  const planSetAt = typeof o.planSetAt === 'string' ? o.planSetAt : null;
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!KNOWN_FIELDS.has(k) && !RESTORED_FIELDS.has(k)) extra[k] = v;
  return { plan: r.plan, units: r.units, leaders: r.leaders, events: r.events, issued: r.issued, identity: r.identity, planSetAt, dropped, extra, report: r.report };
}

/** A decoded copy as PersistedData, filling what it lacks from `fallback`. Null without a plan. */
export function toPersisted(d: Omit<DecodedState, 'damaged' | 'future' | 'version'>, fallback: PersistedData): PersistedData | null {
  if (!d.plan) return null;
  const gone = new Set(d.dropped);
  return {
    ...d.extra,
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

// ------------------------------------------------------------------------------------ the log

/**
 * FNV-1a over UTF-16 code units: the seal of a chunk. Not a defence against tampering (a file
 * import is checked with SHA-256); it tells a chunk written whole from one damaged on disk, so
 * that a whole chunk is read without validating each event again.
 */
export function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** One journal record: the event's tuple with the unit's name written out. */
export function encodeRecord(e: PlanEvent): string {
  return JSON.stringify(packEvent(e));
}

const CHUNK_MAGIC = 'c1:';

/** A sealed chunk: `c1:<fnv1a of the JSON>:{"names":[…],"sigKeys":[…],"ev":[tuples…]}`. */
export function encodeChunk(events: readonly PlanEvent[]): string {
  const names = new Map<string, number>();
  const sigKeys = new Map<string, number>();
  const ev = events.map((e) => packEvent(e, names, sigKeys));
  const json = JSON.stringify({ names: [...names.keys()], sigKeys: [...sigKeys.keys()], ev });
  return `${CHUNK_MAGIC}${fnv1a(json)}:${json}`;
}

export interface DecodedChunk {
  /** Raw event objects: trusted when `sealed`, to be validated one by one otherwise. */
  events: unknown[];
  /** The seal matched: written whole by this app, every event validated before it was sealed. */
  sealed: boolean;
  /** Not valid JSON: what could be read was salvaged. */
  damaged: boolean;
}

/** A chunk back to event objects, salvaging what it can of a damaged one. Never throws. */
export function decodeChunk(text: string): DecodedChunk {
  let json = text;
  let sealed = false;
  if (text.startsWith(CHUNK_MAGIC) && text.charCodeAt(CHUNK_MAGIC.length + 8) === 58 /* : */) {
    json = text.slice(CHUNK_MAGIC.length + 9);
    sealed = fnv1a(json) === text.slice(CHUNK_MAGIC.length, CHUNK_MAGIC.length + 8);
  }
  if (sealed) {
    const o = JSON.parse(json) as { names: unknown[]; sigKeys?: unknown[]; ev: unknown[] };
    const sigKeys = o.sigKeys ?? [];
    return { events: o.ev.map((t) => unpackEvent(t, o.names, sigKeys)), sealed: true, damaged: false };
  }
  const { value, complete } = parseJsonTolerant(json);
  const o = isObj(value) ? value : {};
  const names = Array.isArray(o.names) ? o.names : [];
  const sigKeys = Array.isArray(o.sigKeys) ? o.sigKeys : [];
  const events = Array.isArray(o.ev) ? o.ev.map((t) => unpackEvent(t, names, sigKeys)) : [];
  return { events, sealed: false, damaged: !complete || !Array.isArray(o.ev) };
}

/** A journal record back to an event object (unvalidated); damaged text gives what it can. */
export function decodeRecord(text: string): { event: unknown; damaged: boolean } {
  const { value, complete } = parseJsonTolerant(text);
  return { event: unpackEvent(value), damaged: !complete };
}
