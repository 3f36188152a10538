/**
 * Traffic lights (红黄绿灯): one pure, configurable rule, used by every screen and the report.
 *
 * - done: the task is done (judged apart; a done task is never red).
 * - red: overdue (today is after the due date), or more than `redBehindPoints` (30) points behind
 *   the time-elapsed pace (序时进度).
 * - yellow: due within `dueSoonDays` (3) days, or `yellowBehindPoints`..`redBehindPoints`
 *   (10–30) points behind the pace, both ends included.
 * - green: otherwise.
 *
 * 序时进度 is the share of the task's period that has passed: from the plan's start (1 January of
 * the plan year; a plan carries no per-task creation date) to the due date. A task without a due
 * date ('ongoing' 常态化 / 'soon' 即将出台 awaiting a date) is judged on pace against the plan year
 * (1 Jan – 31 Dec) only and is never overdue or "due soon".
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
}

export const DEFAULT_LIGHT_RULE: LightRule = Object.freeze({ redBehindPoints: 30, yellowBehindPoints: 10, dueSoonDays: 3 });

export const LIGHTS: readonly Light[] = ['red', 'yellow', 'green', 'done'];

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
 * 100 on or after the due date. A period of zero length is 100 once reached.
 */
export function elapsedPercent(start: IsoDate, due: IsoDate, today: IsoDate): number {
  const total = daysFromTo(start, due);
  const passed = daysFromTo(start, today);
  if (total <= 0) return passed >= 0 ? 100 : 0;
  if (passed <= 0) return 0;
  if (passed >= total) return 100;
  return (passed / total) * 100;
}

export interface LightDetail {
  light: Light;
  /** The due date judged (after extensions); null for a task judged on the year's pace only. */
  due: IsoDate | null;
  /** Start of the period the pace is measured over. */
  start: IsoDate;
  /** 序时进度 (0–100). */
  elapsed: number;
  /** Points behind the pace (elapsed − percent); negative when ahead. */
  behind: number;
  /** Days until due (negative when overdue); null without a due date. */
  daysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
}

/** Floating error (1/3 of a period…) must not tip a task over a boundary it sits exactly on. */
const EPS = 1e-9;

/** The light with the figures behind it, so a screen can say why a task is red. */
export function lightDetail(state: TaskState, task: Task, today: IsoDate, planYear: number, rule: LightRule = DEFAULT_LIGHT_RULE): LightDetail {
  const yearStart = `${planYear}-01-01`;
  const yearEnd = `${planYear}-12-31`;
  const due = state.due ?? task.deadline.due ?? null;
  const percent = state.done ? 100 : clamp(state.percent, 0, 100);

  if (due === null) {
    const elapsed = elapsedPercent(yearStart, yearEnd, today);
    const behind = elapsed - percent;
    const light: Light = state.done ? 'done' : behind > rule.redBehindPoints + EPS ? 'red' : behind >= rule.yellowBehindPoints - EPS ? 'yellow' : 'green';
    return { light, due: null, start: yearStart, elapsed, behind, daysLeft: null, overdue: false, dueSoon: false };
  }

  // A task due before the plan year began (carried over) is measured from its own due date.
  const start = daysFromTo(yearStart, due) < 0 ? due : yearStart;
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
  return { light, due, start, elapsed, behind, daysLeft, overdue: overdue && !state.done, dueSoon: dueSoon && !state.done };
}

/** The task's light on `today`. */
export function taskLight(state: TaskState, task: Task, today: IsoDate, planYear: number, rule: LightRule = DEFAULT_LIGHT_RULE): Light {
  return lightDetail(state, task, today, planYear, rule).light;
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
