/**
 * 位次: the ranking of responsible units (奖优罚劣). A documented, configurable score per unit:
 *
 *   raw = +10 × on-time completions   (done on or before the ORIGINAL due date)
 *         + 5 × late completions       (done after it: better late than never, but not equal)
 *         − 8 × overdue open tasks     (not done, the day after the ORIGINAL due date or later)
 *         − 3 × urges (催办)
 *         −10 × criticisms (通报)
 *         + 5 × commendations (表扬)
 *         − 5 × inspection mismatches  (each 四不两直 finding that contradicted a reported completion)
 *   score = raw / assessed tasks       (the unit's lead tasks that were due by the day judged, or
 *                                       done: per task, so a unit with 3 tasks is not favoured or
 *                                       punished against one with 30 for its size, and tasks not
 *                                       yet due do not dilute the score)
 *
 * A unit with no assessed task (nothing due and nothing done yet) has nothing to be judged on: it
 * is left out of the ranking and named apart (`unranked`), instead of coming 第1 at 0.0 for doing
 * nothing. Order: higher score, then higher completion rate; units equal on both share a place
 * (并列第3, competition ranking 1, 2, 2, 4) and are listed by name in Chinese collation.
 *
 * Only lead owners (牵头单位) are assessed: the lead answers for the task. Leaders (分管副市长…) are
 * not units and the mayor's office is not ranked. The original due date counts, as the extension
 * rules say: an approved extension does not turn a late task into an on-time one. A task under
 * 核查不符 is not done (src/domain/events.ts), so it counts as open here too.
 */
import type { TaskState } from '@/domain/events';
import type { IsoDate, Plan, Task, Unit } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';
import { dayOf, daysFromTo } from '@/domain/lights';

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
  /** Of those, the ones judged: due by the day judged (original due date), or done. */
  assessed: number;
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
  /** raw / assessed, the ranking score. */
  score: number;
  /** done / assessed, 0..1. */
  completionRate: number;
  /** 1-based place; units tied on score and completion rate share it. */
  rank: number;
  /** Shares its place with another unit (并列). */
  tied: boolean;
}

/** The ranking and the units left out of it for having nothing due yet. */
export interface Ranking {
  ranked: UnitScore[];
  /** Lead units with no task due by the day judged and none done, in Chinese collation. */
  unranked: string[];
}

// The day of an event lives with the lights (which need it for the reporting cadence).
export { CHINA_UTC_OFFSET_MINUTES, dayOf } from '@/domain/lights';

/** Done on or before the original due date (a task without one is on time when done). */
export function doneOnTime(state: TaskState): boolean {
  if (!state.done || !state.doneAt) return false;
  if (!state.originalDue) return true;
  return daysFromTo(dayOf(state.doneAt), state.originalDue) >= 0;
}

/**
 * Not done and past the ORIGINAL due date (the assessment's view, not the light's). A date that
 * had passed before the task was even assigned (a plan taken up in December with a 一季度
 * deadline) is no deadline the unit could keep: until the office sets a real one, it is not held
 * against the unit.
 */
export function overdueByOriginal(state: TaskState, today: IsoDate): boolean {
  return !state.done && state.originalDue !== null && daysFromTo(state.originalDue, today) > 0 && !dueBeforeAssigned(state);
}

function dueBeforeAssigned(state: TaskState): boolean {
  return state.assignedOn !== null && state.originalDue !== null && daysFromTo(state.assignedOn, state.originalDue) < 0;
}

/** Names of the units that answer for a task in the assessment: its lead owners, minus leaders and the office. */
export function assessedUnits(task: Task, notRanked: ReadonlySet<string>): string[] {
  const names: string[] = [];
  for (const o of task.owners) if (o.role === 'lead' && !notRanked.has(o.name) && !names.includes(o.name)) names.push(o.name);
  return names;
}

/** Names never ranked: the office, and any leader role still named as a unit (kind 'leader'). */
export function notRankedNames(units: readonly Unit[], leaderNames: Iterable<string> = []): Set<string> {
  const s = new Set<string>([OFFICE_NAME, ...leaderNames]);
  for (const u of units) if (u.kind === 'leader' || u.kind === 'office') s.add(u.name);
  return s;
}

/** Due by `day` (original due date on or before it), or done: the tasks a unit is judged on. */
export function assessedOn(state: TaskState, day: IsoDate): boolean {
  return state.done || (state.originalDue !== null && daysFromTo(state.originalDue, day) >= 0 && !dueBeforeAssigned(state));
}

const collator = new Intl.Collator('zh-CN');

export interface RankOptions {
  weights?: ScoreWeights;
  /** The registry, to leave the office (and any leader role named as a unit) out. */
  units?: readonly Unit[];
  /** Names of leaders, never ranked. */
  leaderNames?: Iterable<string>;
  /** Only these tasks (e.g. one leader's portfolio); default all. */
  tasks?: readonly Task[];
}

/** Scores and ranks every unit that has something to be judged on; O(tasks + owners). */
export function rankUnits(plan: Plan, states: ReadonlyMap<string, TaskState>, today: IsoDate, options: RankOptions = {}): UnitScore[] {
  return rankingOf(plan, states, today, options).ranked;
}

/** The ranking, and the lead units left out of it because nothing of theirs was due or done. */
export function rankingOf(plan: Plan, states: ReadonlyMap<string, TaskState>, today: IsoDate, options: RankOptions = {}): Ranking {
  const w = options.weights ?? DEFAULT_SCORE_WEIGHTS;
  const skip = notRankedNames(options.units ?? [], options.leaderNames);
  const byUnit = new Map<string, UnitScore>();
  for (const task of options.tasks ?? plan.tasks) {
    const state = states.get(task.id);
    if (!state) continue;
    const onTime = doneOnTime(state);
    const late = state.done && !onTime;
    const overdue = overdueByOriginal(state, today);
    const judged = assessedOn(state, today);
    for (const unit of assessedUnits(task, skip)) {
      let s = byUnit.get(unit);
      if (!s) {
        s = { unit, tasks: 0, assessed: 0, done: 0, onTime: 0, late: 0, overdueOpen: 0, urges: 0, commends: 0, criticisms: 0, mismatches: 0, raw: 0, score: 0, completionRate: 0, rank: 0, tied: false };
        byUnit.set(unit, s);
      }
      s.tasks++;
      if (judged) s.assessed++;
      if (state.done) s.done++;
      if (onTime) s.onTime++;
      if (late) s.late++;
      if (overdue) s.overdueOpen++;
      s.urges += state.urges;
      s.commends += state.commends;
      s.criticisms += state.criticisms;
      s.mismatches += state.contradictions;
    }
  }
  const all = [...byUnit.values()];
  const out = all.filter((s) => s.assessed > 0);
  const unranked = all
    .filter((s) => s.assessed === 0)
    .map((s) => s.unit)
    .sort(collator.compare);
  for (const s of out) {
    s.raw =
      w.onTime * s.onTime +
      w.late * s.late +
      w.overdueOpen * s.overdueOpen +
      w.urge * s.urges +
      w.criticism * s.criticisms +
      w.commendation * s.commends +
      w.mismatch * s.mismatches;
    s.score = s.raw / s.assessed;
    s.completionRate = s.done / s.assessed;
  }
  const order = (a: UnitScore, b: UnitScore) => nonZero(b.score - a.score) || nonZero(b.completionRate - a.completionRate);
  out.sort((a, b) => order(a, b) || collator.compare(a.unit, b.unit));
  out.forEach((s, i) => {
    const prev = out[i - 1];
    s.rank = prev && order(prev, s) === 0 ? prev.rank : i + 1;
    if (prev && prev.rank === s.rank) prev.tied = s.tied = true;
  });
  return { ranked: out, unranked };
}

/** Scores like 10/3 and 20/6 may differ in the last bit: treat such a difference as a tie. */
function nonZero(d: number): number {
  return Math.abs(d) > 1e-9 ? d : 0;
}
