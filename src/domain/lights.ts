/**
 * Traffic lights (红黄绿灯): one pure, configurable rule, used by every screen and the report.
 *
 * A task with a due date it can still meet is judged on time and pace:
 * - done: the task is done (judged apart; a done task is never red).
 * - red: overdue (today is after the due date), or more than `redBehindPoints` (30) points behind
 *   the time-elapsed pace (序时进度).
 * - yellow: due within `dueSoonDays` (3) days, or `yellowBehindPoints`..`redBehindPoints`
 *   (10–30) points behind the pace, both ends included.
 * - green: otherwise.
 *
 * 序时进度 is the share of the task's own period that has passed: from its 交办日期 (assignedOn,
 * the day the plan or the task was handed over) to the due date. A plan taken up today therefore
 * starts with every dated task at 0 % elapsed: nothing is red on its first day for lagging. (A
 * task without an assignment date, as parsed output and old fixtures have, is measured from
 * 1 January of the plan year, or from its own due date when that came before the year.)
 *
 * A task with no due date (常态化, 即将出台 awaiting a date), or whose due date had already passed
 * when it was assigned (a plan taken up in December with a 一季度 deadline), has no period to run
 * against: it is judged by its reporting cadence instead, yellow after `reportEveryDays` (30) days
 * without a report from its units, green otherwise, and never red merely for having no date.
 *
 * The due date used is the current one (after approved extensions): the light is for steering
 * the work. The assessment (on-time rate, ranking) uses the original due date instead.
 */
import type { TaskState } from '@/domain/events';
import type { IsoDate, Task } from '@/domain/model';

export type Light = 'red' | 'yellow' | 'green' | 'done';

export interface LightRule {
  /** More than this many points behind the pace → red. */
  redBehindPoints: number;
  /** At least this many points behind the pace → yellow. */
  yellowBehindPoints: number;
  /** Due in this many days or fewer (and not overdue) → yellow. */
  dueSoonDays: number;
  /**
   * The reporting cadence (报送周期): a task without a date to run against turns yellow after
   * this many days without a report. Every open task past it is also marked as 超期未报送.
   */
  reportEveryDays: number;
}

export const DEFAULT_LIGHT_RULE: LightRule = Object.freeze({ redBehindPoints: 30, yellowBehindPoints: 10, dueSoonDays: 3, reportEveryDays: 30 });

export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'done'];

/** The rule's numbers as the sentence on the dashboard and in the 通报 reads them. */
export function ruleFigures(rule: LightRule): { red: number; yellow: number; soon: number; cadence: number } {
  return { red: rule.redBehindPoints, yellow: rule.yellowBehindPoints, soon: rule.dueSoonDays, cadence: rule.reportEveryDays };
}

/** Days since 1970-01-01 of a yyyy-MM-dd string, in UTC so time zones and DST never shift it. */
export function dayNumber(iso: IsoDate): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysFromTo(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * 序时进度: the elapsed share (0–100) of the period start..due on `today`. 0 on or before the start,
 * 100 on or after the due date. A period of zero length (assigned on the day it is due) has not
 * elapsed on that day: nothing of it has passed yet; it is 100 from the next day.
 */
export function elapsedPercent(start: IsoDate, due: IsoDate, today: IsoDate): number {
  const total = daysFromTo(start, due);
  const passed = daysFromTo(start, today);
  if (total <= 0) return passed > 0 ? 100 : 0;
  if (passed <= 0) return 0;
  if (passed >= total) return 100;
  return (passed / total) * 100;
}

export interface LightDetail {
  light: Light;
  /** What decided the light: the due date and pace, or the reporting cadence (no usable date). */
  judgedBy: 'pace' | 'cadence';
  /** The due date (after extensions); null when the task has none. */
  due: IsoDate | null;
  /** Start of the period the pace is measured over (the 交办日期 when the task has one). */
  start: IsoDate;
  /** 序时进度 (0–100); null when judged by cadence. */
  elapsed: number | null;
  /** Points behind the pace (elapsed − percent); negative when ahead; null when judged by cadence. */
  behind: number | null;
  /** Days until due (negative when overdue); null without a due date. */
  daysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
  /** The due date came before the task was assigned: the office should set a new one. */
  dueBeforeAssigned: boolean;
  /** Days since the units last reported (or since the task was assigned); null before that day. */
  daysSinceReport: number | null;
  /** Open and silent for longer than the reporting cadence (超期未报送). */
  reportOverdue: boolean;
}

/** Floating error (1/3 of a period…) must not tip a task over a boundary it sits exactly on. */
const EPS = 1e-9;

/** The light with the figures behind it, so a screen can say why a task is red. */
export function lightDetail(state: TaskState, task: Task, today: IsoDate, planYear: number, rule: LightRule = DEFAULT_LIGHT_RULE): LightDetail {
  const yearStart = `${planYear}-01-01`;
  const assignedOn = state.assignedOn ?? task.assignedOn ?? null;
  const due = state.due ?? task.deadline.due ?? null;
  const percent = state.done ? 100 : clamp(state.percent, 0, 100);
  const open = !state.done;

  // Silence is counted from the last report, or from the assignment when there is none yet. Day
  // numbers, not strings: this runs for every task on every dashboard render.
  const todayN = dayNumber(today);
  const since = Math.max(dayNumber(assignedOn ?? yearStart), state.lastReportAt ? dayNumberOf(state.lastReportAt) : -Infinity);
  const quiet = todayN - since;
  const daysSinceReport = quiet >= 0 ? quiet : null;
  const reportOverdue = open && daysSinceReport !== null && daysSinceReport > rule.reportEveryDays;
  const dueBeforeAssigned = due !== null && assignedOn !== null && daysFromTo(assignedOn, due) < 0;

  if (due === null || dueBeforeAssigned) {
    const light: Light = state.done ? 'done' : reportOverdue ? 'yellow' : 'green';
    const daysLeft = due === null ? null : daysFromTo(today, due);
    return { light, judgedBy: 'cadence', due, start: assignedOn ?? yearStart, elapsed: null, behind: null, daysLeft, overdue: false, dueSoon: false, dueBeforeAssigned, daysSinceReport, reportOverdue };
  }

  // Without an assignment date: a task due before the plan year began (carried over) is measured
  // from its own due date.
  const start = assignedOn ?? (daysFromTo(yearStart, due) < 0 ? due : yearStart);
  const elapsed = elapsedPercent(start, due, today);
  const behind = elapsed - percent;
  const daysLeft = daysFromTo(today, due);
  const overdue = daysLeft < 0;
  const dueSoon = !overdue && daysLeft <= rule.dueSoonDays;
  let light: Light;
  if (state.done) light = 'done';
  else if (overdue || behind > rule.redBehindPoints + EPS) light = 'red';
  else if (dueSoon || behind >= rule.yellowBehindPoints - EPS) light = 'yellow';
  else light = 'green';
  return { light, judgedBy: 'pace', due, start, elapsed, behind, daysLeft, overdue: overdue && open, dueSoon: dueSoon && open, dueBeforeAssigned, daysSinceReport, reportOverdue };
}

/** The task's light on `today`. */
export function taskLight(state: TaskState, task: Task, today: IsoDate, planYear: number, rule: LightRule = DEFAULT_LIGHT_RULE): Light {
  return lightDetail(state, task, today, planYear, rule).light;
}

/**
 * China Standard Time has been UTC+8 all year, with no daylight saving, since 1991: a tick at
 * 2025-04-01T07:00+08:00 is stored as 2025-03-31T23:00Z and must count as done on 04-01.
 */
export const CHINA_UTC_OFFSET_MINUTES = 480;

/** The calendar day (yyyy-MM-dd) of an ISO date-time at a fixed UTC offset. */
export function dayOf(isoDateTime: string, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): IsoDate {
  const ms = Date.parse(isoDateTime);
  if (!Number.isFinite(ms)) return isoDateTime.slice(0, 10);
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The day number (as dayNumber) of an ISO date-time in China time; -Infinity when unreadable. */
function dayNumberOf(isoDateTime: string, offsetMinutes = CHINA_UTC_OFFSET_MINUTES): number {
  const ms = Date.parse(isoDateTime);
  return Number.isFinite(ms) ? Math.floor((ms + offsetMinutes * 60_000) / 86_400_000) : -Infinity;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
