/**
 * Derived figures shared by the store and the selectors, memoised on the identity of their inputs
 * (no React here, so store actions can use them too).
 */
import { deriveAllStates, type TaskState } from '@/domain/events';
import type { Plan, PlanEvent } from '@/domain/model';

let memo: { plan: Plan; events: readonly PlanEvent[]; states: Map<string, TaskState> } | null = null;

/** deriveAllStates, recomputed only when the plan or the log changed. */
export function selectTaskStates(s: { plan: Plan; events: readonly PlanEvent[] }): Map<string, TaskState> {
  if (!memo || memo.plan !== s.plan || memo.events !== s.events) {
    memo = { plan: s.plan, events: s.events, states: deriveAllStates(s.plan, s.events) };
  }
  return memo.states;
}
