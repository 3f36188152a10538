/**
 * A task's current state as a pure function of the plan and the append-only event log.
 * Nothing here is stored: the store keeps only the plan and the events, and every screen derives
 * what it shows from them. That is what makes merging two offices' files exact: merge the logs,
 * derive again, and both offices see the same thing.
 */
import type { Grade, IsoDate, Plan, PlanEvent, Task, TaskStatus } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';

export interface TaskState {
  taskId: string;
  /** Derived: 'done' after a tick (a review that returns it sets it back to 'in-progress'). */
  status: TaskStatus;
  done: boolean;
  /** ISO datetime of the tick that completed it (null if not done). */
  doneAt: string | null;
  /** 0..100, 100 when done. */
  percent: number;
  /** Latest non-empty note written by an owning unit (lead or co). */
  lastNote: string;
  /** ISO datetime of the latest event. */
  lastUpdate: string | null;
  /** The plan's task.deadline.due: still counts in the assessment (考核) after an extension. */
  originalDue: IsoDate | null;
  /** After approved extensions. */
  due: IsoDate | null;
  /** The plan's flag, overridden by the latest 'flag' event (挂牌/摘牌). */
  flagged: boolean;
  urges: number;
  commends: number;
  criticisms: number;
  inspections: number;
  /** The latest inspection made while the unit reported the task done found 'behind' or 'not-done'. */
  mismatch: boolean;
  pendingExtension: { requestId: string; requestedDue: IsoDate; note: string; unit: string } | null;
  review: { accepted: boolean; grade: Grade | null; at: string } | null;
  /** This task's events, oldest first. */
  events: PlanEvent[];
}

/**
 * The one order of events everywhere: by time, then by id so that two events written in the same
 * millisecond (two offices, or a fast double click) still sort the same way in every browser.
 * Plain code-unit comparison, not localeCompare: the order must not depend on the user's locale.
 */
export function compareEvents(a: PlanEvent, b: PlanEvent): number {
  if (a.at !== b.at) return compareInstants(a.at, b.at);
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * ISO strings with the same shape (all `...Z` as `toISOString` writes them) compare as strings;
 * an event written with an offset (+08:00) is compared by its instant instead.
 */
function compareInstants(a: string, b: string): number {
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) return a < b ? -1 : 1;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (ta !== tb && Number.isFinite(ta) && Number.isFinite(tb)) return ta - tb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when the list is already in (at, id) order: the store keeps it so, and sorting is skipped. */
export function isSortedEvents(events: readonly PlanEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if (compareEvents(events[i - 1]!, events[i]!) > 0) return false;
  }
  return true;
}

export function sortEvents(events: readonly PlanEvent[]): PlanEvent[] {
  return isSortedEvents(events) ? [...events] : [...events].sort(compareEvents);
}

/** The task's state from its events (any list: it keeps only the events about this task). */
export function deriveTaskState(task: Task, events: readonly PlanEvent[]): TaskState {
  return fold(task, sortEvents(events.filter((e) => e.taskId === task.id)));
}

/**
 * Every task's state in one pass over the events: O(tasks + events) when the log is already in
 * order (the store keeps it so), O(events log events) otherwise. Events about a task that is not
 * in the plan are ignored; events about a task merged into another (plan.mergedInto) count for
 * the task they were merged into.
 */
export function deriveAllStates(plan: Plan, events: readonly PlanEvent[]): Map<string, TaskState> {
  const byTask = new Map<string, PlanEvent[]>();
  for (const t of plan.tasks) byTask.set(t.id, []);
  const aliases = plan.mergedInto ?? {};
  for (const e of events) {
    const list = byTask.get(e.taskId) ?? byTask.get(resolveTaskId(aliases, e.taskId));
    if (list) list.push(e);
  }
  const out = new Map<string, TaskState>();
  for (const t of plan.tasks) {
    const list = byTask.get(t.id)!;
    out.set(t.id, fold(t, isSortedEvents(list) ? list : list.sort(compareEvents)));
  }
  return out;
}

/**
 * The states after events were appended to a log whose states are known: only the tasks the new
 * events touch are folded again, so a tick costs O(events) reference checks instead of a fold of
 * every task; every other task keeps its state object (and a component showing it does not
 * re-render). Returns null when `events` is not `prevEvents` plus new events at the end (an
 * insertion in the middle, a removal): the caller then derives everything again.
 */
export function deriveStatesAfterAppend(
  plan: Plan,
  prevEvents: readonly PlanEvent[],
  prevStates: ReadonlyMap<string, TaskState>,
  events: readonly PlanEvent[],
  /** The caller knows `events` is `prevEvents` with events pushed at the end: no need to check. */
  knownAppend = false,
): Map<string, TaskState> | null {
  if (events.length < prevEvents.length) return null;
  if (!knownAppend) for (let i = 0; i < prevEvents.length; i++) if (events[i] !== prevEvents[i]) return null;
  const aliases = plan.mergedInto ?? {};
  const added = new Map<string, PlanEvent[]>();
  for (let i = prevEvents.length; i < events.length; i++) {
    const e = events[i]!;
    const id = prevStates.has(e.taskId) ? e.taskId : resolveTaskId(aliases, e.taskId);
    if (!prevStates.has(id)) continue; // about a task not in the plan: ignored, as in deriveAllStates
    const list = added.get(id);
    if (list) list.push(e);
    else added.set(id, [e]);
  }
  const out = new Map(prevStates);
  if (added.size === 0) return out;
  for (const task of plan.tasks) {
    const more = added.get(task.id);
    if (!more) continue;
    const list = [...prevStates.get(task.id)!.events, ...more];
    out.set(task.id, fold(task, isSortedEvents(list) ? list : list.sort(compareEvents)));
  }
  return out;
}

/** Follows merged-task aliases (a → b → c) to the task that now carries the events. */
export function resolveTaskId(aliases: Readonly<Record<string, string>>, id: string): string {
  let cur = id;
  // A bound on the chain length so a cycle in a hand-edited file cannot hang the page.
  for (let i = 0; i < 50; i++) {
    const next = aliases[cur];
    if (next === undefined || next === cur) return cur;
    cur = next;
  }
  return cur;
}

/** The owners' names, for "written by an owning unit". */
function ownerNames(task: Task): Set<string> {
  return new Set(task.owners.map((o) => o.name));
}

function fold(task: Task, events: PlanEvent[]): TaskState {
  const owners = ownerNames(task);
  // A task nobody owns yet: any unit but the office counts as the one reporting on it.
  const byOwner = (unit: string) => (owners.size ? owners.has(unit) : unit !== OFFICE_NAME);
  let status: TaskStatus = 'not-started';
  let done = false;
  let doneAt: string | null = null;
  let percent = 0;
  let lastNote = '';
  let due: IsoDate | null = task.deadline.due;
  let flagged = task.flagged;
  let urges = 0;
  let commends = 0;
  let criticisms = 0;
  let inspections = 0;
  let mismatch = false;
  let review: TaskState['review'] = null;
  const requests = new Map<string, { requestId: string; requestedDue: IsoDate; note: string; unit: string }>();

  const complete = (at: string) => {
    if (!done) doneAt = at;
    done = true;
    status = 'done';
  };
  const reopen = () => {
    done = false;
    doneAt = null;
    status = 'in-progress';
  };

  for (const e of events) {
    if (e.note && byOwner(e.unit)) lastNote = e.note;
    switch (e.type) {
      case 'tick':
        if (e.done) complete(e.at);
        else if (done) reopen();
        break;
      case 'progress':
        percent = e.percent;
        if (!done && status === 'not-started' && e.percent > 0) status = 'in-progress';
        break;
      case 'status':
        // A status report of 'done' is a tick in other words; any other status reopens the task.
        if (e.status === 'done') complete(e.at);
        else {
          done = false;
          doneAt = null;
          status = e.status;
        }
        break;
      case 'extension-request':
        requests.set(e.id, { requestId: e.id, requestedDue: e.requestedDue, note: e.note, unit: e.unit });
        break;
      case 'extension-decision': {
        const req = requests.get(e.requestId);
        requests.delete(e.requestId);
        // Approved without a date: the office granted what was asked.
        if (e.approved) due = e.newDue ?? req?.requestedDue ?? due;
        break;
      }
      case 'review':
        review = { accepted: e.accepted, grade: e.grade, at: e.at };
        // Accepting completion confirms it; returning it sends the unit back to work.
        if (e.accepted) complete(e.at);
        else reopen();
        break;
      case 'urge':
        urges++;
        break;
      case 'inspection':
        inspections++;
        // 四不两直: what was found on site, compared with what the unit reported at that moment.
        if (done) mismatch = e.finding !== 'as-reported';
        break;
      case 'notice':
        if (e.kind === 'commend') commends++;
        else criticisms++;
        break;
      case 'flag':
        flagged = e.flagged;
        break;
    }
  }

  let pendingExtension: TaskState['pendingExtension'] = null;
  for (const r of requests.values()) pendingExtension = r; // insertion order = time order: the latest

  return {
    taskId: task.id,
    status,
    done,
    doneAt,
    percent: done ? 100 : percent,
    lastNote,
    lastUpdate: events.length ? events[events.length - 1]!.at : null,
    originalDue: task.deadline.due,
    due,
    flagged,
    urges,
    commends,
    criticisms,
    inspections,
    mismatch,
    pendingExtension,
    review,
    events,
  };
}
