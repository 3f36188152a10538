/**
 * Tolerant restore of a plan, its units and its events from JSON of unknown shape (localStorage,
 * a backup file, an older app version). Modelled on Excalidraw's data/restore.ts: every item is
 * restored on its own inside its own try/catch, every missing field gets a default, and one bad
 * item never sinks the rest. What cannot be restored is set aside with a Chinese reason and the
 * original value, so the user can download it. Never throws, whatever the input.
 */
import {
  DeadlineSchema,
  EventSchema,
  IdentitySchema,
  isRealIsoDate,
  OwnerRefSchema,
  SCHEMA_VERSION,
  SectionSchema,
  SourceLocationSchema,
  TargetActualsSchema,
  TargetSchema,
  TaskSchema,
  UnitSchema,
  type Deadline,
  type Identity,
  type Plan,
  type PlanEvent,
  type Section,
  type Target,
  type Task,
  type Unit,
} from '@/domain/model';
import { sortEvents } from '@/domain/events';
import { canonicalJson } from '@/domain/merge';
import { dayOf } from '@/domain/lights';
import { DEFAULT_LEADERS, restoreLeaders, separateLeaders, splitLegacyRegistry, type Leader } from '@/domain/leaders/leaders';
import { restoreArchive, type IssuedBulletin } from '@/domain/bulletin/archive';

export interface SetAsideItem {
  /** Where it was: 任务 / 事件 / 单位 / 目标 / 章节 / 计划, plus the id or position. */
  where: string;
  reason: string;
  /** The original value, exactly as found, so nothing is lost. */
  value: unknown;
}

export interface RestoreReport {
  restored: number;
  setAside: SetAsideItem[];
  /** Fields that were filled with a default or corrected (not set aside). */
  repaired: string[];
}

export function emptyReport(): RestoreReport {
  return { restored: 0, setAside: [], repaired: [] };
}

export interface RestoreOptions {
  /** Used for defaults (createdAt, plan year) when the stored value lacks them. */
  now: Date;
}

export interface RestoredState {
  plan: Plan | null;
  units: Unit[] | null;
  /** Null when neither a list of leaders nor a registry to migrate them from was there. */
  leaders: Leader[] | null;
  events: PlanEvent[];
  issued: IssuedBulletin[];
  identity: Identity | null;
  report: RestoreReport;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const bool = (v: unknown, fallback = false): boolean => (typeof v === 'boolean' ? v : fallback);

/** A short quote of a bad value for a message (errors quote the input that caused them). */
export function quoteValue(v: unknown, max = 60): string {
  let s: string;
  try {
    s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/** A bad value quoted for a message: “…”, shortened, with no quote mark inside to confuse the reader. */
export function quoted(value: unknown): string {
  return `“${quoteValue(value).replace(/[“”]/g, '"')}”`;
}

/** Field names of records, tasks and units, so that a reason names the field in words. */
const FIELD_NAMES: Record<string, string> = {
  id: '编号',
  at: '时间',
  unit: '填写单位',
  taskId: '任务编号',
  note: '说明',
  type: '记录类型',
  done: '完成标记',
  percent: '进度',
  status: '状态',
  requestedDue: '申请的期限',
  requestId: '所答复的申请',
  approved: '是否批准',
  newDue: '新期限',
  accepted: '是否通过',
  grade: '等次',
  date: '日期',
  finding: '核查结果',
  kind: '类别',
  flagged: '挂牌标记',
  title: '标题',
  quote: '原文',
  source: '原文位置',
  sectionId: '所属部分',
  owners: '责任单位',
  deadline: '时限',
  name: '名称',
  aliases: '别称',
  keywords: '关键词',
  metric: '指标',
  value: '数值',
  level: '层级',
};
const TYPE_NAMES: Record<string, string> = { string: '文字', number: '数字', boolean: '是或否（true/false）', object: '一条记录', array: '列表' };

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  maximum?: unknown;
  minimum?: unknown;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let v = raw;
  for (const k of path) {
    if (!v || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * One schema problem in plain Chinese, naming the field and quoting the bad value: zod's own
 * messages, even localised, read "无效输入：期望 string，实际接收 undefined".
 */
export function describeIssue(issue: Issue | undefined, raw: unknown): string {
  if (!issue) return '无法识别';
  const path = issue.path.map(String);
  if (!path.length) return `不是一条记录，文件中是 ${quoted(raw)}`;
  const name = FIELD_NAMES[path[0]!];
  const field = name ? `${name}（${path.join('.')}）` : `字段 ${path.join('.')}`;
  const value = valueAt(raw, issue.path);
  if (value === undefined) return path[0] === 'type' ? '缺少记录类型（type）' : `缺少${field}`;
  const got = `文件中是 ${quoted(value)}`;
  switch (issue.code) {
    case 'invalid_union':
      return path[0] === 'type' ? `无法识别的记录类型 ${quoted(value)}` : `${field}不符合要求，${got}`;
    case 'invalid_type':
      return `${field}应为${TYPE_NAMES[String(issue.expected)] ?? '另一种类型'}，${got}`;
    case 'invalid_format':
      return `${field}格式不对，${got}`;
    case 'too_big':
      return typeof value === 'string' ? `${field}过长（${value.length} 个字符，上限 ${String(issue.maximum)}）` : `${field}超过上限 ${String(issue.maximum)}，${got}`;
    case 'too_small':
      return typeof value === 'string' ? `${field}不能为空` : `${field}低于下限 ${String(issue.minimum)}，${got}`;
    case 'invalid_value':
      return `${field}不是可接受的值，${got}`;
    case 'custom':
      // Our own refinements speak Chinese already (日期须为真实存在的 yyyy-MM-dd).
      return `${field}${issue.message}，${got}`;
    default:
      return `${field}不符合要求，${got}`;
  }
}

function zodReason(error: { issues: ReadonlyArray<Issue> }, value: unknown): string {
  return describeIssue(error.issues[0], value);
}

function guard<T>(where: string, value: unknown, report: RestoreReport, fn: () => T | string): T | null {
  try {
    const out = fn();
    if (typeof out === 'string') {
      report.setAside.push({ where, reason: out, value });
      return null;
    }
    report.restored++;
    return out;
  } catch (e) {
    report.setAside.push({ where, reason: `无法恢复：${e instanceof Error ? e.message : String(e)}`, value });
    return null;
  }
}

function restoreSpan(v: unknown): { start: number; end: number } {
  if (isObj(v)) {
    const start = typeof v.start === 'number' && Number.isInteger(v.start) && v.start >= 0 ? v.start : 0;
    const end = typeof v.end === 'number' && Number.isInteger(v.end) && v.end >= start ? v.end : start;
    return { start, end };
  }
  return { start: 0, end: 0 };
}

function restoreDeadline(v: unknown, yearEnd: string | null, repaired: string[], where: string): Deadline {
  const ok = DeadlineSchema.safeParse(v);
  if (ok.success) return ok.data;
  const o = isObj(v) ? v : {};
  const rawDue = o.due;
  let due: string | null = typeof rawDue === 'string' && isRealIsoDate(rawDue) ? rawDue : null;
  // An empty string is "no date", as null is; anything else that is not a real date is wrong.
  const badDue = rawDue != null && rawDue !== '' && due === null;
  const kind = o.kind === 'ongoing' || o.kind === 'soon' || o.kind === 'date' ? o.kind : due || badDue ? 'date' : 'ongoing';
  const recurrence = o.recurrence === 'yearly' || o.recurrence === 'quarterly' || o.recurrence === 'monthly' ? o.recurrence : null;
  if (kind === 'date' && due === null) due = yearEnd;
  // Say exactly what was done with a date that does not exist, so the office can correct it.
  if (badDue) repaired.push(`${where}：时限日期 ${quoteValue(rawDue)} 不存在，${due ? `暂定为 ${due}（年底），请核对` : '已清空'}`);
  return { label: str(o.label).slice(0, 200), due, recurrence, kind, inferred: bool(o.inferred, due === yearEnd) };
}

/** One task: fills what is missing; sets it aside only without an id or a title. */
export function restoreTask(v: unknown, yearEnd: string | null, report: RestoreReport, where: string): Task | string {
  const ok = TaskSchema.safeParse(v);
  if (ok.success) return ok.data;
  if (!isObj(v)) return '不是一个任务记录';
  const id = typeof v.id === 'number' ? String(v.id) : str(v.id);
  if (!id) return '任务缺少编号 (id)';
  const title = str(v.title).trim() || str(v.quote).trim().slice(0, 500);
  if (!title) return '任务缺少标题';
  const owners = Array.isArray(v.owners)
    ? v.owners.flatMap((o) => {
        // legacy: an owner given as a bare name string
        if (typeof o === 'string' && o.trim()) return [{ name: o.trim().slice(0, 200), role: 'lead' as const, inferred: false }];
        const r = OwnerRefSchema.safeParse(isObj(o) ? { inferred: false, role: 'co', ...o } : o);
        return r.success ? [r.data] : [];
      })
    : [];
  const notedBefore = report.repaired.length;
  const task: Task = {
    id,
    title: title.slice(0, 500),
    quote: str(v.quote),
    source: restoreSpan(v.source),
    sectionId: typeof v.sectionId === 'string' ? v.sectionId : null,
    owners,
    deadline: restoreDeadline(v.deadline, yearEnd, report.repaired, `${where}“${title.slice(0, 500)}”`),
    flagged: bool(v.flagged),
  };
  const location = SourceLocationSchema.nullable().safeParse(v.location);
  if (location.success && location.data) task.location = location.data;
  if (typeof v.assignedOn === 'string' && isRealIsoDate(v.assignedOn)) task.assignedOn = v.assignedOn;
  const check = TaskSchema.safeParse(task);
  if (!check.success) return zodReason(check.error, task);
  // A specific correction (a date) already says what changed; otherwise say that fields were filled.
  if (report.repaired.length === notedBefore) report.repaired.push(`${where}“${task.title}”：已补全缺失的字段`);
  return task;
}

function restoreSection(v: unknown): Section | string {
  const ok = SectionSchema.safeParse(v);
  if (ok.success) return ok.data;
  if (!isObj(v) || !str(v.id)) return '章节缺少编号 (id)';
  const level = typeof v.level === 'number' && v.level >= 1 && v.level <= 4 ? Math.trunc(v.level) : 1;
  const s: Section = {
    id: str(v.id),
    title: str(v.title),
    number: str(v.number),
    level,
    parentId: typeof v.parentId === 'string' ? v.parentId : null,
    source: restoreSpan(v.source),
  };
  const check = SectionSchema.safeParse(s);
  return check.success ? check.data : zodReason(check.error, s);
}

function restoreTarget(v: unknown): Target | string {
  const ok = TargetSchema.safeParse(v);
  if (ok.success) return ok.data;
  if (!isObj(v) || !str(v.id)) return '目标缺少编号 (id)';
  const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const t = {
    id: str(v.id),
    metric: str(v.metric),
    quote: str(v.quote),
    source: restoreSpan(v.source),
    tier: v.tier === 'expected' || v.tier === 'working' || v.tier === 'striving' ? v.tier : null,
    value: num(v.value),
    valueMax: num(v.valueMax),
    unit: typeof v.unit === 'string' ? v.unit : null,
    comparator: ['about', 'atLeast', 'exceed', 'atMost'].includes(v.comparator as string) ? (v.comparator as Target['comparator']) : null,
    masked: bool(v.masked),
    recurrence: ['yearly', 'quarterly', 'monthly'].includes(v.recurrence as string) ? (v.recurrence as Target['recurrence']) : null,
    due: typeof v.due === 'string' && isRealIsoDate(v.due) ? v.due : null,
  };
  const check = TargetSchema.safeParse(t);
  return check.success ? check.data : zodReason(check.error, t);
}

/** Restores items of a list one by one; later duplicates of an id are set aside. */
function restoreList<T extends { id: string }>(
  raw: unknown,
  label: string,
  report: RestoreReport,
  one: (v: unknown, where: string) => T | string,
): T[] {
  if (!Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) report.setAside.push({ where: label, reason: `${label}列表不是数组`, value: raw });
    return [];
  }
  const seen = new Set<string>();
  const out: T[] = [];
  raw.forEach((v, i) => {
    const where = `${label} #${i + 1}${isObj(v) && typeof v.id === 'string' ? `（${quoteValue(v.id, 40)}）` : ''}`;
    const item = guard(where, v, report, () => one(v, where));
    if (!item) return;
    if (seen.has(item.id)) {
      report.restored--;
      report.setAside.push({ where, reason: `编号 ${item.id} 重复，保留了第一条`, value: v });
      return;
    }
    seen.add(item.id);
    out.push(item);
  });
  return out;
}

/**
 * The plan, field by field and item by item. Returns null only when nothing plan-like is there
 * (not an object); the caller then keeps its current plan.
 */
export function restorePlan(raw: unknown, options: RestoreOptions, report: RestoreReport = emptyReport()): Plan | null {
  if (!isObj(raw)) {
    if (raw !== undefined && raw !== null) report.setAside.push({ where: '计划', reason: '计划不是一个对象', value: raw });
    return null;
  }
  try {
    const nowIso = options.now.toISOString();
    const rawYear = raw.year;
    const year =
      typeof rawYear === 'number' && Number.isInteger(rawYear) && rawYear >= 1900 && rawYear <= 2200
        ? rawYear
        : options.now.getFullYear();
    if (rawYear !== year) report.repaired.push(`计划年度 ${quoteValue(rawYear)} 无效，已改为 ${year}`);
    const yearEnd = `${year}-12-31`;
    const sourceText = str(raw.sourceText);
    const tasks = restoreList(raw.tasks, '任务', report, (v, where) => {
      const t = restoreTask(v, yearEnd, report, where);
      // Compact storage omits a quote equal to its span of the source text: put it back.
      if (typeof t !== 'string' && isObj(v) && v.quote === undefined) t.quote = sourceText.slice(t.source.start, t.source.end);
      return t;
    });
    const sections = restoreList(raw.sections, '章节', report, (v) => restoreSection(v));
    const targets = restoreList(raw.targets, '目标', report, (v) => {
      const t = restoreTarget(v);
      if (typeof t !== 'string' && isObj(v) && v.quote === undefined) t.quote = sourceText.slice(t.source.start, t.source.end);
      return t;
    });
    const targetValues: Plan['targetValues'] = {};
    if (isObj(raw.targetValues)) {
      for (const [k, v] of Object.entries(raw.targetValues)) {
        if (v === null || (typeof v === 'number' && Number.isFinite(v))) targetValues[k] = v;
        else report.setAside.push({ where: `目标值 ${k}`, reason: `不是数字：${quoteValue(v)}`, value: v });
      }
    }
    const targetActuals: Plan['targetActuals'] = {};
    if (isObj(raw.targetActuals)) {
      for (const [k, v] of Object.entries(raw.targetActuals)) {
        const r = TargetActualsSchema.safeParse(v);
        if (r.success) targetActuals[k] = r.data;
        else report.setAside.push({ where: `目标实际值 ${k}`, reason: '应为四个季度的数值', value: v });
      }
    }
    const plan: Plan = {
      schemaVersion: SCHEMA_VERSION,
      id: str(raw.id) || `plan-restored-${options.now.getTime().toString(36)}`,
      title: str(raw.title),
      year,
      createdAt: str(raw.createdAt) || nowIso,
      updatedAt: str(raw.updatedAt) || str(raw.createdAt) || nowIso,
      sourceText,
      sections,
      tasks,
      targets,
      // Warnings are advice from the parser, not data: a bad one is simply dropped.
      warnings: Array.isArray(raw.warnings) ? raw.warnings.filter((w) => isObj(w) && typeof w.message === 'string' && typeof w.code === 'string').map((w) => ({
        code: (['empty-text', 'masked-target', 'no-owner', 'no-deadline', 'ambiguous-deadline', 'year-guessed', 'truncated', 'other'].includes(w.code as string) ? w.code : 'other') as Plan['warnings'][number]['code'],
        message: str(w.message),
        source: isObj(w.source) ? restoreSpan(w.source) : null,
        itemId: typeof w.itemId === 'string' ? w.itemId : null,
      })) : [],
      targetValues,
      targetActuals,
    };
    if (isObj(raw.mergedInto)) {
      const m: Record<string, string> = {};
      for (const [k, v] of Object.entries(raw.mergedInto)) if (typeof v === 'string') m[k] = v;
      plan.mergedInto = m;
    }
    fillAssignedOn(plan, report);
    return plan;
  } catch (e) {
    report.setAside.push({ where: '计划', reason: `无法恢复：${e instanceof Error ? e.message : String(e)}`, value: raw });
    return null;
  }
}

/**
 * legacy: plans written before tasks had a 交办日期. Each such task gets the day its plan was
 * created (China time), the earliest day the office can be sure it was handed over. The plan's
 * createdAt, not the task's first event: every office holding the same plan must fill the same
 * day, and not every office holds the same events.
 */
function fillAssignedOn(plan: Plan, report: RestoreReport): void {
  const day = isRealIsoDate(dayOf(plan.createdAt)) ? dayOf(plan.createdAt) : null;
  if (!day) return;
  let filled = 0;
  plan.tasks = plan.tasks.map((t) => {
    if (t.assignedOn) return t;
    filled++;
    return { ...t, assignedOn: day };
  });
  if (filled) report.repaired.push(`${filled} 项任务没有交办日期，已按计划创建日 ${day} 补齐（可在三张清单中修改）`);
}

export function restoreUnits(raw: unknown, report: RestoreReport = emptyReport()): Unit[] | null {
  if (!Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) report.setAside.push({ where: '单位', reason: '单位列表不是数组', value: raw });
    return null;
  }
  const units = restoreList(raw, '单位', report, (v) => {
    const ok = UnitSchema.safeParse(v);
    if (ok.success) return ok.data;
    if (!isObj(v) || !str(v.id) || !str(v.name)) return '单位缺少编号或名称';
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    const u = {
      id: str(v.id),
      name: str(v.name).slice(0, 200),
      kind: ['office', 'department', 'district', 'leader', 'party', 'other'].includes(v.kind as string) ? (v.kind as Unit['kind']) : 'other',
      aliases: strings(v.aliases),
      keywords: strings(v.keywords),
    };
    const check = UnitSchema.safeParse(u);
    return check.success ? check.data : zodReason(check.error, u);
  });
  return units;
}

/**
 * Events one by one. Two events with one id: identical copies collapse into one; different
 * contents keep the one whose canonical JSON sorts first (the same rule as mergeEvents, so every
 * browser keeps the same one) and set the other aside. The result is in (at, id) order.
 */
export function restoreEvents(raw: unknown, report: RestoreReport = emptyReport()): PlanEvent[] {
  if (!Array.isArray(raw)) {
    if (raw !== undefined && raw !== null) report.setAside.push({ where: '事件', reason: '事件列表不是数组', value: raw });
    return [];
  }
  const byId = new Map<string, { e: PlanEvent; c: string | null }>();
  raw.forEach((v, i) => {
    const where = `事件 #${i + 1}${isObj(v) && typeof v.id === 'string' ? `（${quoteValue(v.id, 40)}）` : ''}`;
    const e = guard(where, v, report, () => {
      // legacy: events written before notes were required carry none
      const input = isObj(v) && v.note === undefined ? { ...v, note: '' } : v;
      const r = EventSchema.safeParse(input);
      return r.success ? r.data : zodReason(r.error, input);
    });
    if (!e) return;
    const prev = byId.get(e.id);
    if (!prev) {
      byId.set(e.id, { e, c: null });
      return;
    }
    report.restored--;
    const pc = (prev.c ??= canonicalJson(prev.e));
    const ec = canonicalJson(e);
    if (pc === ec) return;
    if (ec < pc) {
      byId.set(e.id, { e, c: ec });
      report.setAside.push({ where, reason: `事件编号 ${e.id} 重复且内容不同，保留了另一条`, value: prev.e });
    } else {
      report.setAside.push({ where, reason: `事件编号 ${e.id} 重复且内容不同，保留了另一条`, value: v });
    }
  });
  return sortEvents([...byId.values()].map((x) => x.e));
}

export function restoreIdentity(raw: unknown): Identity | null {
  const r = IdentitySchema.safeParse(raw);
  return r.success ? r.data : null;
}

/**
 * The registry and the leaders together. legacy: data from before leaders had their own list keeps
 * them as registry entries of kind 'leader'; they move to the leaders (the default roles when the
 * registry had none), and owners in the plan that name a leader move into the leader's portfolio.
 */
export function restoreRegistry(
  rawUnits: unknown,
  rawLeaders: unknown,
  report: RestoreReport = emptyReport(),
): { units: Unit[] | null; leaders: Leader[] | null } {
  const all = restoreUnits(rawUnits, report);
  const split = all ? splitLegacyRegistry(all) : null;
  const listed = restoreLeaders(rawLeaders, (where, reason, value) => report.setAside.push({ where, reason, value }));
  // A registry entry of the old kind 'leader' beside a list of leaders (a hand-made or half-migrated
  // file) joins the list rather than being dropped with the registry's other leader entries.
  const strays = split ? split.leaders.filter((l) => !listed?.some((x) => x.name === l.name)) : [];
  const leaders = listed ? [...listed, ...strays] : split ? (split.leaders.length ? split.leaders : [...DEFAULT_LEADERS]) : null;
  return { units: split ? split.units : null, leaders };
}

/** The whole persisted state ({ plan, units, leaders, events, issued, identity }) of unknown shape. */
export function restoreState(raw: unknown, options: RestoreOptions): RestoredState {
  const report = emptyReport();
  if (!isObj(raw)) {
    if (raw !== undefined && raw !== null) report.setAside.push({ where: '数据', reason: '存储的数据不是一个对象', value: raw });
    return { plan: null, units: null, leaders: null, events: [], issued: [], identity: null, report };
  }
  let plan = restorePlan(raw.plan, options, report);
  const registry = restoreRegistry(raw.units, raw.leaders, report);
  let leaders = registry.leaders;
  if (plan) {
    const sep = separateLeaders(plan, leaders ?? DEFAULT_LEADERS);
    if (sep.moved) {
      plan = sep.plan;
      leaders = sep.leaders;
      report.repaired.push(`${sep.moved} 处责任单位是领导（分管副市长等），已移入领导分工`);
    }
  }
  const events = restoreEvents(raw.events, report);
  const issued = restoreArchive(raw.issued, (where, reason, value) => report.setAside.push({ where, reason, value }));
  const identity = restoreIdentity(raw.identity);
  return { plan, units: registry.units, leaders, events, issued, identity, report };
}

/**
 * JSON.parse that salvages a truncated or damaged text: it parses the longest readable prefix and
 * closes whatever was left open, so a save cut off halfway still yields every complete item before
 * the cut. Returns { value, complete } where complete is true only for valid JSON.
 */
export function parseJsonTolerant(text: string): { value: unknown; complete: boolean } {
  try {
    return { value: JSON.parse(text), complete: true };
  } catch {
    // fall through to the salvaging parser
  }
  const p = new PrefixParser(text);
  try {
    return { value: p.value(), complete: false };
  } catch (e) {
    return { value: e instanceof Cut ? e.partial : undefined, complete: false };
  }
}

/** Thrown where the text stops making sense; carries what was read of the enclosing value. */
class Cut extends Error {
  constructor(
    readonly partial: unknown = undefined,
    readonly hasPartial = false,
  ) {
    super('JSON 在此处中断');
  }
}

/**
 * A small recursive-descent JSON reader. A container cut off inside its parent is hung on the
 * parent as far as it was read, so `{"events":[e1,e2,{"id":"e3` still gives
 * {events:[e1,e2,{id:"e3"}]}: the partial last item is then set aside by the item-by-item restore,
 * and the complete ones survive.
 */
class PrefixParser {
  private i = 0;
  private depth = 0;
  constructor(private readonly s: string) {}

  private ws() {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === undefined) throw new Cut();
    // Deep nesting in a hostile text must not overflow the stack.
    if (this.depth > 200) throw new Cut();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 400));
    if (!m) throw new Cut();
    this.i += m[0].length;
    return JSON.parse(m[0]) as unknown;
  }

  private string(): string {
    // Find the closing quote, skipping escapes, then let JSON.parse decode the escapes.
    let j = this.i + 1;
    while (j < this.s.length) {
      const c = this.s[j];
      if (c === '\\') j += 2;
      else if (c === '"') break;
      else j++;
    }
    if (j >= this.s.length) throw new Cut();
    let out: string;
    try {
      out = JSON.parse(this.s.slice(this.i, j + 1)) as string;
    } catch {
      throw new Cut();
    }
    this.i = j + 1;
    return out;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.depth++;
    this.i++;
    try {
      this.ws();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      for (;;) {
        out.push(this.value());
        this.ws();
        const c = this.s[this.i++];
        if (c === ']') return out;
        if (c !== ',') throw new Cut();
      }
    } catch (e) {
      if (e instanceof Cut && e.hasPartial) out.push(e.partial);
      throw new Cut(out, true);
    } finally {
      this.depth--;
    }
  }

  private object(): Obj {
    const out: Obj = {};
    this.depth++;
    this.i++;
    let key: string | null = null;
    try {
      this.ws();
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      for (;;) {
        this.ws();
        if (this.s[this.i] !== '"') throw new Cut();
        const k = this.string();
        this.ws();
        if (this.s[this.i++] !== ':') throw new Cut();
        key = k;
        // defineProperty, not out[k] =: a "__proto__" key must stay a plain field.
        Object.defineProperty(out, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
        key = null;
        this.ws();
        const c = this.s[this.i++];
        if (c === '}') return out;
        if (c !== ',') throw new Cut();
      }
    } catch (e) {
      if (key !== null && e instanceof Cut && e.hasPartial) {
        Object.defineProperty(out, key, { value: e.partial, enumerable: true, writable: true, configurable: true });
      }
      throw new Cut(out, true);
    } finally {
      this.depth--;
    }
  }
}
