/**
 * 驾驶舱: every figure the dashboard shows, from (plan, states, today). Pure and O(tasks + events),
 * so the page only memoises one call.
 *
 * Definitions (also in docs/SCREENS.md):
 * - completion rate = done / all tasks.
 * - on-time rate (按期完成率) = tasks done on or before their ORIGINAL due date / tasks that are
 *   done or whose original due date has passed. Tasks not yet due and not done are left out: they
 *   can still be on time. null when no task has reached that point.
 * - overdue = not done and past the CURRENT due date (after extensions), as the red light says.
 * - progress by section = per top-level section, done / tasks and the mean reported percent.
 */
import type { TaskState } from '@/domain/events';
import type { IsoDate, Plan, PlanEvent, Task, Unit } from '@/domain/model';
import { DEFAULT_LIGHT_RULE, lightDetail, type Light, type LightRule } from '@/domain/lights';
import { assessedUnits, dayOf, doneOnTime, notRankedNames, overdueByOriginal, rankingOf, type ScoreWeights, type UnitScore } from '@/domain/scoring';
import { leadersWithTasks, tasksOverseenBy, type Leader } from '@/domain/leaders/leaders';

export interface SectionProgress {
  sectionId: string | null;
  /** '一、' … */
  number: string;
  title: string;
  tasks: number;
  done: number;
  /** Mean reported percent (done counts 100). */
  meanPercent: number;
  lights: Record<Light, number>;
}

export interface NoticeEntry {
  eventId: string;
  kind: 'commend' | 'criticize';
  taskId: string;
  taskTitle: string;
  /** The lead units of the task (who is praised or criticised), vice mayors and the office left out. */
  units: string[];
  note: string;
  /** yyyy-MM-dd (China time). */
  date: IsoDate;
  at: string;
}

/** Tasks by the month of their ORIGINAL due date in the plan year (the assessment's calendar). */
export interface MonthBucket {
  /** 1..12 */
  month: number;
  due: number;
  /** Of those, done (on time or late). */
  done: number;
  /** Of those, open and past the original due date. */
  overdue: number;
}

export interface DashboardFigures {
  total: number;
  done: number;
  open: number;
  completionRate: number | null;
  onTimeRate: number | null;
  onTimeDone: number;
  /** Denominator of the on-time rate. */
  dueOrDone: number;
  overdue: number;
  /** Open tasks past the ORIGINAL due date (counts in the assessment). */
  overdueByOriginal: number;
  flagged: number;
  flaggedOpen: number;
  dueSoon: number;
  /** Tasks under 核查不符 now (reported done, contradicted by an inspection, not re-reported). */
  mismatches: number;
  pendingExtensions: number;
  /** Open tasks whose units have not reported for longer than the reporting cadence. */
  reportOverdue: number;
  /** Urges not yet replied to (催办未回复). */
  awaitingReply: number;
  /** Open tasks no owning unit has acknowledged (签收) yet. */
  unreceived: number;
  lights: Record<Light, number>;
  sections: SectionProgress[];
  months: MonthBucket[];
  /** Open tasks with no due date (ongoing), not in `months`. */
  undated: number;
  ranking: UnitScore[];
  /** Lead units left out of the ranking: nothing of theirs due by the day judged, nothing done. */
  unranked: string[];
  honours: NoticeEntry[];
  criticisms: NoticeEntry[];
  /** Names of the leaders with a portfolio in this plan, for the filter. */
  portfolios: string[];
}

export interface DashboardOptions {
  units?: readonly Unit[];
  /** The leaders (分管副市长…) and their portfolios. */
  leaders?: readonly Leader[];
  /** Only the tasks in this leader's portfolio (by name). */
  portfolio?: string | null;
  rule?: LightRule;
  weights?: ScoreWeights;
}

export function emptyLights(): Record<Light, number> {
  return { red: 0, yellow: 0, green: 0, done: 0 };
}


/** The top-level section each section belongs to (following parentId, cycle-safe). */
function rootSections(plan: Plan): Map<string, string> {
  const byId = new Map(plan.sections.map((s) => [s.id, s]));
  const out = new Map<string, string>();
  for (const s of plan.sections) {
    let cur = s;
    for (let i = 0; i < 20 && cur.parentId && byId.has(cur.parentId); i++) cur = byId.get(cur.parentId)!;
    out.set(s.id, cur.id);
  }
  return out;
}

export function computeDashboard(plan: Plan, states: ReadonlyMap<string, TaskState>, today: IsoDate, options: DashboardOptions = {}): DashboardFigures {
  const units = options.units ?? [];
  const leaders = options.leaders ?? [];
  const rule = options.rule ?? DEFAULT_LIGHT_RULE;
  const portfolio = options.portfolio ?? null;
  const leader = portfolio ? leaders.find((l) => l.name === portfolio) : undefined;
  // An unknown leader in the address shows an empty portfolio rather than everything.
  const tasks: Task[] = portfolio ? (leader ? tasksOverseenBy(plan, leader) : []) : plan.tasks;

  const roots = rootSections(plan);
  const sectionRows = new Map<string | null, SectionProgress & { percentSum: number }>();
  for (const s of plan.sections) {
    if (s.parentId && roots.get(s.id) !== s.id) continue;
    sectionRows.set(s.id, { sectionId: s.id, number: s.number, title: s.title, tasks: 0, done: 0, meanPercent: 0, lights: emptyLights(), percentSum: 0 });
  }

  const lights = emptyLights();
  let done = 0;
  let onTimeDone = 0;
  let dueOrDone = 0;
  let overdue = 0;
  let overdueOrig = 0;
  let flagged = 0;
  let flaggedOpen = 0;
  let dueSoon = 0;
  let mismatches = 0;
  let pendingExtensions = 0;
  let reportOverdue = 0;
  let awaitingReply = 0;
  let unreceived = 0;
  const taskById = new Map<string, Task>();
  const months: MonthBucket[] = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, due: 0, done: 0, overdue: 0 }));
  let undated = 0;
  const yearPrefix = `${plan.year}-`;

  for (const task of tasks) {
    taskById.set(task.id, task);
    const state = states.get(task.id);
    if (!state) continue;
    const d = lightDetail(state, task, today, plan.year, rule);
    lights[d.light]++;
    if (state.done) done++;
    const onTime = doneOnTime(state);
    const overOrig = overdueByOriginal(state, today);
    if (onTime) onTimeDone++;
    if (state.done || overOrig) dueOrDone++;
    if (overOrig) overdueOrig++;
    if (d.overdue) overdue++;
    if (d.dueSoon) dueSoon++;
    if (state.flagged) {
      flagged++;
      if (!state.done) flaggedOpen++;
    }
    if (state.mismatch) mismatches++;
    if (state.pendingExtension) pendingExtensions++;
    if (d.reportOverdue) reportOverdue++;
    if (state.pendingUrge) awaitingReply++;
    if (!state.done && state.receipts.length === 0) unreceived++;
    if (state.originalDue === null) undated++;
    else if (state.originalDue.startsWith(yearPrefix)) {
      const b = months[Number(state.originalDue.slice(5, 7)) - 1];
      if (b) {
        b.due++;
        if (state.done) b.done++;
        else if (overOrig) b.overdue++;
      }
    }

    const root = task.sectionId ? (roots.get(task.sectionId) ?? null) : null;
    let row = sectionRows.get(root);
    if (!row) {
      row = { sectionId: null, number: '', title: '未归入章节', tasks: 0, done: 0, meanPercent: 0, lights: emptyLights(), percentSum: 0 };
      sectionRows.set(null, row);
    }
    row.tasks++;
    if (state.done) row.done++;
    row.percentSum += state.done ? 100 : state.percent;
    row.lights[d.light]++;
  }

  const sections: SectionProgress[] = [];
  for (const row of sectionRows.values()) {
    if (row.tasks === 0) continue;
    const { percentSum, ...rest } = row;
    sections.push({ ...rest, meanPercent: percentSum / row.tasks });
  }
  // The untitled bucket goes last.
  sections.sort((a, b) => (a.sectionId === null ? 1 : 0) - (b.sectionId === null ? 1 : 0));

  const leaderNames = leaders.map((l) => l.name);
  const skip = notRankedNames(units, leaderNames);
  const honours: NoticeEntry[] = [];
  const criticisms: NoticeEntry[] = [];
  for (const task of tasks) {
    const state = states.get(task.id);
    if (!state) continue;
    for (const e of state.events) {
      if (e.type !== 'notice') continue;
      const entry = noticeEntry(e, task, skip);
      (e.kind === 'commend' ? honours : criticisms).push(entry);
    }
  }
  const newestFirst = (a: NoticeEntry, b: NoticeEntry) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);
  honours.sort(newestFirst);
  criticisms.sort(newestFirst);

  const total = tasks.length;
  const ranking = rankingOf(plan, states, today, { units, leaderNames, tasks, ...(options.weights ? { weights: options.weights } : {}) });
  return {
    total,
    done,
    open: total - done,
    completionRate: total ? done / total : null,
    onTimeRate: dueOrDone ? onTimeDone / dueOrDone : null,
    onTimeDone,
    dueOrDone,
    overdue,
    overdueByOriginal: overdueOrig,
    flagged,
    flaggedOpen,
    dueSoon,
    mismatches,
    pendingExtensions,
    reportOverdue,
    awaitingReply,
    unreceived,
    lights,
    sections,
    months,
    undated,
    ranking: ranking.ranked,
    unranked: ranking.unranked,
    honours,
    criticisms,
    portfolios: leadersWithTasks(plan, leaders).map((l) => l.name),
  };
}

/** The units a notice is about: the ones assessed for the task (its lead units), as in the ranking. */
function noticeEntry(e: Extract<PlanEvent, { type: 'notice' }>, task: Task, skip: ReadonlySet<string>): NoticeEntry {
  const leads = assessedUnits(task, skip);
  return {
    eventId: e.id,
    kind: e.kind,
    taskId: task.id,
    taskTitle: task.title,
    units: leads.length ? leads : task.owners.map((o) => o.name),
    note: e.note,
    date: dayOf(e.at),
    at: e.at,
  };
}

