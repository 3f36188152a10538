/**
 * 季度总结: the content of the printed quarterly summary, from (plan, events, today, quarter).
 * Pure; the page lays it out and the print stylesheet makes it look like an official document.
 *
 * Which moment it describes ("as of"):
 * - the current quarter: today, with every event, so its figures are exactly the dashboard's
 *   (both come from computeDashboard on the same states and the same day);
 * - a past quarter: the quarter's last day, with only the events written up to the end of that
 *   day (China time), so the Q1 summary printed in July still says what stood on 31 March;
 * - a future quarter: today (nothing in it has happened yet; the page says so).
 *
 * Every figure comes from the shared domain functions (deriveAllStates, lightDetail,
 * computeDashboard, rankUnits through it, doneOnTime, dayOf): the paper never disagrees with
 * the screen.
 */
import { deriveAllStates, type TaskState } from '@/domain/events';
import { computeDashboard, type DashboardFigures, type NoticeEntry } from '@/domain/dashboard';
import { DEFAULT_LIGHT_RULE, daysFromTo, lightDetail, type Light, type LightRule } from '@/domain/lights';
import type { IsoDate, Plan, PlanEvent, Target, Task, Unit } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';
import { dayOf, doneOnTime, type UnitScore } from '@/domain/scoring';
import { buildRegister } from '@/domain/cycle/register';
import { chineseDate } from '@/domain/bulletin/archive';
import type { Leader } from '@/domain/leaders/leaders';

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 第一季度 … 第四季度 */
export function quarterName(q: Quarter): string {
  return `第${CN_DIGITS[q]}季度`;
}

/** First and last day of a quarter of a year. */
export function quarterRange(year: number, q: Quarter): { start: IsoDate; end: IsoDate } {
  const startMonth = (q - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { start: `${year}-${pad(startMonth)}-01`, end: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The quarter a day falls in. */
export function quarterOf(day: IsoDate): Quarter {
  return (Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1) as Quarter;
}

/** Reads ?q=… tolerantly: 1–4 stay, anything else becomes the quarter of today in the plan year
 * (or Q4 for a past plan year, Q1 for a future one). */
export function parseQuarter(raw: string | undefined | null, planYear: number, today: IsoDate): Quarter {
  const n = Number(raw);
  if (raw && Number.isInteger(n) && n >= 1 && n <= 4) return n as Quarter;
  const year = Number(today.slice(0, 4));
  if (year < planYear) return 1;
  if (year > planYear) return 4;
  return quarterOf(today);
}

// The document date lives with the archive, which writes it on every issued bulletin.
export { chineseDate } from '@/domain/bulletin/archive';

/** 2026-03-31 → 3月31日 */
export function chineseMonthDay(day: IsoDate): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

export type QuarterStatus = 'future' | 'current' | 'closed';

export interface TierValue {
  targetId: string;
  /** The office's value for a masked target, else the speech's; null = waiting to be filled. */
  value: number | null;
  valueMax: number | null;
  comparator: Target['comparator'];
  /** Waiting for the office to fill in a value hidden in the speech. */
  pending: boolean;
  /** Actual value of the quarter against this tier; null when either is missing. */
  met: boolean | null;
}

export interface TargetRow {
  metric: string;
  unit: string | null;
  expected: TierValue | null;
  working: TierValue | null;
  striving: TierValue | null;
  /** A target stated without tiers (e.g. 晶硅光伏产业产值突破…亿元). */
  single: TierValue | null;
  /** The actual reported for this quarter (null = not reported). */
  actual: number | null;
  /** Rates (%, 个百分点) are compared as they stand; totals could be read against the year's pace. */
  isRate: boolean;
}

export interface TaskRow {
  taskId: string;
  title: string;
  /** 牵头单位 (joined), or '' when the plan names none. */
  lead: string;
  co: string;
  /** Current due date (after approved extensions). */
  due: IsoDate | null;
  originalDue: IsoDate | null;
  deadlineLabel: string;
  light: Light;
  percent: number;
  done: boolean;
  doneDay: IsoDate | null;
  /** Status in words: 已完成（3月20日） / 推进中，进度 40% / 逾期 5 天 … */
  standing: string;
  lastNote: string;
  urges: number;
}

export interface OverdueRow extends TaskRow {
  daysOverdue: number;
  /** The unit's own explanation: a pending extension's reason, else its latest note. */
  reason: string;
  reasonSource: 'extension' | 'note' | 'none';
}

export interface CompletedRow {
  taskId: string;
  title: string;
  lead: string;
  doneDay: IsoDate;
  originalDue: IsoDate | null;
  onTime: boolean;
  note: string;
}

export interface QuarterlyReport {
  year: number;
  quarter: Quarter;
  quarterName: string;
  start: IsoDate;
  end: IsoDate;
  /** The day the figures describe. */
  asOf: IsoDate;
  status: QuarterStatus;
  /** The light rule the figures were judged by. */
  rule: LightRule;
  /** 关于2026年第一季度重点工作落实情况的通报 */
  title: string;
  /** The title cut where a reader pauses (关于2026年第一季度 / 重点工作落实情况的通报), so a
   * two-line title never breaks inside a word. */
  titleLines: string[];
  issuer: string;
  /** 成文日期: 2026年3月31日 */
  dateText: string;
  planTitle: string;
  /** Identical to the dashboard's figures on the same day. */
  figures: DashboardFigures;
  targets: TargetRow[];
  ranking: UnitScore[];
  /** Lead units left out of the ranking: nothing of theirs due by the as-of day, nothing done. */
  unranked: string[];
  /** Tasks under 核查不符 on the as-of day: reported done, contradicted on site, not counted done. */
  mismatched: TaskRow[];
  flagged: TaskRow[];
  overdue: OverdueRow[];
  commendations: NoticeEntry[];
  criticisms: NoticeEntry[];
  completed: CompletedRow[];
  /** Events written in the quarter, by kind (what the office did: 催办, 核查…). */
  activity: { ticks: number; urges: number; inspections: number; extensionsApproved: number };
}

export interface ReportOptions {
  units?: readonly Unit[];
  leaders?: readonly Leader[];
  rule?: LightRule;
}

/**
 * The whole summary. O(tasks + events): one derivation of the states and one pass over them.
 */
export function buildQuarterlyReport(
  plan: Plan,
  events: readonly PlanEvent[],
  quarter: Quarter,
  today: IsoDate,
  options: ReportOptions = {},
): QuarterlyReport {
  const rule = options.rule ?? DEFAULT_LIGHT_RULE;
  const { start, end } = quarterRange(plan.year, quarter);
  const status: QuarterStatus = daysFromTo(today, start) > 0 ? 'future' : daysFromTo(end, today) > 0 ? 'closed' : 'current';
  const asOf = status === 'closed' ? end : today;
  // Only a closed quarter drops later events: for the current one the summary must show exactly
  // what the dashboard shows, which counts every event the log holds.
  const seen = status === 'closed' ? events.filter((e) => daysFromTo(dayOf(e.at), asOf) >= 0) : events;
  const states = deriveAllStates(plan, seen);
  const figures = computeDashboard(plan, states, asOf, { units: options.units ?? [], leaders: options.leaders ?? [], rule });

  const inQuarter = (day: IsoDate) => daysFromTo(start, day) >= 0 && daysFromTo(day, asOf) >= 0;

  const flagged: TaskRow[] = [];
  const mismatched: TaskRow[] = [];
  const overdue: OverdueRow[] = [];
  const completed: CompletedRow[] = [];
  const activity = { ticks: 0, urges: 0, inspections: 0, extensionsApproved: 0 };

  for (const task of plan.tasks) {
    const state = states.get(task.id);
    if (!state) continue;
    const row = taskRow(task, state, asOf, plan.year, rule);
    if (state.flagged) flagged.push(row);
    if (state.mismatch) mismatched.push(row);
    if (!state.done && row.due !== null && daysFromTo(row.due, asOf) > 0) {
      overdue.push({ ...row, daysOverdue: daysFromTo(row.due, asOf), ...overdueReason(state) });
    }
    if (state.done && row.doneDay && inQuarter(row.doneDay)) {
      completed.push({
        taskId: task.id,
        title: task.title,
        lead: row.lead,
        doneDay: row.doneDay,
        originalDue: state.originalDue,
        onTime: doneOnTime(state),
        note: state.lastNote,
      });
    }
    for (const e of state.events) {
      if (!inQuarter(dayOf(e.at))) continue;
      if (e.type === 'tick' && e.done) activity.ticks++;
      else if (e.type === 'urge') activity.urges++;
      else if (e.type === 'inspection') activity.inspections++;
      else if (e.type === 'extension-decision' && e.approved) activity.extensionsApproved++;
    }
  }

  // Flagged: open items first (the ones a leader must push), then by due date.
  flagged.sort((a, b) => Number(a.done) - Number(b.done) || compareDue(a.due, b.due));
  // Overdue: longest overdue first.
  overdue.sort((a, b) => b.daysOverdue - a.daysOverdue || a.title.localeCompare(b.title, 'zh-CN'));
  completed.sort((a, b) => (a.doneDay < b.doneDay ? -1 : a.doneDay > b.doneDay ? 1 : 0));

  const quarterDay = (n: NoticeEntry) => inQuarter(n.date);
  const oldestFirst = (a: NoticeEntry, b: NoticeEntry) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

  return {
    year: plan.year,
    quarter,
    quarterName: quarterName(quarter),
    start,
    end,
    asOf,
    status,
    rule,
    title: `关于${plan.year}年${quarterName(quarter)}重点工作落实情况的通报`,
    titleLines: [`关于${plan.year}年${quarterName(quarter)}`, '重点工作落实情况的通报'],
    issuer: OFFICE_NAME,
    dateText: chineseDate(asOf),
    planTitle: plan.title,
    figures,
    targets: targetRows(plan, quarter),
    ranking: figures.ranking,
    unranked: figures.unranked,
    mismatched,
    flagged,
    overdue,
    commendations: figures.honours.filter(quarterDay).sort(oldestFirst),
    criticisms: figures.criticisms.filter(quarterDay).sort(oldestFirst),
    completed,
    activity,
  };
}

function taskRow(task: Task, state: TaskState, asOf: IsoDate, year: number, rule: LightRule): TaskRow {
  const d = lightDetail(state, task, asOf, year, rule);
  const doneDay = state.doneAt ? dayOf(state.doneAt) : null;
  return {
    taskId: task.id,
    title: task.title,
    lead: ownerNames(task, 'lead'),
    co: ownerNames(task, 'co'),
    due: d.due,
    originalDue: state.originalDue,
    deadlineLabel: task.deadline.label,
    light: d.light,
    percent: state.done ? 100 : Math.round(state.percent),
    done: state.done,
    doneDay,
    standing: standing(state, d.daysLeft, doneDay),
    lastNote: state.lastNote,
    urges: state.urges,
  };
}

/** Where a task stands, in the words a report uses. */
function standing(state: TaskState, daysLeft: number | null, doneDay: IsoDate | null): string {
  if (state.done) {
    const when = doneDay ? `（${chineseMonthDay(doneDay)}）` : '';
    const review = state.review?.accepted ? `，已验收${state.review.grade ? `（${state.review.grade}）` : ''}` : '';
    return `已完成${when}${review}`;
  }
  const parts: string[] = [];
  if (state.status === 'blocked') parts.push('受阻');
  else if (state.status === 'not-started' && state.percent === 0) parts.push('尚未报送进展');
  else parts.push(`推进中，进度${Math.round(state.percent)}%`);
  if (daysLeft !== null) {
    if (daysLeft < 0) parts.push(`逾期${-daysLeft}天`);
    else if (daysLeft === 0) parts.push('今日到期');
    else if (daysLeft <= 30) parts.push(`${daysLeft}天后到期`);
  }
  if (state.pendingExtension) parts.push(`已申请延期至${chineseMonthDay(state.pendingExtension.requestedDue)}`);
  if (state.mismatch) parts.unshift('核查不符（单位报告已完成，现场核查未完成）');
  return parts.join('，');
}

/** "Find why" (深挖不落实的根): the unit's own words, preferring a pending extension's reason. */
function overdueReason(state: TaskState): Pick<OverdueRow, 'reason' | 'reasonSource'> {
  const ext = state.pendingExtension;
  if (ext && ext.note.trim()) {
    return { reason: `申请延期至${chineseDate(ext.requestedDue)}：${ext.note.trim()}`, reasonSource: 'extension' };
  }
  if (state.lastNote.trim()) return { reason: state.lastNote.trim(), reasonSource: 'note' };
  if (ext) return { reason: `申请延期至${chineseDate(ext.requestedDue)}，未说明理由`, reasonSource: 'extension' };
  return { reason: '', reasonSource: 'none' };
}

function ownerNames(task: Task, role: 'lead' | 'co'): string {
  return task.owners
    .filter((o) => o.role === role)
    .map((o) => o.name)
    .join('、');
}

function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

const RATE_UNITS = new Set(['%', '个百分点', '百分点']);

/**
 * The targets against their three tiers: tiers of one indicator share a metric and sit in one
 * row; the quarter's actual is the first one entered among the row's targets (the targets page
 * may store it on any tier of the metric).
 */
function targetRows(plan: Plan, quarter: Quarter): TargetRow[] {
  const rows = new Map<string, TargetRow & { ids: string[] }>();
  for (const t of plan.targets) {
    const key = `${t.metric}\u0000${t.unit ?? ''}`;
    let row = rows.get(key);
    if (!row) {
      row = { metric: t.metric, unit: t.unit, expected: null, working: null, striving: null, single: null, actual: null, isRate: RATE_UNITS.has(t.unit ?? ''), ids: [] };
      rows.set(key, row);
    }
    row.ids.push(t.id);
    const office = plan.targetValues[t.id];
    const value = office !== undefined && office !== null ? office : t.value;
    const tv: TierValue = { targetId: t.id, value, valueMax: t.valueMax, comparator: t.comparator, pending: value === null, met: null };
    const slot = t.tier ?? 'single';
    // A second target of the same metric and tier (a later restatement) does not overwrite the first.
    if (slot === 'single') row.single ??= tv;
    else row[slot] ??= tv;
  }
  const out: TargetRow[] = [];
  for (const { ids, ...row } of rows.values()) {
    for (const id of ids) {
      const a = plan.targetActuals[id]?.[quarter - 1];
      if (a !== undefined && a !== null) {
        row.actual = a;
        break;
      }
    }
    for (const tv of [row.expected, row.working, row.striving, row.single]) {
      if (tv && tv.value !== null && row.actual !== null) tv.met = meets(row.actual, tv.value, tv.comparator);
    }
    out.push(row);
  }
  return out;
}

/** Whether an actual satisfies a tier: at most for 以内, at least otherwise (左右 counts as reached). */
function meets(actual: number, value: number, comparator: Target['comparator']): boolean {
  if (comparator === 'atMost') return actual <= value;
  if (comparator === 'exceed') return actual > value;
  return actual >= value;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export interface NoticeContent {
  task: Task;
  /** The 督办单's register entry (督办〔2026〕第7号), null before the task is 交办. */
  register: { year: number; number: number; renumbered: boolean; replyBy: IsoDate | null; requirement: string } | null;
  row: TaskRow;
  state: TaskState;
  /** Days past the current due date when overdue, else null. */
  daysOverdue: number | null;
  /** Whether an approved extension moved the due date. */
  extended: boolean;
  /** 成文日期 of the notice (today). */
  dateText: string;
  planTitle: string;
  year: number;
}

/** What a 督办单 for one task shows, as of today; null when the plan has no such task. */
export function buildNotice(plan: Plan, events: readonly PlanEvent[], taskId: string, today: IsoDate, rule: LightRule = DEFAULT_LIGHT_RULE): NoticeContent | null {
  const task = plan.tasks.find((t) => t.id === taskId);
  if (!task) return null;
  const state = deriveAllStates({ ...plan, tasks: [task] }, events).get(task.id)!;
  const a = state.assignment;
  const entry = a ? buildRegister(events).get(a.id) : undefined;
  const row = taskRow(task, state, today, plan.year, rule);
  const daysOverdue = !state.done && row.due !== null && daysFromTo(row.due, today) > 0 ? daysFromTo(row.due, today) : null;
  return {
    task,
    register: a && entry ? { year: entry.year, number: entry.number, renumbered: entry.renumbered, replyBy: a.replyBy, requirement: a.note } : null,
    row,
    state,
    daysOverdue,
    extended: state.due !== state.originalDue && state.due !== null && state.originalDue !== null,
    dateText: chineseDate(today),
    planTitle: plan.title,
    year: plan.year,
  };
}

export interface ListTask {
  /** Position in the plan, 1-based: the number the three lists refer to each other by. */
  no: number;
  taskId: string;
  title: string;
  quote: string;
  lead: string;
  co: string;
  due: IsoDate | null;
  deadlineLabel: string;
  status: TaskState['status'];
  percent: number;
  flagged: boolean;
}

export interface ThreeLists {
  /** 任务清单: tasks in the speech's order, grouped by top-level section. */
  bySection: { section: string; tasks: ListTask[] }[];
  /** 责任清单: each unit with the tasks it leads and the ones it supports. */
  byUnit: { unit: string; lead: ListTask[]; co: ListTask[] }[];
  /** 时限清单: by current due date, undated (常态化, 即将出台) last. */
  byDue: ListTask[];
  /** Tasks with no owner at all: listed apart in the responsibility list so none is lost. */
  unowned: ListTask[];
  total: number;
}

/**
 * The three lists (任务、责任、时限) for printing, optionally for one unit only (its lead and
 * co tasks). Units are ordered as in the registry, then any other names by Chinese collation.
 */
export function buildThreeLists(plan: Plan, events: readonly PlanEvent[], options: { unit?: string | null; units?: readonly Unit[] } = {}): ThreeLists {
  const only = options.unit || null;
  const states = deriveAllStates(plan, events);
  const sectionById = new Map(plan.sections.map((s) => [s.id, s]));
  const topOf = (id: string | null): string | null => {
    let cur = id ? sectionById.get(id) : undefined;
    for (let i = 0; i < 20 && cur?.parentId && sectionById.has(cur.parentId); i++) cur = sectionById.get(cur.parentId);
    return cur ? cur.id : null;
  };
  const groups = new Map<string | null, ListTask[]>();
  const byUnit = new Map<string, { lead: ListTask[]; co: ListTask[] }>();
  const all: ListTask[] = [];
  const unowned: ListTask[] = [];
  plan.tasks.forEach((task, i) => {
    if (only && !task.owners.some((o) => o.name === only)) return;
    const st = states.get(task.id);
    const item: ListTask = {
      no: i + 1,
      taskId: task.id,
      title: task.title,
      quote: task.quote,
      lead: ownerNames(task, 'lead'),
      co: ownerNames(task, 'co'),
      due: st?.due ?? task.deadline.due,
      deadlineLabel: task.deadline.label,
      status: st?.status ?? 'not-started',
      percent: st ? Math.round(st.percent) : 0,
      flagged: st?.flagged ?? task.flagged,
    };
    all.push(item);
    const top = topOf(task.sectionId);
    const list = groups.get(top) ?? [];
    list.push(item);
    groups.set(top, list);
    if (task.owners.length === 0) unowned.push(item);
    for (const o of task.owners) {
      if (only && o.name !== only) continue;
      const u = byUnit.get(o.name) ?? { lead: [], co: [] };
      const bucket = o.role === 'lead' ? u.lead : u.co;
      if (!bucket.includes(item)) bucket.push(item);
      byUnit.set(o.name, u);
    }
  });

  const bySection: ThreeLists['bySection'] = [];
  for (const s of plan.sections) {
    const list = groups.get(s.id);
    if (list) bySection.push({ section: `${s.number}${s.title}`, tasks: list });
  }
  const loose = groups.get(null);
  if (loose) bySection.push({ section: '', tasks: loose });

  const registryOrder = new Map((options.units ?? []).map((u, i) => [u.name, i]));
  const collator = new Intl.Collator('zh-CN');
  const unitRows = [...byUnit.entries()]
    .map(([unit, v]) => ({ unit, ...v }))
    .sort((a, b) => (registryOrder.get(a.unit) ?? Infinity) - (registryOrder.get(b.unit) ?? Infinity) || collator.compare(a.unit, b.unit));

  const byDue = [...all].sort((a, b) => compareDue(a.due, b.due) || a.no - b.no);
  return { bySection, byUnit: unitRows, byDue, unowned, total: all.length };
}
