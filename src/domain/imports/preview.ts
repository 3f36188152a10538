/**
 * Reading a file from another office: previewImport reads it against the current state and sorts
 * what it holds into 新增 / 已有 / 需确认 / 拒收, each with a Chinese reason, without changing
 * anything (applyImport in src/domain/files.ts then applies exactly that). The rules are written
 * down in docs/DATA.md, "Import rules". Loaded only when a file is read (the store imports it
 * dynamically): none of it is needed to start the app.
 */
import { compareEvents, resolveTaskId } from '@/domain/events';
import {
  checksumOf,
  FILE_KINDS,
  FILE_SCHEMA_VERSION,
  MAX_IMPORT_BYTES,
  OFFICE_ONLY_TYPES,
  checkFileSize,
  type DataState,
  type FileKind,
  type ImportPreview,
  type PlanAction,
  type PreviewItem,
  type RemovedTask,
  type SealedKeyItem,
} from '@/domain/files';
import { chineseTime, isSaneTime, timeProblem, verifySender } from '@/domain/imports/rules';
import { canonicalJson } from '@/domain/merge';
import { EventSchema, OFFICE_NAME, parseIsoTime, type Plan, type PlanEvent, type Task, type Unit } from '@/domain/model';
import { describeIssue, emptyReport, quoted, quoteValue, restoreEvents, restoreIdentity, restorePlan, restoreRegistry, type RestoreReport } from '@/domain/restore';
import { restoreArchive } from '@/domain/bulletin/archive';
import { separateLeaders, type Leader } from '@/domain/leaders/leaders';
import { KEY_FILE_KIND, type TrustStore } from '@/domain/signing/signing';

const KIND_LABEL: Record<FileKind, string> = {
  'luoshi/plan-package': '计划包',
  'luoshi/progress-report': '进度报告',
  'luoshi/backup': '完整备份',
};

/** Deeper than any file Luoshi writes (about 7 levels); a deeper one would only exhaust the stack. */
const MAX_DEPTH = 40;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function refusedFile(error: string, head?: Partial<ImportPreview>): ImportPreview {
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
    toConfirm: [],
    refused: [{ kind: 'file', id: '', label: '整个文件', reason: error }],
    removedTasks: [],
    repaired: [],
    summary: `未导入：${error}`,
    incoming: { plan: null, units: null, events: [], identity: null },
    ...head,
  };
}

/**
 * A chosen file's bytes as text: UTF-8 (a byte-order mark is dropped) or UTF-16 with its
 * byte-order mark (Windows 记事本 "Unicode"); anything else is refused in Chinese rather than
 * read as mojibake that would then fail as "not JSON".
 */
export function decodeImportBytes(bytes: Uint8Array, fileName: string): { text: string } | { error: string } {
  const tooBig = checkFileSize(bytes.length);
  if (tooBig) return { error: tooBig };
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    try {
      return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes) };
    } catch {
      return { error: `“${fileName}”的 UTF-16 编码已损坏，无法读取。请让对方重新导出发送。` };
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: `“${fileName}”不是落实导出的文本文件（无法按 UTF-8 读取，可能是 Word、Excel、压缩包或 GBK 编码的文件）。` };
  }
}

export interface PreviewOptions {
  now: Date;
  /** This browser's pinned keys: given, every record is checked for its author's signature (src/domain/signing/). */
  trust?: TrustStore;
  /** Key ids of this browser's own keys: a backup signed by one of them is this browser's own data. */
  ownKeyIds?: readonly string[];
  subtle?: SubtleCrypto;
}

/** Where JSON.parse stopped, in words: the engine's own message is English and says little. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /position (\d+)/.exec(message);
  const pos = at ? Number(at[1]) : -1;
  if (/end of JSON|Unterminated|unexpected end/i.test(message) || pos >= text.trimEnd().length) {
    return '文件在结尾处中断，内容不完整（可能没有下载完，或在传送中被截断）。请让对方重新导出发送。';
  }
  if (pos >= 0) {
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    const near = text.slice(Math.max(0, pos - 12), pos + 12).replace(/\s+/g, ' ');
    return `第 ${line} 行第 ${column} 个字符附近有无法识别的内容 ${quoted(near)}，文件可能被手工改动过或已损坏。`;
  }
  return '文件内容无法按 JSON 格式读取，可能已损坏。';
}

/** Walks without recursion, so a hostile nesting cannot overflow the stack here either. */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (depth > max) return true;
    if (v && typeof v === 'object') for (const child of Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Reads a file against the current state. Pure (async only for the SHA-256); changes nothing.
 * The rules (who may send what, what is refused and why, what needs confirmation) are written
 * down in docs/DATA.md, "Import rules".
 */
export async function previewImport(current: DataState, fileText: string, options: PreviewOptions = { now: new Date() }): Promise<ImportPreview> {
  // A UTF-8 string is at least as many bytes as UTF-16 code units / 1; checking length first
  // keeps a 50 MB file from ever reaching JSON.parse.
  if (fileText.length > MAX_IMPORT_BYTES) return refusedFile(checkFileSize(fileText.length)!);
  const text = fileText.startsWith('\uFEFF') ? fileText.slice(1) : fileText;
  if (!text.trim()) return refusedFile('文件是空的，没有任何内容。');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const hint = text.trimStart().startsWith('<') ? '（看起来是网页或 XML，不是落实导出的文件）' : '';
    return refusedFile(`文件不是有效的 JSON${hint}：${jsonProblem(text, e)}`);
  }
  if (deeperThan(raw, MAX_DEPTH)) return refusedFile(`文件的结构层层嵌套超过 ${MAX_DEPTH} 层，落实导出的文件不会这样，未导入。`);
  if (!isObj(raw)) return refusedFile('文件内容不是落实导出的文件（缺少文件头）。');
  const env = raw;
  const kind = env.kind;
  // Any other JSON (a package.json, an export of another program) has no kind at all: saying
  // "文件类型 undefined" would only puzzle the user.
  if (kind === undefined || kind === null) return refusedFile('文件内容不是落实导出的文件（缺少文件类型）：只能导入计划包、进度报告或完整备份。');
  if (kind !== FILE_KINDS.planPackage && kind !== FILE_KINDS.progressReport && kind !== FILE_KINDS.backup) {
    return refusedFile(`无法识别的文件类型 ${quoted(kind)}：只能导入计划包、进度报告或完整备份。`);
  }
  const head = {
    fileKind: kind,
    sender: typeof env.sender === 'string' ? env.sender : '',
    createdAt: typeof env.createdAt === 'string' ? env.createdAt : '',
    planId: typeof env.planId === 'string' ? env.planId : '',
  };
  const sv = env.schemaVersion;
  if (sv === undefined || sv === null) return refusedFile('文件缺少文件版本（schemaVersion），无法确认它的格式，未导入。', head);
  if (typeof sv !== 'number' || !Number.isInteger(sv) || sv < 1) return refusedFile(`文件版本 ${quoted(sv)} 无效（应为 1 这样的正整数），未导入。`, head);
  if (sv > FILE_SCHEMA_VERSION) {
    return refusedFile(`此文件由更新版本的落实生成（文件版本 ${sv}，本版本只认识 ${FILE_SCHEMA_VERSION}），请先更新落实再导入。`, head);
  }
  const missing = [!head.planId && '计划编号（planId）', !head.sender && '发送单位（sender）', !head.createdAt && '生成时间（createdAt）'].filter(Boolean);
  if (missing.length) return refusedFile(`文件头缺少${missing.join('、')}，未导入。`, head);
  if (head.sender.length > 200) return refusedFile(`发送单位的名称过长（${head.sender.length} 个字符）：${quoted(head.sender)}，未导入。`, head);
  if (typeof env.checksum !== 'string') return refusedFile('文件缺少校验码，无法确认内容完整，未导入。', head);
  const expected = await checksumOf({ kind, schemaVersion: sv, planId: head.planId, createdAt: head.createdAt, sender: head.sender, payload: env.payload });
  if (expected !== env.checksum) {
    return refusedFile('校验码不符：文件在生成后被修改过或传输中损坏，未导入。请让对方重新导出发送。', head);
  }
  const made = timeProblem(head.createdAt, options.now);
  if (made) return refusedFile(`文件的生成时间${made}，未导入。请核对发送方电脑的日期后重新导出。`, { ...head, createdAt: '' });
  // Without a payload a report would read as "无新内容" and look like a unit that did nothing.
  if (!isObj(env.payload)) return refusedFile('文件缺少内容（payload），无法导入。请让对方重新导出发送。', head);
  const payload = env.payload;
  const sender = verifySender({ kind, sender: head.sender, payload });
  if (!sender.ok) return refusedFile(sender.reason, head);
  const preview =
    kind === FILE_KINDS.progressReport ? previewProgress(current, payload, head, options) : kind === FILE_KINDS.planPackage ? previewPackage(current, payload, head, options) : previewBackup(current, payload, head, options);
  // Signatures (issue 13): every record that would be applied is checked against its author's
  // pinned key; what does not hold moves to 拒收 with its reason.
  if (!options.trust || !preview.ok) return preview;
  const { checkFileSignatures } = await import('@/domain/signing/signing');
  return checkFileSignatures(preview, { payload, checksum: env.checksum, signature: env.signature }, current, options.trust, options);
}

/** Same plan apart from when it was last stamped (a restore on this computer stamps it anew). */
export function samePlanContent(a: Plan, b: Plan): boolean {
  return canonicalJson({ ...a, updatedAt: '' }) === canonicalJson({ ...b, updatedAt: '' });
}

type Head = Pick<ImportPreview, 'fileKind' | 'sender' | 'createdAt' | 'planId'>;

const whenText = (iso: string) => {
  const t = parseIsoTime(iso);
  return t === null ? quoted(iso) : chineseTime(t, true);
};
const whenDay = (iso: string) => {
  const t = parseIsoTime(iso);
  return t === null ? iso.slice(0, 10) : chineseTime(t);
};

export function eventItem(e: PlanEvent, tasks: ReadonlyMap<string, Task>, aliases: Readonly<Record<string, string>>): PreviewItem {
  const task = tasks.get(e.taskId) ?? tasks.get(resolveTaskId(aliases, e.taskId));
  return {
    kind: 'event',
    id: e.id,
    // The day as the reader's clock shows it: the stored time is UTC.
    label: `${e.unit} 的记录：${task ? task.title : `任务 ${e.taskId}`}（${whenDay(e.at)}）`,
    event: e,
    ...(task ? { taskTitle: task.title } : {}),
  };
}

interface Classified {
  newItems: PreviewItem[];
  present: PreviewItem[];
  refused: PreviewItem[];
  accepted: PlanEvent[];
}

/**
 * Sorts a file's records into new / present / refused against `existing`. A record is immutable:
 * one whose id is already here with other content is refused, never replaces what is here, and
 * a file that gives one id two contents has neither taken. `check` returns a refusal reason for a
 * record that is well-formed but not acceptable from this sender.
 */
function classifyEvents(rawEvents: unknown, existing: readonly PlanEvent[], plan: Plan, now: Date, check: (e: PlanEvent) => string | null): Classified {
  const out: Classified = { newItems: [], present: [], refused: [], accepted: [] };
  if (!Array.isArray(rawEvents)) {
    if (rawEvents !== undefined) out.refused.push({ kind: 'event', id: '', label: '记录列表', reason: `记录列表应是一个列表，文件中是 ${quoted(rawEvents)}` });
    return out;
  }
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const aliases = plan.mergedInto ?? {};
  const byId = new Map(existing.map((e) => [e.id, e]));
  const parsed: { e: PlanEvent; text: string }[] = [];
  const versions = new Map<string, Set<string>>();
  rawEvents.forEach((v, i) => {
    const r = EventSchema.safeParse(v);
    if (!r.success) {
      const id = isObj(v) && typeof v.id === 'string' ? v.id : '';
      out.refused.push({ kind: 'event', id, label: `第 ${i + 1} 条记录${id ? `（编号 ${quoteValue(id, 40)}）` : ''}`, reason: `记录格式不符：${describeIssue(r.error.issues[0], v)}` });
      return;
    }
    const text = canonicalJson(r.data);
    parsed.push({ e: r.data, text });
    const seen = versions.get(r.data.id);
    if (seen) seen.add(text);
    else versions.set(r.data.id, new Set([text]));
  });
  const done = new Set<string>();
  for (const { e, text } of parsed) {
    // Identical copies within the file count once.
    if (done.has(text)) continue;
    done.add(text);
    const item = eventItem(e, tasks, aliases);
    const have = byId.get(e.id);
    // Exactly what is here already, whoever wrote it (the office's own records coming back): 已有.
    if (have && canonicalJson(have) === text) {
      out.present.push(item);
      continue;
    }
    const copies = versions.get(e.id)!.size;
    const badTime = timeProblem(e.at, now);
    const why =
      copies > 1
        ? `文件中有 ${copies} 条编号相同（${quoteValue(e.id, 40)}）但内容不同的记录，无法判断哪条是真的，已拒收`
        : have
          ? `记录编号重复但内容不同，已拒收：本机已有编号 ${quoteValue(e.id, 40)} 的另一条记录（${have.unit}，${whenText(have.at)}）。记录写下后不能修改，请与对方核对`
          : badTime
            ? `记录时间${badTime}，已拒收`
            : check(e);
    if (why) {
      out.refused.push({ ...item, reason: why });
      continue;
    }
    out.newItems.push(item);
    out.accepted.push(e);
  }
  out.accepted.sort(compareEvents);
  return out;
}

function summarize(p: Omit<ImportPreview, 'summary'>): string {
  const label = p.fileKind ? KIND_LABEL[p.fileKind] : '文件';
  const plan = p.planAction === 'replace' ? '，将替换当前计划（替换前自动备份）' : p.planAction === 'update' ? '，将更新为文件中较新的计划' : p.planAction === 'restore' ? '，将用备份恢复全部数据（恢复前自动备份）' : '';
  const removal = p.removedTasks.length ? `；导入后当前计划中的 ${p.removedTasks.length} 项任务将不再保留，须先确认` : '';
  const nothing = !p.newItems.length && !p.toConfirm.length && p.planAction === 'none';
  const repaired = p.repaired.length ? `，自动修正 ${p.repaired.length} 处（请核对）` : '';
  return `${p.sender} 的${label}：新增 ${p.newItems.length} 条，已有 ${p.present.length} 条，需确认 ${p.toConfirm.length} 条，拒收 ${p.refused.length} 条${repaired}${plan}${removal}${nothing ? '。文件中没有新内容，导入不会改变任何数据。' : '。'}`;
}

export function finish(p: Omit<ImportPreview, 'summary'>): ImportPreview {
  return { ...p, summary: summarize(p) };
}

function previewProgress(current: DataState, payload: Obj, head: Head, options: PreviewOptions): ImportPreview {
  const plan = current.plan;
  if (head.planId !== plan.id) {
    return refusedFile(`这是另一个计划的进度报告（计划编号 ${quoted(head.planId)}），与当前计划（${quoted(plan.id)}）不符，未导入。`, head);
  }
  const aliases = plan.mergedInto ?? {};
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const c = classifyEvents(payload.events, current.events, plan, options.now, (e) => {
    if (e.unit !== head.sender) return `不是发送单位（${head.sender}）填写的记录，而是 ${quoteValue(e.unit, 40)} 的`;
    if (OFFICE_ONLY_TYPES.has(e.type)) return `督办类记录（交办、催办、检查、通报、验收、延期批复、挂牌）只能由${OFFICE_NAME}填写`;
    const task = tasks.get(resolveTaskId(aliases, e.taskId));
    if (!task) return `未知任务 ${quoted(e.taskId)}：当前计划中没有这项任务`;
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
    toConfirm: [],
    refused: c.refused,
    removedTasks: [],
    repaired: [],
    incoming: { plan: null, units: null, events: c.accepted, identity: null },
  });
}

function restoredItemsAsRefused(report: ReturnType<typeof emptyReport>): PreviewItem[] {
  return report.setAside.map((s) => ({ kind: s.where.startsWith('事件') ? 'event' : s.where.startsWith('单位') ? 'unit' : 'task', id: '', label: s.where, reason: s.reason }));
}

/** Why a file's plan cannot be read at all, before any of it is restored: a missing or broken task list would otherwise read as "no tasks". */
function planShapeProblem(rawPlan: unknown, where: string): string | null {
  if (rawPlan === undefined || rawPlan === null) return `${where}中没有计划（plan），文件可能已损坏，未导入。`;
  if (!isObj(rawPlan)) return `${where}中的计划应是一个对象，文件中是 ${quoted(rawPlan)}，未导入。`;
  if (rawPlan.tasks === undefined || rawPlan.tasks === null) return `${where}中的计划缺少任务列表（tasks），文件可能已损坏或被改动；按它导入会清空全部任务，未导入。`;
  if (!Array.isArray(rawPlan.tasks)) return `${where}中的任务列表（tasks）应是一个列表，文件中是 ${quoted(rawPlan.tasks)}；按它导入会清空全部任务，未导入。`;
  return null;
}

/** Tasks `before` has and `after` has not (for the confirmation that names them). */
function tasksRemoved(before: Plan, after: Plan): RemovedTask[] {
  const kept = new Set(after.tasks.map((t) => t.id));
  return before.tasks.filter((t) => !kept.has(t.id)).map((t) => ({ id: t.id, title: t.title }));
}

const ownerText = (t: Task, role: 'lead' | 'co') => t.owners.filter((o) => o.role === role).map((o) => o.name).join('、') || '无';
const deadlineWords = (t: Task) => [t.deadline.label, t.deadline.due].filter(Boolean).join(' ') || '无';

/** What a newer plan changes in one task, in words (for 需确认). */
function taskChanges(before: Task, after: Task): string {
  const parts: string[] = [];
  if (before.title !== after.title) parts.push(`标题改为“${after.title}”`);
  if (ownerText(before, 'lead') !== ownerText(after, 'lead')) parts.push(`牵头单位 ${ownerText(before, 'lead')} → ${ownerText(after, 'lead')}`);
  if (ownerText(before, 'co') !== ownerText(after, 'co')) parts.push(`配合单位 ${ownerText(before, 'co')} → ${ownerText(after, 'co')}`);
  if (deadlineWords(before) !== deadlineWords(after)) parts.push(`时限 ${deadlineWords(before)} → ${deadlineWords(after)}`);
  if (before.flagged !== after.flagged) parts.push(after.flagged ? '挂牌督办' : '摘牌');
  if (before.quote !== after.quote || canonicalJson(before.source) !== canonicalJson(after.source)) parts.push('原文有改动');
  if (before.sectionId !== after.sectionId) parts.push('所属部分有改动');
  return parts.length ? parts.join('；') : '其他内容有改动';
}

function previewPackage(current: DataState, payload: Obj, head: Head, options: PreviewOptions): ImportPreview {
  const shape = planShapeProblem(payload.plan, '计划包');
  if (shape) return refusedFile(shape, head);
  const rawPlan = payload.plan as Obj;
  // The package's updatedAt decides whether it is newer than what is here: garbage there
  // ("zzz", a year 275760) would make a genuine newer package look older later on.
  const edited = timeProblem(rawPlan.updatedAt, options.now);
  if (edited) return refusedFile(`计划的修改时间（updatedAt）${edited}，无法判断它与本机的计划哪个较新，未导入。`, head);
  const created = timeProblem(rawPlan.createdAt, options.now);
  if (created) return refusedFile(`计划的创建时间（createdAt）${created}，未导入。`, head);
  const report = emptyReport();
  const restored = restorePlan(rawPlan, { now: options.now }, report);
  if (!restored) return refusedFile('计划包中没有可读的计划，未导入。', head);
  if (restored.id !== head.planId) return refusedFile(`文件头的计划编号（${quoted(head.planId)}）与包内计划（${quoted(restored.id)}）不一致，未导入。`, head);
  const { units, leaders, plan } = registryOf(restored, payload, report, current);
  const issued = restoreArchive(payload.issued, (where, reason, value) => report.setAside.push({ where, reason, value }));
  const refused = restoredItemsAsRefused(report);
  const newItems: PreviewItem[] = [];
  const present: PreviewItem[] = [];
  const toConfirm: PreviewItem[] = [];
  let removedTasks: RemovedTask[] = [];
  let planAction: PlanAction = 'none';
  const name = `计划“${plan.title || plan.id}”`;
  if (plan.id !== current.plan.id) {
    planAction = 'replace';
    removedTasks = tasksRemoved(current.plan, plan);
    newItems.push({ kind: 'plan', id: plan.id, label: `${name}（${plan.tasks.length} 项任务）`, reason: `替换当前计划“${current.plan.title || current.plan.id}”（${current.plan.tasks.length} 项任务，替换前自动备份）` });
  } else if (samePlanContent(plan, current.plan)) {
    present.push({ kind: 'plan', id: plan.id, label: name, reason: '与本机的计划相同' });
  } else {
    const theirs = parseIsoTime(plan.updatedAt)!;
    // A time here that cannot be believed (left by an older version of the app) never wins.
    const mine = isSaneTime(current.plan.updatedAt, options.now) ? parseIsoTime(current.plan.updatedAt)! : -Infinity;
    if (theirs === mine) {
      refused.push({
        kind: 'plan',
        id: plan.id,
        label: name,
        reason: `文件中的计划与本机的计划修改时间相同（${whenText(plan.updatedAt)}），内容却不同：同一版本在两处被分别改动过。保留本机的计划，未采用文件中的；请与${OFFICE_NAME}核对后由其重新导出计划包`,
      });
    } else if (theirs < mine) {
      present.push({ kind: 'plan', id: plan.id, label: name, reason: `本机的计划较新（${whenText(current.plan.updatedAt)} 修改），文件中的是 ${whenText(plan.updatedAt)} 的版本，保留本机的计划` });
    } else {
      planAction = 'update';
      const have = new Map(current.plan.tasks.map((t) => [t.id, t]));
      for (const t of plan.tasks) {
        const h = have.get(t.id);
        const item: PreviewItem = { kind: 'task', id: t.id, label: `任务：${t.title}` };
        if (!h) newItems.push({ ...item, reason: '新增的任务' });
        else if (canonicalJson(h) !== canonicalJson(t)) toConfirm.push({ ...item, label: `任务：${h.title}`, reason: `按文件中较新的计划修改：${taskChanges(h, t)}` });
        else present.push(item);
      }
      removedTasks = tasksRemoved(current.plan, plan);
      for (const t of removedTasks) {
        toConfirm.push({ kind: 'task', id: t.id, label: `任务：${t.title}`, reason: '文件中较新的计划已没有这项任务，导入后移除' });
      }
    }
  }
  // After a replace the file's plan is the one the events must fit.
  const basis = planAction === 'none' ? current.plan : plan;
  const tasks = new Set(basis.tasks.map((t) => t.id));
  const c = classifyEvents(payload.events, planAction === 'replace' ? [] : current.events, basis, options.now, (e) => {
    if (!tasks.has(resolveTaskId(basis.mergedInto ?? {}, e.taskId))) return `未知任务 ${quoted(e.taskId)}：计划中没有这项任务`;
    return null;
  });
  return finish({
    ok: true,
    error: null,
    ...head,
    planAction,
    newItems: [...newItems, ...c.newItems],
    present: [...present, ...c.present],
    toConfirm,
    refused: [...refused, ...c.refused],
    removedTasks,
    // Corrections matter only when the file's plan is the one taken.
    repaired: planAction === 'none' ? [] : report.repaired,
    incoming: {
      plan: planAction === 'none' ? null : plan,
      units: planAction === 'none' ? null : units,
      leaders: planAction === 'none' ? null : leaders,
      events: c.accepted,
      issued,
      identity: null,
    },
  });
}

/**
 * The registry and leaders of a file, and its plan with owners that name a leader moved to the
 * leader (files from before leaders had their own list carry them as units and as owners).
 */
function registryOf(restored: Plan, payload: Obj, report: RestoreReport, current: DataState): { units: Unit[] | null; leaders: Leader[] | null; plan: Plan } {
  const reg = restoreRegistry(payload.units, payload.leaders, report);
  const sep = separateLeaders(restored, reg.leaders ?? current.leaders ?? []);
  return { units: reg.units, leaders: sep.moved || reg.leaders ? sep.leaders : null, plan: sep.plan };
}

/** More sealed keys than any browser holds (the office and a few units) is not a backup of ours. */
const MAX_SEALED_KEYS = 50;

/**
 * The sealed private keys of a full backup with keys, read far enough to name them; the keyring
 * validates each again when the user takes it in with the passphrase. A malformed one is 拒收.
 */
function readSealedKeys(raw: unknown, refused: PreviewItem[]): SealedKeyItem[] {
  if (raw === undefined) return [];
  const refuse = (label: string, reason: string) => refused.push({ kind: 'plan', id: '', label, reason });
  if (!Array.isArray(raw)) {
    refuse('签名密钥', `应是一个列表，文件中是 ${quoted(raw)}`);
    return [];
  }
  if (raw.length > MAX_SEALED_KEYS) {
    refuse('签名密钥', `共 ${raw.length} 个，超过 ${MAX_SEALED_KEYS} 个的上限，均未读取`);
    return [];
  }
  const out: SealedKeyItem[] = [];
  raw.forEach((k, i) => {
    const ok = isObj(k) && k.kind === KEY_FILE_KIND && typeof k.author === 'string' && k.author.length > 0 && k.author.length <= 200 && typeof k.fingerprint === 'string' && k.fingerprint.length <= 64;
    if (ok) out.push({ author: k.author as string, fingerprint: k.fingerprint as string, file: k });
    else refuse(`第 ${i + 1} 个签名密钥`, '不是落实导出的密钥（缺少单位、指纹或类型），未读取');
  });
  return out;
}

function previewBackup(current: DataState, payload: Obj, head: Head, options: PreviewOptions): ImportPreview {
  const shape = planShapeProblem(payload.plan, '备份');
  if (shape) return refusedFile(shape, head);
  const rawPlan = payload.plan as Obj;
  const report = emptyReport();
  const restored = restorePlan(rawPlan, { now: options.now }, report);
  if (!restored) return refusedFile('备份中没有可读的计划，未导入。', head);
  const registry = registryOf(restored, payload, report, current);
  const issued = restoreArchive(payload.issued, (where, reason, value) => report.setAside.push({ where, reason, value }));
  // A backup is a last resort: its plan's times are corrected (and said so), not refused.
  let plan = registry.plan;
  for (const [field, what] of [['createdAt', '创建时间'], ['updatedAt', '修改时间']] as const) {
    const why = timeProblem(rawPlan[field], options.now);
    if (why) {
      plan = { ...plan, [field]: head.createdAt };
      report.repaired.push(`计划的${what}（${field}）${why}，已改为备份文件的生成时间（${whenText(head.createdAt)}）`);
    }
  }
  const units = registry.units;
  const events: PlanEvent[] = [];
  const lateOrEarly: PreviewItem[] = [];
  const aliases = plan.mergedInto ?? {};
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  for (const e of restoreEvents(payload.events, report)) {
    const why = timeProblem(e.at, options.now);
    if (why) lateOrEarly.push({ ...eventItem(e, tasks, aliases), reason: `记录时间${why}，已拒收` });
    else events.push(e);
  }
  const refused = [...restoredItemsAsRefused(report), ...lateOrEarly];
  const identity = restoreIdentity(payload.identity);
  const same =
    samePlanContent(plan, current.plan) &&
    canonicalJson(units ?? current.units) === canonicalJson(current.units) &&
    events.length === current.events.length &&
    canonicalJson(events) === canonicalJson(current.events);
  const removedTasks = same ? [] : tasksRemoved(current.plan, plan);
  const sealedKeys = readSealedKeys(payload.sealedKeys, refused);
  return finish({
    ...(sealedKeys.length ? { sealedKeys } : {}),
    ok: true,
    error: null,
    ...head,
    planAction: same ? 'none' : 'restore',
    newItems: same ? [] : [{ kind: 'plan', id: plan.id, label: `计划“${plan.title || plan.id}”，${plan.tasks.length} 项任务，${events.length} 条记录` }],
    present: same ? [{ kind: 'plan', id: plan.id, label: '备份与当前数据完全相同' }] : [],
    toConfirm: [],
    refused,
    removedTasks,
    repaired: report.repaired,
    incoming: { plan, units, leaders: registry.leaders, events, issued, identity },
  });
}

