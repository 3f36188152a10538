/**
 * Files that move between offices, and the CSV of the three lists.
 *
 * Every JSON file has one envelope: { kind, schemaVersion, planId, createdAt, sender, checksum,
 * payload }. The checksum is SHA-256 over the canonical JSON (sorted keys) of everything but the
 * checksum itself, so a file edited by hand, cut off in an e-mail or tampered with is refused.
 *
 * Import is two steps: previewImport reads a file against the current state and lists what is
 * new, already present, in conflict and refused (each with a Chinese reason) without changing
 * anything; applyImport then applies exactly that preview. Applying the same file twice changes
 * nothing, because events merge by union (src/domain/merge.ts).
 */
import { compareEvents, deriveAllStates, resolveTaskId, type TaskState } from '@/domain/events';
import { canonicalJson, mergeEvents, newerPlan } from '@/domain/merge';
import {
  EventSchema,
  OFFICE_NAME,
  type EventType,
  type Identity,
  type Plan,
  type PlanEvent,
  type Task,
  type TaskStatus,
  type Unit,
} from '@/domain/model';
import { emptyReport, quoteValue, restoreEvents, restoreIdentity, restorePlan, restoreRegistry } from '@/domain/restore';
import { mergeArchives, restoreArchive, type IssuedBulletin } from '@/domain/bulletin/archive';
import { separateLeaders, type Leader } from '@/domain/leaders/leaders';

/** Version of the file format (not the plan model's schemaVersion). */
export const FILE_SCHEMA_VERSION = 1;
/** Files above this are refused before they are read: no plan comes near it (a city plan is < 2 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const FILE_KINDS = {
  planPackage: 'luoshi/plan-package',
  progressReport: 'luoshi/progress-report',
  backup: 'luoshi/backup',
} as const;
export type FileKind = (typeof FILE_KINDS)[keyof typeof FILE_KINDS];
const KIND_LABEL: Record<FileKind, string> = {
  'luoshi/plan-package': '计划包',
  'luoshi/progress-report': '进展报送',
  'luoshi/backup': '完整备份',
};

export interface FileEnvelope<P = unknown> {
  kind: FileKind;
  schemaVersion: number;
  planId: string;
  /** ISO datetime the file was made. */
  createdAt: string;
  /** The unit that made it (OFFICE_NAME for the office). */
  sender: string;
  /** `sha256:<hex>` of canonicalJson of the envelope without this field. */
  checksum: string;
  payload: P;
}

/** What files are built from and applied to. */
export interface DataState {
  plan: Plan;
  units: Unit[];
  /** Leaders and their portfolios; travel with the plan package and the backup. */
  leaders?: Leader[];
  events: PlanEvent[];
  /** Issued 通报 (frozen); travel with the plan package and the backup, merged by id. */
  issued?: IssuedBulletin[];
  identity?: Identity;
  dropped?: string[];
}

export interface BuiltFile {
  fileName: string;
  mime: string;
  text: string;
}

/** Event types only the office writes (supervision); a department's report may not carry them. */
export const OFFICE_ONLY_TYPES: ReadonlySet<EventType> = new Set(['extension-decision', 'review', 'urge', 'inspection', 'notice', 'flag', 'assign']);

// ------------------------------------------------------------------------------------ checksum

export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function checksumOf(envelope: Omit<FileEnvelope, 'checksum'>): Promise<string> {
  const { kind, schemaVersion, planId, createdAt, sender, payload } = envelope;
  return `sha256:${await sha256Hex(canonicalJson({ kind, schemaVersion, planId, createdAt, sender, payload }))}`;
}

async function seal<P>(head: Omit<FileEnvelope<P>, 'checksum'>): Promise<string> {
  const checksum = await checksumOf(head);
  // Fields in reading order, checksum before the (long) payload so a person can see it.
  const { payload, ...rest } = head;
  return JSON.stringify({ ...rest, checksum, payload }, null, 1);
}

// ------------------------------------------------------------------------------------ building

/**
 * The time in a file name, as the person saving it reads their clock (20260325-0930): local time,
 * never UTC, which would put a file saved at 07:00 in Beijing on the day before.
 */
export function fileStamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/** The day of an ISO time as the reader's clock shows it (the stored time is UTC). */
function localDayOf(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A name that is safe as a file name on Windows and in e-mail (no / \ : * ? " < > |). */
function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '计划';
}

/** Office → departments: the plan, the units, and the office's own events (urges, flags…). */
export async function buildPlanPackage(state: DataState, now: Date): Promise<BuiltFile> {
  const events = state.events.filter((e) => e.unit === OFFICE_NAME);
  const text = await seal({
    kind: FILE_KINDS.planPackage,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender: OFFICE_NAME,
    payload: { plan: state.plan, units: state.units, leaders: state.leaders ?? [], events, issued: state.issued ?? [] },
  });
  return { fileName: `落实-计划包-${safeName(state.plan.title)}-${fileStamp(now)}.json`, mime: 'application/json', text };
}

/** Department → office: the events this unit wrote about this plan's tasks. */
export async function buildProgressReport(state: DataState, unitName: string, now: Date): Promise<BuiltFile> {
  const known = new Set(state.plan.tasks.map((t) => t.id));
  const aliases = state.plan.mergedInto ?? {};
  const events = state.events.filter((e) => e.unit === unitName && known.has(resolveTaskId(aliases, e.taskId)));
  const text = await seal({
    kind: FILE_KINDS.progressReport,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender: unitName,
    payload: { events },
  });
  return { fileName: `落实-进展报送-${safeName(unitName)}-${fileStamp(now)}.json`, mime: 'application/json', text };
}

/** Everything, for a full restore on this or another computer. */
export async function buildBackup(state: DataState, sender: string, now: Date): Promise<BuiltFile> {
  const text = await seal({
    kind: FILE_KINDS.backup,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender,
    payload: {
      plan: state.plan,
      units: state.units,
      leaders: state.leaders ?? [],
      events: state.events,
      issued: state.issued ?? [],
      identity: state.identity ?? { kind: 'office' },
      dropped: state.dropped ?? [],
    },
  });
  return { fileName: `落实-完整备份-${fileStamp(now)}.json`, mime: 'application/json', text };
}

// ------------------------------------------------------------------------------------ CSV

export const CSV_COLUMNS = ['任务', '牵头单位', '配合单位', '时限', '状态', '进度', '挂牌督办'] as const;

const STATUS_LABEL: Record<TaskStatus, string> = {
  'not-started': '未开始',
  'in-progress': '推进中',
  blocked: '受阻',
  done: '已完成',
};

/**
 * One cell. A cell that starts with = + - @ (or a tab / carriage return) would be run as a
 * formula by Excel (CSV injection): it gets a leading apostrophe, which Excel shows as text.
 * Quotes are doubled and any cell with a comma, quote or line break is quoted (RFC 4180).
 */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function deadlineText(task: Task, state: TaskState | undefined): string {
  const d = task.deadline;
  const due = state?.due ?? d.due;
  const parts = [d.label, due && due !== d.due ? `${due}（已延期，原 ${d.due ?? '无'}）` : due].filter(Boolean);
  return [...new Set(parts)].join(' ') || (d.kind === 'ongoing' ? '长期' : '');
}

/**
 * The three lists (任务、责任、时限) as CSV: UTF-8 with a byte-order mark so Excel opens Chinese
 * correctly, CRLF line ends as Excel writes them.
 */
export function buildCsv(plan: Plan, states: Map<string, TaskState> = deriveAllStates(plan, [])): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const t of plan.tasks) {
    const st = states.get(t.id);
    const lead = t.owners.filter((o) => o.role === 'lead').map((o) => o.name);
    const co = t.owners.filter((o) => o.role === 'co').map((o) => o.name);
    const cells = [
      t.title,
      lead.join('、'),
      co.join('、'),
      deadlineText(t, st),
      STATUS_LABEL[st?.status ?? 'not-started'],
      `${Math.round(st?.percent ?? 0)}%`,
      (st?.flagged ?? t.flagged) ? '是' : '否',
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** Reads CSV back into rows of cells (RFC 4180); used by tests and by anyone checking an export. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      // handled by the \n
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------------------------ import

export type PreviewItemKind = 'file' | 'plan' | 'task' | 'unit' | 'event';
export interface PreviewItem {
  kind: PreviewItemKind;
  id: string;
  /** Chinese, for the preview list. */
  label: string;
  /** Chinese: why refused, or how a conflict is resolved. */
  reason?: string;
}

export type PlanAction = 'none' | 'update' | 'replace' | 'restore';

export interface ImportPreview {
  /** False when the whole file is refused: `error` says why, and applying changes nothing. */
  ok: boolean;
  error: string | null;
  fileKind: FileKind | null;
  sender: string;
  createdAt: string;
  planId: string;
  /** update: same plan, the file's is newer; replace: another plan replaces this one; restore: a full backup. */
  planAction: PlanAction;
  newItems: PreviewItem[];
  present: PreviewItem[];
  conflicts: PreviewItem[];
  refused: PreviewItem[];
  /** Items taken in after a correction (a date that does not exist, a missing field): each says what was done. */
  repaired: string[];
  /** One Chinese sentence for the top of the preview. */
  summary: string;
  /** What applyImport uses; a preview is applied exactly as shown. */
  incoming: {
    plan: Plan | null;
    units: Unit[] | null;
    /** The file's leaders, taken with its plan (null: keep the current ones). */
    leaders?: Leader[] | null;
    events: PlanEvent[];
    /** Issued 通报 in the file: always merged into the archive (documents already sent out). */
    issued?: IssuedBulletin[];
    identity: Identity | null;
  };
}

const EVENT_LABEL: Record<EventType, string> = {
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
  reply: '回复',
};

function refusedFile(error: string, head?: Partial<ImportPreview>): ImportPreview {
  return {
    ok: false,
    error,
    fileKind: null,
    sender: '',
    createdAt: '',
    planId: '',
    planAction: 'none',
    newItems: [],
    present: [],
    conflicts: [],
    refused: [{ kind: 'file', id: '', label: '整个文件', reason: error }],
    repaired: [],
    summary: `未导入：${error}`,
    incoming: { plan: null, units: null, events: [], identity: null },
    ...head,
  };
}

/** For the UI to call with File.size before reading a file at all. */
export function checkFileSize(bytes: number): string | null {
  return bytes > MAX_IMPORT_BYTES
    ? `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 的上限，未读取。落实的文件通常只有几百 KB，请确认选对了文件。`
    : null;
}

export interface PreviewOptions {
  now: Date;
}

/**
 * Reads a file against the current state. Pure (async only for the SHA-256); changes nothing.
 * Refuses the whole file for: size above 20 MB (before parsing), malformed JSON, unknown kind, a
 * future schemaVersion, a bad or missing checksum, a progress report of another plan. Refuses
 * single records for: malformed record (bad field, impossible date), unknown task, an event not
 * written by the sending unit, an event about a task the sender does not own (lead or co), a
 * supervision record from a department.
 */
export async function previewImport(current: DataState, fileText: string, options: PreviewOptions = { now: new Date() }): Promise<ImportPreview> {
  // A UTF-8 string is at least as many bytes as UTF-16 code units / 1; checking length first
  // keeps a 50 MB file from ever reaching JSON.parse.
  if (fileText.length > MAX_IMPORT_BYTES) return refusedFile(checkFileSize(fileText.length)!);
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const hint = text.trimStart().startsWith('<') ? '（看起来是网页或 XML，不是落实导出的文件）' : '';
    return refusedFile(`文件不是有效的 JSON${hint}：${e instanceof Error ? e.message : String(e)}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return refusedFile('文件内容不是落实导出的文件（缺少文件头）。');
  const env = raw as Record<string, unknown>;
  const kind = env.kind;
  // Any other JSON (a package.json, an export of another program) has no kind at all: saying
  // "文件类型 undefined" would only puzzle the user.
  if (kind === undefined || kind === null) return refusedFile('文件内容不是落实导出的文件（缺少文件类型）：只能导入计划包、进展报送或完整备份。');
  if (kind !== FILE_KINDS.planPackage && kind !== FILE_KINDS.progressReport && kind !== FILE_KINDS.backup) {
    return refusedFile(`无法识别的文件类型 ${quoteValue(kind)}：只能导入计划包、进展报送或完整备份。`);
  }
  const head = {
    fileKind: kind,
    sender: typeof env.sender === 'string' ? env.sender : '',
    createdAt: typeof env.createdAt === 'string' ? env.createdAt : '',
    planId: typeof env.planId === 'string' ? env.planId : '',
  };
  const sv = env.schemaVersion;
  if (typeof sv !== 'number' || !Number.isInteger(sv) || sv < 1) return refusedFile(`文件版本 ${quoteValue(sv)} 无效。`, head);
  if (sv > FILE_SCHEMA_VERSION) {
    return refusedFile(`此文件由更新版本的落实生成（文件版本 ${sv}，本版本只认识 ${FILE_SCHEMA_VERSION}），请先更新落实再导入。`, head);
  }
  if (!head.planId || !head.sender || !head.createdAt) return refusedFile('文件头缺少计划编号、发送单位或生成时间。', head);
  if (typeof env.checksum !== 'string') return refusedFile('文件缺少校验码，无法确认内容完整，未导入。', head);
  const expected = await checksumOf({ kind, schemaVersion: sv, planId: head.planId, createdAt: head.createdAt, sender: head.sender, payload: env.payload });
  if (expected !== env.checksum) {
    return refusedFile('校验码不符：文件在生成后被修改过或传输中损坏，未导入。请让对方重新导出发送。', head);
  }
  // Without a payload a report would read as "无新内容" and look like a unit that did nothing.
  if (!env.payload || typeof env.payload !== 'object' || Array.isArray(env.payload)) return refusedFile('文件缺少内容（payload），无法导入。请让对方重新导出发送。', head);
  const payload = env.payload as Record<string, unknown>;
  if (kind === FILE_KINDS.progressReport) return previewProgress(current, payload, head);
  if (kind === FILE_KINDS.planPackage) return previewPackage(current, payload, head, options);
  return previewBackup(current, payload, head, options);
}

/** Same plan apart from when it was last stamped (a restore on this computer stamps it anew). */
export function samePlanContent(a: Plan, b: Plan): boolean {
  return canonicalJson({ ...a, updatedAt: '' }) === canonicalJson({ ...b, updatedAt: '' });
}

type Head = Pick<ImportPreview, 'fileKind' | 'sender' | 'createdAt' | 'planId'>;

function eventLabel(e: PlanEvent, plan: Plan): string {
  const task = plan.tasks.find((t) => t.id === resolveTaskId(plan.mergedInto ?? {}, e.taskId));
  return `${e.unit} ${EVENT_LABEL[e.type]}：${task ? task.title : e.taskId}（${localDayOf(e.at)}）`;
}

/**
 * Sorts a file's events into new / present / conflict / refused against `existing`. `check`
 * returns a refusal reason for an event that is well-formed but not acceptable.
 */
function classifyEvents(
  rawEvents: unknown,
  existing: readonly PlanEvent[],
  plan: Plan,
  check: (e: PlanEvent) => string | null,
): Pick<ImportPreview, 'newItems' | 'present' | 'conflicts' | 'refused'> & { accepted: PlanEvent[] } {
  const out = { newItems: [] as PreviewItem[], present: [] as PreviewItem[], conflicts: [] as PreviewItem[], refused: [] as PreviewItem[], accepted: [] as PlanEvent[] };
  if (!Array.isArray(rawEvents)) {
    if (rawEvents !== undefined) out.refused.push({ kind: 'event', id: '', label: '事件列表', reason: '事件列表不是数组' });
    return out;
  }
  const byId = new Map(existing.map((e) => [e.id, e]));
  const inFile = new Map<string, PlanEvent>();
  rawEvents.forEach((v, i) => {
    const r = EventSchema.safeParse(v);
    if (!r.success) {
      const issue = r.error.issues[0];
      const id = v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string' ? (v as { id: string }).id : '';
      out.refused.push({
        kind: 'event',
        id,
        label: `第 ${i + 1} 条记录${id ? `（${id}）` : ''}`,
        reason: `记录格式不符：${issue ? `${issue.path.join('.') || '记录'} ${issue.message}` : '无法识别'}`,
      });
      return;
    }
    const e = r.data;
    const why = check(e);
    if (why) {
      out.refused.push({ kind: 'event', id: e.id, label: eventLabel(e, plan), reason: why });
      return;
    }
    const dup = inFile.get(e.id);
    if (dup) {
      // Duplicated in the file itself: identical copies count once; different ones conflict.
      if (canonicalJson(dup) === canonicalJson(e)) return;
      const keep = canonicalJson(e) < canonicalJson(dup) ? e : dup;
      inFile.set(e.id, keep);
      out.conflicts.push({ kind: 'event', id: e.id, label: eventLabel(e, plan), reason: '文件中有两条同编号但内容不同的记录，按固定规则保留其中一条' });
      return;
    }
    inFile.set(e.id, e);
  });
  for (const e of inFile.values()) {
    const have = byId.get(e.id);
    if (!have) {
      out.newItems.push({ kind: 'event', id: e.id, label: eventLabel(e, plan) });
      out.accepted.push(e);
    } else if (canonicalJson(have) === canonicalJson(e)) {
      out.present.push({ kind: 'event', id: e.id, label: eventLabel(e, plan) });
    } else {
      const kept = canonicalJson(e) < canonicalJson(have) ? '保留文件中的版本' : '保留本机的版本';
      out.conflicts.push({ kind: 'event', id: e.id, label: eventLabel(e, plan), reason: `同一编号的记录内容不同，按固定规则${kept}（各处结果一致）` });
      out.accepted.push(e);
    }
  }
  out.accepted.sort(compareEvents);
  return out;
}

function summarize(p: Omit<ImportPreview, 'summary'>): string {
  const label = p.fileKind ? KIND_LABEL[p.fileKind] : '文件';
  const plan = p.planAction === 'replace' ? '，将替换当前计划（替换前自动备份）' : p.planAction === 'update' ? '，将更新为文件中较新的计划' : p.planAction === 'restore' ? '，将用备份恢复全部数据（恢复前自动备份）' : '';
  const nothing = !p.newItems.length && !p.conflicts.length && p.planAction === 'none';
  const repaired = p.repaired.length ? `，自动修正 ${p.repaired.length} 处（请核对）` : '';
  return `${p.sender} 的${label}：新增 ${p.newItems.length} 条，已有 ${p.present.length} 条，冲突 ${p.conflicts.length} 条，拒收 ${p.refused.length} 条${repaired}${plan}${nothing ? '。文件中没有新内容，导入不会改变任何数据。' : '。'}`;
}

function finish(p: Omit<ImportPreview, 'summary'>): ImportPreview {
  return { ...p, summary: summarize(p) };
}

function previewProgress(current: DataState, payload: Record<string, unknown>, head: Head): ImportPreview {
  const plan = current.plan;
  if (head.planId !== plan.id) {
    return refusedFile(`这是另一个计划的进展报送（计划编号 ${head.planId}），与当前计划（${plan.id}）不符，未导入。`, head);
  }
  const aliases = plan.mergedInto ?? {};
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const c = classifyEvents(payload.events, current.events, plan, (e) => {
    if (e.unit !== head.sender) return `不是发送单位（${head.sender}）填写的记录，而是 ${e.unit} 的`;
    if (OFFICE_ONLY_TYPES.has(e.type)) return `“${EVENT_LABEL[e.type]}”只能由${OFFICE_NAME}记录`;
    const task = tasks.get(resolveTaskId(aliases, e.taskId));
    if (!task) return `未知任务 ${e.taskId}：当前计划中没有这项任务`;
    if (!task.owners.some((o) => o.name === head.sender)) return `${head.sender} 不是任务“${task.title}”的牵头或配合单位`;
    return null;
  });
  return finish({
    ok: true,
    error: null,
    ...head,
    planAction: 'none',
    newItems: c.newItems,
    present: c.present,
    conflicts: c.conflicts,
    refused: c.refused,
    repaired: [],
    incoming: { plan: null, units: null, events: c.accepted, identity: null },
  });
}

function restoredItemsAsRefused(report: ReturnType<typeof emptyReport>): PreviewItem[] {
  return report.setAside.map((s) => ({ kind: s.where.startsWith('事件') ? 'event' : s.where.startsWith('单位') ? 'unit' : 'task', id: '', label: s.where, reason: s.reason }));
}

function previewPackage(current: DataState, payload: Record<string, unknown>, head: Head, options: PreviewOptions): ImportPreview {
  const report = emptyReport();
  const restored = restorePlan(payload.plan, { now: options.now }, report);
  if (!restored) return refusedFile('计划包中没有可读的计划。', head);
  if (restored.id !== head.planId) return refusedFile(`文件头的计划编号（${head.planId}）与包内计划（${restored.id}）不一致，未导入。`, head);
  const { units, leaders, plan } = registryOf(restored, payload, report, current);
  const issued = restoreArchive(payload.issued, (where, reason, value) => report.setAside.push({ where, reason, value }));
  const refused = restoredItemsAsRefused(report);
  const newItems: PreviewItem[] = [];
  const present: PreviewItem[] = [];
  const conflicts: PreviewItem[] = [];
  let planAction: PlanAction = 'none';
  if (plan.id !== current.plan.id) {
    planAction = 'replace';
    newItems.push({ kind: 'plan', id: plan.id, label: `计划“${plan.title || plan.id}”（${plan.tasks.length} 项任务）`, reason: '替换当前计划' });
  } else if (samePlanContent(plan, current.plan)) {
    present.push({ kind: 'plan', id: plan.id, label: `计划“${plan.title || plan.id}”` });
  } else if (newerPlan(current.plan, plan) === plan) {
    planAction = 'update';
    const have = new Map(current.plan.tasks.map((t) => [t.id, t]));
    for (const t of plan.tasks) {
      const h = have.get(t.id);
      if (!h) newItems.push({ kind: 'task', id: t.id, label: `任务：${t.title}` });
      else if (canonicalJson(h) !== canonicalJson(t)) conflicts.push({ kind: 'task', id: t.id, label: `任务：${t.title}`, reason: '内容有改动，以文件中较新的计划为准' });
      else present.push({ kind: 'task', id: t.id, label: `任务：${t.title}` });
    }
    const incomingIds = new Set(plan.tasks.map((t) => t.id));
    for (const t of current.plan.tasks) {
      if (!incomingIds.has(t.id)) conflicts.push({ kind: 'task', id: t.id, label: `任务：${t.title}`, reason: '较新的计划中已没有这项任务（其记录保留在日志中）' });
    }
  } else {
    conflicts.push({ kind: 'plan', id: plan.id, label: `计划“${plan.title || plan.id}”`, reason: '文件中的计划比当前的旧，保留当前计划' });
  }
  // After a replace the file's plan is the one the events must fit.
  const basis = planAction === 'none' ? current.plan : plan;
  const tasks = new Set(basis.tasks.map((t) => t.id));
  const c = classifyEvents(payload.events, planAction === 'replace' ? [] : current.events, basis, (e) => {
    if (e.unit !== head.sender) return `计划包只应带有发送单位（${head.sender}）的记录，这条是 ${e.unit} 的`;
    if (!tasks.has(resolveTaskId(basis.mergedInto ?? {}, e.taskId))) return `未知任务 ${e.taskId}：计划中没有这项任务`;
    return null;
  });
  return finish({
    ok: true,
    error: null,
    ...head,
    planAction,
    newItems: [...newItems, ...c.newItems],
    present: [...present, ...c.present],
    conflicts: [...conflicts, ...c.conflicts],
    refused: [...refused, ...c.refused],
    // Corrections matter only when the file's plan is the one taken.
    repaired: planAction === 'none' ? [] : report.repaired,
    incoming: { plan: planAction === 'none' ? null : plan, units: planAction === 'none' ? null : units, leaders: planAction === 'none' ? null : leaders, events: c.accepted, issued, identity: null },
  });
}

/**
 * The registry and leaders of a file, and its plan with owners that name a leader moved to the
 * leader (files from before leaders had their own list carry them as units and as owners).
 */
function registryOf(restored: Plan, payload: Record<string, unknown>, report: ReturnType<typeof emptyReport>, current: DataState): { units: Unit[] | null; leaders: Leader[] | null; plan: Plan } {
  const reg = restoreRegistry(payload.units, payload.leaders, report);
  const sep = separateLeaders(restored, reg.leaders ?? current.leaders ?? []);
  return { units: reg.units, leaders: sep.moved || reg.leaders ? sep.leaders : null, plan: sep.plan };
}

function previewBackup(current: DataState, payload: Record<string, unknown>, head: Head, options: PreviewOptions): ImportPreview {
  const report = emptyReport();
  const restored = restorePlan(payload.plan, { now: options.now }, report);
  if (!restored) return refusedFile('备份中没有可读的计划。', head);
  const { units, leaders, plan } = registryOf(restored, payload, report, current);
  const issued = restoreArchive(payload.issued, (where, reason, value) => report.setAside.push({ where, reason, value }));
  const events = restoreEvents(payload.events, report);
  const identity = restoreIdentity(payload.identity);
  const same =
    samePlanContent(plan, current.plan) &&
    canonicalJson(units ?? current.units) === canonicalJson(current.units) &&
    events.length === current.events.length &&
    canonicalJson(events) === canonicalJson(current.events);
  const preview: Omit<ImportPreview, 'summary'> = {
    ok: true,
    error: null,
    ...head,
    planAction: same ? 'none' : 'restore',
    newItems: same ? [] : [{ kind: 'plan', id: plan.id, label: `计划“${plan.title || plan.id}”，${plan.tasks.length} 项任务，${events.length} 条记录` }],
    present: same ? [{ kind: 'plan', id: plan.id, label: '备份与当前数据完全相同' }] : [],
    conflicts: [],
    refused: restoredItemsAsRefused(report),
    repaired: report.repaired,
    incoming: { plan, units, leaders, events, issued, identity },
  };
  return finish(preview);
}

export interface ApplyResult {
  state: DataState;
  /** False when the import changed nothing (same file twice, or a refused file). */
  changed: boolean;
}

/** Applies a preview. A refused file or a file with nothing new returns the state unchanged. */
export function applyImport(state: DataState, preview: ImportPreview): ApplyResult {
  if (!preview.ok) return { state, changed: false };
  const inc = preview.incoming;
  const issued = inc.issued?.length ? mergeArchives(state.issued ?? [], inc.issued) : state.issued;
  const leaders = inc.leaders ?? state.leaders;
  if (preview.planAction === 'restore' && inc.plan) {
    return {
      state: { ...state, plan: inc.plan, units: inc.units ?? state.units, leaders, events: inc.events, issued, identity: inc.identity ?? state.identity, dropped: [] },
      changed: true,
    };
  }
  if (preview.planAction === 'replace' && inc.plan) {
    return { state: { ...state, plan: inc.plan, units: inc.units ?? state.units, leaders, events: inc.events, issued }, changed: true };
  }
  let next = state;
  if (preview.planAction === 'update' && inc.plan) next = { ...next, plan: inc.plan, units: inc.units ?? next.units, leaders };
  if (issued && issued.length !== (next.issued ?? []).length) next = { ...next, issued };
  if (inc.events.length) {
    const m = mergeEvents(next.events, inc.events);
    const fromFile = new Set(inc.events);
    // A conflict changes something only when the file's version is the one kept.
    if (m.added.length || m.conflicts.some((c) => fromFile.has(c.kept))) {
      // An import is an explicit wish for these events: an earlier undo of them no longer holds.
      const ids = new Set(inc.events.map((e) => e.id));
      next = { ...next, events: m.events, dropped: (next.dropped ?? []).filter((id) => !ids.has(id)) };
    }
  }
  return { state: next, changed: next !== state };
}
