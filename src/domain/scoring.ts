/**
 * 位次: the ranking of responsible units (奖优罚劣). A documented, configurable score per unit:
 *
 *   raw = +10 × on-time completions   (done on or before the ORIGINAL due date)
 *         + 5 × late completions       (done after it: better late than never, but not equal)
 *         − 8 × overdue open tasks     (not done, today after the ORIGINAL due date)
 *         − 3 × urges (催办)
 *         −10 × criticisms (通报)
 *         + 5 × commendations (表扬)
 *         − 5 × inspection mismatches  (四不两直 found work behind what the unit reported done)
 *   score = raw / number of tasks the unit leads   (per task, so a unit with 3 tasks is not
 *           favoured or punished against one with 30 for its size)
 *
 * Ties: higher score first, then higher completion rate, then the unit name (Chinese collation).
 * Only lead owners (牵头单位) are assessed: the lead answers for the task. Vice mayors (kind
 * 'leader') and the mayor's office are not ranked. The original due date counts, as the
 * extension rules say: an approved extension does not turn a late task into an on-time one.
 */
import type { TaskState } from '@/domain/events';
import type { IsoDate, Plan, Task, Unit } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';
import { daysFromTo } from '@/domain/lights';

export interface ScoreWeights {
  onTime: number;
  late: number;
  overdueOpen: number;
  urge: number;
  criticism: number;
  commendation: number;
  mismatch: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = Object.freeze({
  onTime: 10,
  late: 5,
  overdueOpen: -8,
  urge: -3,
  criticism: -10,
  commendation: 5,
  mismatch: -5,
});

export interface UnitScore {
  unit: string;
  /** Tasks the unit leads. */
  tasks: number;
  done: number;
  onTime: number;
  late: number;
  overdueOpen: number;
  urges: number;
  commends: number;
  criticisms: number;
  mismatches: number;
  /** Weighted sum before normalising. */
  raw: number;
  /** raw / tasks, the ranking score. */
  score: number;
  /** done / tasks, 0..1. */
  completionRate: number;
  /** 1-based position after sorting. */
  rank: number;
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

/** Done on or before the original due date (a task without one is on time when done). */
export function doneOnTime(state: TaskState): boolean {
  if (!state.done || !state.doneAt) return false;
  if (!state.originalDue) return true;
  return daysFromTo(dayOf(state.doneAt), state.originalDue) >= 0;
}

/** Not done and past the ORIGINAL due date (the assessment's view, not the light's). */
export function overdueByOriginal(state: TaskState, today: IsoDate): boolean {
  return !state.done && state.originalDue !== null && daysFromTo(state.originalDue, today) > 0;
}

/** Names of the units that answer for a task in the assessment: its lead owners, minus leaders and the office. */
export function assessedUnits(task: Task, notRanked: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const o of task.owners) if (o.role === 'lead' && !notRanked.has(o.name) && !names.includes(o.name)) names.push(o.name);
  return names;
}

/** Names never ranked: the office and the vice mayors of the registry. */
export function notRankedNames(units: readonly Unit[]): Set<string> {
  const s = new Set<string>([OFFICE_NAME]);
  for (const u of units) if (u.kind === 'leader' || u.kind === 'office') s.add(u.name);
  return s;
}

const collator = new Intl.Collator('zh-CN');

export interface RankOptions {
  weights?: ScoreWeights;
  /** The registry, to leave vice mayors and the office out. */
  units?: readonly Unit[];
  /** Only these tasks (e.g. one vice mayor's portfolio); default all. */
  tasks?: readonly Task[];
}

/** Scores and ranks every assessed unit; O(tasks + owners). */
export function rankUnits(plan: Plan, states: ReadonlyMap<string, TaskState>, today: IsoDate, options: RankOptions = {}): UnitScore[] {
  const w = options.weights ?? DEFAULT_SCORE_WEIGHTS;
  const skip = notRankedNames(options.units ?? []);
  const byUnit = new Map<string, UnitScore>();
  for (const task of options.tasks ?? plan.tasks) {
    const state = states.get(task.id);
    if (!state) continue;
    const onTime = doneOnTime(state);
    const late = state.done && !onTime;
    const overdue = overdueByOriginal(state, today);
    for (const unit of assessedUnits(task, skip)) {
      let s = byUnit.get(unit);
      if (!s) {
        s = { unit, tasks: 0, done: 0, onTime: 0, late: 0, overdueOpen: 0, urges: 0, commends: 0, criticisms: 0, mismatches: 0, raw: 0, score: 0, completionRate: 0, rank: 0 };
        byUnit.set(unit, s);
      }
      s.tasks++;
      if (state.done) s.done++;
      if (onTime) s.onTime++;
      if (late) s.late++;
      if (overdue) s.overdueOpen++;
      s.urges += state.urges;
      s.commends += state.commends;
      s.criticisms += state.criticisms;
      if (state.mismatch) s.mismatches++;
    }
  }
  const out = [...byUnit.values()];
  for (const s of out) {
    s.raw =
      w.onTime * s.onTime +
      w.late * s.late +
      w.overdueOpen * s.overdueOpen +
      w.urge * s.urges +
      w.criticism * s.criticisms +
      w.commendation * s.commends +
      w.mismatch * s.mismatches;
    s.score = s.tasks > 0 ? s.raw / s.tasks : 0;
    s.completionRate = s.tasks > 0 ? s.done / s.tasks : 0;
  }
  out.sort((a, b) => nonZero(b.score - a.score) || nonZero(b.completionRate - a.completionRate) || collator.compare(a.unit, b.unit));
  out.forEach((s, i) => (s.rank = i + 1));
  return out;
}

/** Scores like 10/3 and 20/6 may differ in the last bit: treat such a difference as a tie. */
function nonZero(d: number): number {
  return Math.abs(d) > 1e-9 ? d : 0;
}
