/**
 * How one plan lives in a CouchDB database (docs/SYNC.md), as pure functions: the document ids,
 * an event as an immutable document whose `_id` is the event id (so replication is exactly the
 * union merge), the plan and the registry as documents only the office writes, the rules the
 * design document's validate_doc_update enforces, and the server's refusals read back.
 *
 * The rule function itself is `couchdb/validate_doc_update.js` (ES5, run by CouchDB); callers pass
 * its text in, so this module stays free of files and of the bundler.
 */
import { z } from 'zod';
import { EventSchema, OFFICE_NAME, type EventType, type Identity, type Plan, type PlanEvent, type Unit } from '@/domain/model';
import { OFFICE_ONLY_TYPES } from '@/domain/files';

export const DESIGN_DOC_ID = '_design/luoshi';
export const PLAN_DOC_ID = 'plan';
export const REGISTRY_DOC_ID = 'registry';
/** The role of the mayor's office accounts (also the database's admin role: it rewrites the rules). */
export const OFFICE_ROLE = 'office';
const UNIT_ROLE_PREFIX = 'unit:';
/**
 * Bumped whenever the rules or the rule function change meaning: an office browser installs its
 * rules only over an equal or older version, so two office computers with different releases of
 * the app do not take turns rewriting the server's rules.
 */
export const RULES_VERSION = 2; // 2: the 督办 cycle's 交办 (office), 签收 and 回复 (units)

export function unitRole(unitName: string): string {
  return `${UNIT_ROLE_PREFIX}${unitName}`;
}

/** Who an account is, from its CouchDB roles; null when it has neither role (no access). */
export function identityFromRoles(roles: readonly string[]): Identity | null {
  if (roles.includes(OFFICE_ROLE) || roles.includes('_admin')) return { kind: 'office' };
  const unit = roles.find((r) => r.startsWith(UNIT_ROLE_PREFIX) && r.length > UNIT_ROLE_PREFIX.length);
  return unit ? { kind: 'unit', name: unit.slice(UNIT_ROLE_PREFIX.length) } : null;
}

/**
 * The database of a plan: `luoshi-<plan id>` in the characters CouchDB allows (lowercase letters,
 * digits, `_$()+-/`, starting with a letter). Anything else becomes its code point in hex, so two
 * different plan ids never share a database.
 */
export function dbNameForPlan(planId: string): string {
  let out = '';
  for (const ch of planId) {
    if (/[a-z0-9_$()+-]/.test(ch)) out += ch;
    else out += `(${ch.codePointAt(0)!.toString(16)})`;
  }
  return `luoshi-${out || 'plan'}`;
}

// ------------------------------------------------------------------------------------ the rules

export interface SyncRules {
  rulesVersion: number;
  planId: string;
  planDoc: string;
  registryDoc: string;
  officeRole: string;
  officeName: string;
  /** Record types only the office writes: the app's own list (files.ts), never a copy. */
  officeOnly: string[];
  /** Record types a department writes. A type in neither list is refused (an older rule set). */
  unitTypes: string[];
  labels: Record<string, string>;
  /** Owner names, each once; `owners` points into this list to keep the design document small. */
  units: string[];
  /** Task id (and an old id merged into it) → indexes into `units` of its lead and co-owners. */
  owners: Record<string, number[]>;
}

/**
 * Record types in words, for the server's refusals and the list of refused records. A type
 * without a word here (added later) is named by its code: still refused or accepted correctly.
 */
export const RECORD_LABELS: Partial<Record<EventType, string>> = {
  tick: '勾选',
  progress: '进度',
  status: '状态',
  'extension-request': '延期申请',
  'extension-decision': '延期批复',
  review: '验收',
  urge: '催办',
  inspection: '四不两直检查',
  notice: '通报/表扬',
  flag: '挂牌/摘牌',
  assign: '交办',
  receipt: '签收',
  reply: '回复催办',
};

export const ALL_EVENT_TYPES: readonly EventType[] = EventSchema.options.map((o) => o.shape.type.value);

export function buildRules(plan: Plan): SyncRules {
  const units: string[] = [];
  const index = new Map<string, number>();
  const indexOf = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = units.length;
      units.push(name);
      index.set(name, i);
    }
    return i;
  };
  const owners: Record<string, number[]> = Object.create(null) as Record<string, number[]>;
  for (const t of plan.tasks) owners[t.id] = [...new Set(t.owners.map((o) => indexOf(o.name)))];
  // Events about a task merged into another still name the old id: its owners are the new task's.
  const aliases = plan.mergedInto ?? {};
  for (const old of Object.keys(aliases)) {
    let to = aliases[old]!;
    for (let i = 0; i < 50 && aliases[to] !== undefined && aliases[to] !== to; i++) to = aliases[to]!;
    const target = owners[to];
    if (target && !owners[old]) owners[old] = target;
  }
  return {
    rulesVersion: RULES_VERSION,
    planId: plan.id,
    planDoc: PLAN_DOC_ID,
    registryDoc: REGISTRY_DOC_ID,
    officeRole: OFFICE_ROLE,
    officeName: OFFICE_NAME,
    officeOnly: ALL_EVENT_TYPES.filter((t) => OFFICE_ONLY_TYPES.has(t)),
    unitTypes: ALL_EVENT_TYPES.filter((t) => !OFFICE_ONLY_TYPES.has(t)),
    labels: Object.fromEntries(ALL_EVENT_TYPES.map((t) => [t, RECORD_LABELS[t] ?? t])),
    units,
    owners: { ...owners },
  };
}

export interface DesignDoc {
  _id: typeof DESIGN_DOC_ID;
  _rev?: string;
  language: 'javascript';
  validate_doc_update: string;
  luoshi: { rulesVersion: number; planId: string };
}

/**
 * The design document: CouchDB compiles `validate_doc_update` from its source text, so the rules
 * are written into that text as a literal. `validateSource` is couchdb/validate_doc_update.js.
 */
export function buildDesignDoc(validateSource: string, rules: SyncRules): DesignDoc {
  // The file's header comments stay out of the installed text: it starts at the function.
  const start = validateSource.search(/^function luoshiValidate\s*\(/m);
  if (start < 0) throw new Error('validate_doc_update.js 应当含 function luoshiValidate(...)');
  const body = validateSource.slice(start).trim();
  const fn = `function (newDoc, oldDoc, userCtx, secObj) {\n  var rules = ${JSON.stringify(rules)};\n  return (${body})(newDoc, oldDoc, userCtx, secObj, rules);\n}`;
  return { _id: DESIGN_DOC_ID, language: 'javascript', validate_doc_update: fn, luoshi: { rulesVersion: rules.rulesVersion, planId: rules.planId } };
}

/** The security object: the office administers (it rewrites the rules), every unit reads. */
export function buildSecurity(units: readonly Unit[]): { admins: { names: string[]; roles: string[] }; members: { names: string[]; roles: string[] } } {
  const roles = [OFFICE_ROLE, ...[...new Set(units.filter((u) => u.kind !== 'office').map((u) => unitRole(u.name)))].sort()];
  return { admins: { names: [], roles: [OFFICE_ROLE] }, members: { names: [], roles } };
}

// ------------------------------------------------------------------------------------ documents

/** An event as stored on the server: its fields, with the id as `_id`. */
export type EventDoc = Omit<PlanEvent, 'id'> & { _id: string; _rev?: string };

export interface PlanDoc {
  _id: typeof PLAN_DOC_ID;
  _rev?: string;
  plan: Plan;
  /** The account that saved this version, and when: shown to the other office user in a conflict. */
  editedBy: string;
  editedAt: string;
}

export interface RegistryDoc {
  _id: typeof REGISTRY_DOC_ID;
  _rev?: string;
  units: Unit[];
  editedBy: string;
  editedAt: string;
}

/**
 * Ids CouchDB reserves (a leading underscore) or this layout uses cannot be an event's `_id`:
 * such an event (only a hand-made file could hold one) stays in this browser, with the reason.
 */
export function eventIdProblem(id: string): string | null {
  if (id.startsWith('_')) return `记录编号 ${id} 以下划线开头，服务器不接受`;
  if (id === PLAN_DOC_ID || id === REGISTRY_DOC_ID) return `记录编号 ${id} 与服务器上的计划文档重名`;
  return null;
}

export function eventToDoc(e: PlanEvent): EventDoc {
  const { id, ...rest } = e;
  return { _id: id, ...rest };
}

const DocMetaSchema = z.object({ _id: z.string(), _rev: z.string().optional() }).passthrough();

/** A document from the server read back as an event, validated like any file's record. */
export function docToEvent(doc: unknown): { ok: true; event: PlanEvent } | { ok: false; reason: string } {
  const meta = DocMetaSchema.safeParse(doc);
  if (!meta.success) return { ok: false, reason: '不是文档' };
  const { _id, _rev: _r, _revisions: _v, _conflicts: _c, ...fields } = meta.data as Record<string, unknown> & { _id: string };
  const parsed = EventSchema.safeParse({ ...fields, id: _id });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `服务器上的记录 ${_id} 格式不符：${issue ? `${issue.path.join('.')} ${issue.message}` : ''}` };
  }
  return { ok: true, event: parsed.data };
}

export type DocKind = 'event' | 'plan' | 'registry' | 'design' | 'other';

export function docKind(id: string): DocKind {
  if (id === PLAN_DOC_ID) return 'plan';
  if (id === REGISTRY_DOC_ID) return 'registry';
  if (id.startsWith('_design/')) return 'design';
  if (id.startsWith('_')) return 'other';
  return 'event';
}

// ------------------------------------------------------------------------------------ refusals

export type RefusalCode =
  | 'no-delete'
  | 'office-only'
  | 'wrong-plan'
  | 'bad-shape'
  | 'immutable'
  | 'unknown-type'
  | 'office-name'
  | 'no-role'
  | 'not-own-unit'
  | 'unknown-task'
  | 'not-owner';

const CODES: ReadonlySet<string> = new Set<RefusalCode>([
  'no-delete',
  'office-only',
  'wrong-plan',
  'bad-shape',
  'immutable',
  'unknown-type',
  'office-name',
  'no-role',
  'not-own-unit',
  'unknown-task',
  'not-owner',
]);

/** `[code] message` as thrown by the rule function; another server's text keeps code null. */
export function parseRefusal(reason: unknown): { code: RefusalCode | null; message: string } {
  const text = typeof reason === 'string' ? reason : '';
  const m = /^\[([a-z-]+)\]\s*([\s\S]*)$/.exec(text);
  if (m && CODES.has(m[1]!)) return { code: m[1] as RefusalCode, message: m[2]! };
  return { code: null, message: text };
}

/**
 * Refusals that a later version of the rules may lift (the office gave the task to this unit, or
 * a newer release taught the server a record type): those records are offered again when the
 * server's rules change. The others are final.
 */
export const RETRYABLE_REFUSALS: ReadonlySet<RefusalCode> = new Set(['not-owner', 'unknown-task', 'unknown-type']);
