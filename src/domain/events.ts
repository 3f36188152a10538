/**
 * A task's current state as a pure function of the plan and the append-only event log.
 * Nothing here is stored: the store keeps only the plan and the events, and every screen derives
 * what it shows from them. That is what makes merging two offices' files exact: merge the logs,
 * derive again, and both offices see the same thing.
 */
import type { Attachment, Grade, IsoDate, Plan, PlanEvent, Task, TaskStatus, UrgeMethod } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';

/** An urge (催办) as the task's state keeps it, with whether the unit has replied. */
export interface UrgeState {
  id: string;
  at: string;
  note: string;
  replyBy: IsoDate | null;
  method: UrgeMethod | null;
  /** The unit's reply (回复), once written. */
  reply: { id: string; at: string; unit: string; note: string } | null;
}

/** Event types a unit writes to say how the work stands: each one counts as a report (报送). */
const REPORT_TYPES: ReadonlySet<PlanEvent['type']> = new Set(['tick', 'progress', 'status', 'extension-request', 'receipt', 'reply']);

export interface TaskState {
  taskId: string;
  /**
   * Derived: 'done' after a tick (a review that returns it sets it back to 'in-progress'; an
   * inspection that contradicts it too, see `mismatch`).
   */
  status: TaskStatus;
  /** Counted as done: reported done and not contradicted by a later inspection. */
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
  /**
   * 核查不符: the unit reported the task done and a later 四不两直 inspection found it behind or
   * not done. The task is then NOT done (anywhere: lights, dashboard, ranking, 通报) until the
   * office inspects again and finds it as reported, or the unit reports completion anew.
   */
  mismatch: boolean;
  /** How many inspections contradicted a reported completion (each counts in the ranking). */
  contradictions: number;
  /** 交办日期 from the plan (null for a task that has none: parsed output, old tests). */
  assignedOn: IsoDate | null;
  /** The latest 交办 (督办单) of the task: its register year and number, and when a reply is due. */
  assignment: { id: string; at: string; year: number; number: number; replyBy: IsoDate | null; note: string } | null;
  /** 签收 by each owning unit (the latest per unit), oldest first. */
  receipts: { unit: string; handler: string; phone: string; at: string }[];
  /** Every urge, oldest first, each with its reply if any. */
  urgeLog: UrgeState[];
  /** The latest urge the unit has not replied to yet, or null. */
  pendingUrge: UrgeState | null;
  /** ISO datetime of the latest report by an owning unit (tick, progress, status, extension request, 签收, 回复). */
  lastReportAt: string | null;
  /** The evidence of the completion that stands (note and attachments of the tick), null when not done. */
  evidence: { at: string; unit: string; note: string; attachments: Attachment[] } | null;
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
  let contradictions = 0;
  let review: TaskState['review'] = null;
  let assignment: TaskState['assignment'] = null;
  let lastReportAt: string | null = null;
  let evidence: TaskState['evidence'] = null;
  // The completion a contradicting inspection suspended: restored if a later inspection confirms it.
  let suspended: { doneAt: string | null; evidence: TaskState['evidence'] } | null = null;
  const receipts = new Map<string, TaskState['receipts'][number]>();
  const urgeLog: UrgeState[] = [];
  const requests = new Map<string, { requestId: string; requestedDue: IsoDate; note: string; unit: string }>();

  const complete = (at: string) => {
    if (!done) doneAt = at;
    done = true;
    status = 'done';
    mismatch = false;
    suspended = null;
  };
  const reopen = (next: TaskStatus = 'in-progress') => {
    done = false;
    doneAt = null;
    evidence = null;
    status = next;
    mismatch = false;
    suspended = null;
  };

  for (const e of events) {
    if (e.note && byOwner(e.unit)) lastNote = e.note;
    if (REPORT_TYPES.has(e.type) && byOwner(e.unit)) lastReportAt = e.at;
    switch (e.type) {
      case 'tick':
        if (e.done) {
          // A completion reported anew (after 核查不符 too) is the one that stands, with its evidence.
          complete(e.at);
          evidence = { at: e.at, unit: e.unit, note: e.note, attachments: e.attachments ?? [] };
        } else if (done || mismatch) reopen();
        break;
      case 'progress':
        percent = e.percent;
        if (!done && status === 'not-started' && e.percent > 0) status = 'in-progress';
        break;
      case 'status':
        // A status report of 'done' is a tick in other words; any other status reopens the task.
        if (e.status === 'done') complete(e.at);
        else reopen(e.status);
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
        // Accepting completion confirms it (a suspended claim too: the office looked again);
        // returning it sends the unit back to work.
        if (e.accepted) {
          if (suspended) {
            const s: { doneAt: string | null; evidence: TaskState['evidence'] } = suspended;
            complete(e.at);
            doneAt = s.doneAt ?? e.at;
            evidence = s.evidence;
          } else complete(e.at);
        } else reopen();
        break;
      case 'urge':
        urges++;
        urgeLog.push({ id: e.id, at: e.at, note: e.note, replyBy: e.replyBy ?? null, method: e.method ?? null, reply: null });
        break;
      case 'reply': {
        if (!byOwner(e.unit)) break;
        const answer = { id: e.id, at: e.at, unit: e.unit, note: e.note };
        // A reply names its urge; one without answers every urge still open.
        for (const u of urgeLog) if (!u.reply && (e.urgeId === null || u.id === e.urgeId)) u.reply = answer;
        break;
      }
      case 'inspection':
        inspections++;
        // 四不两直: what was found on site, compared with what the unit reported at that moment.
        if (done && e.finding !== 'as-reported') {
          contradictions++;
          suspended = { doneAt, evidence };
          done = false;
          doneAt = null;
          evidence = null;
          status = 'in-progress';
          mismatch = true;
        } else if (mismatch && e.finding === 'as-reported' && suspended) {
          // Looked again and found as the unit said: the original completion stands.
          const s: { doneAt: string | null; evidence: TaskState['evidence'] } = suspended;
          complete(s.doneAt ?? e.at);
          doneAt = s.doneAt ?? e.at;
          evidence = s.evidence;
        }
        break;
      case 'notice':
        if (e.kind === 'commend') commends++;
        else criticisms++;
        break;
      case 'flag':
        flagged = e.flagged;
        break;
      case 'assign':
        assignment = { id: e.id, at: e.at, year: e.year, number: e.number, replyBy: e.replyBy, note: e.note };
        break;
      case 'receipt':
        if (!byOwner(e.unit)) break;
        receipts.delete(e.unit);
        receipts.set(e.unit, { unit: e.unit, handler: e.handler, phone: e.phone, at: e.at });
        break;
    }
  }

  let pendingUrge: UrgeState | null = null;
  for (const u of urgeLog) if (!u.reply) pendingUrge = u;

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
    contradictions,
    assignedOn: task.assignedOn ?? null,
    assignment,
    receipts: [...receipts.values()],
    urgeLog,
    pendingUrge,
    lastReportAt,
    evidence: done ? evidence : null,
    pendingExtension,
    review,
    events,
  };
}
