/**
 * Derived figures shared by the store and the selectors, memoised on the identity of their inputs
 * (no React here, so store actions can use them too).
 */
import { deriveAllStates, deriveStatesAfterChange, type TaskState } from '@/domain/events';
import type { Plan } from '@/domain/model';
import type { EventList } from '@/store/event-list';

let memo: { plan: Plan; events: EventList; states: Map<string, TaskState> } | null = null;

/**
 * deriveAllStates, recomputed only when the plan or the log changed; when the log only gained
 * events at the end (a tick, an urge) or had one replaced by its signed copy, only the tasks they
 * touch are derived again (the list says what changed by comparing its chunks, not its events).
 */
export function selectTaskStates(s: { plan: Plan; events: EventList }): Map<string, TaskState> {
  if (memo && memo.plan === s.plan && memo.events === s.events) return memo.states;
  // From nothing (the history just read) one pass over the array is faster than steps.
  const changes = memo && memo.plan === s.plan && memo.events.length ? s.events.changesSince(memo.events) : null;
  const states = (memo && changes ? deriveStatesAfterChange(s.plan, memo.states, changes.added, changes.replaced) : null) ?? deriveAllStates(s.plan, s.events.toArray(), { sorted: true });
  memo = { plan: s.plan, events: s.events, states };
  return states;
}
