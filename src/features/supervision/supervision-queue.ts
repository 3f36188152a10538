/**
 * The supervision queue (督办清单), pure: which tasks need the office's attention and in what
 * order. Flagged (挂牌) open items first, then overdue, then due soon, then those waiting for an
 * office decision (extension request, completion review) or with an inspection mismatch, then
 * those red for lagging far behind the time-elapsed pace; within a group the earliest due first.
 */
import type { TaskState } from '@/domain/events';
import { DEFAULT_LIGHT_RULE, lightDetail, type LightDetail, type LightRule } from '@/domain/lights';
import type { IsoDate, Plan, Task } from '@/domain/model';

export interface QueueRow {
  task: Task;
  state: TaskState;
  detail: LightDetail;
  flagged: boolean;
  overdue: boolean;
  dueSoon: boolean;
  extension: boolean;
  awaitingReview: boolean;
  mismatch: boolean;
  /** An urge not yet replied to; `replyLate` when its reply deadline has passed. */
  awaitingReply: boolean;
  replyLate: boolean;
  /** No owning unit has acknowledged the task (签收). */
  unreceived: boolean;
  /** Open and silent for longer than the reporting cadence (超期未报送). */
  reportOverdue: boolean;
  /** Its due date had passed when it was assigned: the office must set a real one (期限待核定). */
  dueBeforeAssigned: boolean;
  /** Red or yellow for being behind the time-elapsed pace (not for a date). */
  behindPace: boolean;
  attention: boolean;
  /**
   * 0 flagged, 1 overdue, 2 due soon, 3 waiting for a decision or for a reply past its deadline, or
   * 核查不符, 4 behind the pace (red) or silent past the reporting cadence, 5 the rest.
   */
  group: number;
  /** Lowercased title + owners, for search. */
  haystack: string;
}

/** Done and not yet accepted by a review made after the completion. */
export function awaitingReview(state: TaskState): boolean {
  if (!state.done) return false;
  if (!state.review || !state.review.accepted) return true;
  return state.doneAt !== null && state.review.at < state.doneAt;
}

export function buildQueue(plan: Plan, states: ReadonlyMap<string, TaskState>, today: IsoDate, rule: LightRule = DEFAULT_LIGHT_RULE): QueueRow[] {
  const rows: QueueRow[] = [];
  for (const task of plan.tasks) {
    const state = states.get(task.id);
    if (!state) continue;
    const detail = lightDetail(state, task, today, plan.year, rule);
    const flagged = state.flagged && !state.done;
    const extension = state.pendingExtension !== null;
    const review = awaitingReview(state);
    const behindPace = !state.done && detail.judgedBy === 'pace' && !detail.overdue && !detail.dueSoon && detail.light !== 'green';
    const replyLate = state.pendingUrge?.replyBy != null && state.pendingUrge.replyBy < today;
    const group = flagged
      ? 0
      : detail.overdue
        ? 1
        : detail.dueSoon
          ? 2
          : extension || review || state.mismatch || replyLate || (detail.dueBeforeAssigned && !state.done)
            ? 3
            : (behindPace && detail.light === 'red') || detail.reportOverdue
              ? 4
              : 5;
    rows.push({
      task,
      state,
      detail,
      flagged: state.flagged,
      overdue: detail.overdue,
      dueSoon: detail.dueSoon,
      extension,
      awaitingReview: review,
      mismatch: state.mismatch,
      awaitingReply: state.pendingUrge !== null,
      replyLate,
      unreceived: !state.done && state.receipts.length === 0,
      reportOverdue: detail.reportOverdue,
      dueBeforeAssigned: detail.dueBeforeAssigned && !state.done,
      behindPace,
      attention: group < 5,
      group,
      haystack: `${task.title} ${task.owners.map((o) => o.name).join(' ')}`.toLowerCase(),
    });
  }
  rows.sort((a, b) => a.group - b.group || compareDue(a.detail.due, b.detail.due));
  return rows;
}

function compareDue(a: IsoDate | null, b: IsoDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function filterQueue(rows: readonly QueueRow[], view: 'attention' | 'all', search: string): QueueRow[] {
  const q = search.trim().toLowerCase();
  return rows.filter((r) => (view === 'all' || r.attention) && (!q || r.haystack.includes(q)));
}
