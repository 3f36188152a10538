/**
 * Derived figures shared by the store and the selectors, memoised on the identity of their inputs
 * (no React here, so store actions can use them too).
 */
import { deriveAllStates, deriveStatesAfterAppend, type TaskState } from '@/domain/events';
import type { Plan, PlanEvent } from '@/domain/model';

let memo: { plan: Plan; events: readonly PlanEvent[]; states: Map<string, TaskState> } | null = null;

/** Logs made by pushing at the end of another (appendEvent): next → the log it was copied from. */
const appendedTo = new WeakMap<readonly PlanEvent[], readonly PlanEvent[]>();

/** Says that `next` is `prev` with events pushed at the end, so deriving skips the O(n) check. */
export function noteAppend(prev: readonly PlanEvent[], next: readonly PlanEvent[]) {
  appendedTo.set(next, prev);
}

/**
 * deriveAllStates, recomputed only when the plan or the log changed; when the only change is
 * events appended to the log (a tick, an urge), only the tasks they touch are derived again.
 */
export function selectTaskStates(s: { plan: Plan; events: readonly PlanEvent[] }): Map<string, TaskState> {
  if (memo && memo.plan === s.plan && memo.events === s.events) return memo.states;
  const states =
    (memo && memo.plan === s.plan ? deriveStatesAfterAppend(s.plan, memo.events, memo.states, s.events, appendedTo.get(s.events) === memo.events) : null) ??
    deriveAllStates(s.plan, s.events);
  memo = { plan: s.plan, events: s.events, states };
  return states;
}
