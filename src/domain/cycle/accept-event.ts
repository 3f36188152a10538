/**
 * What may be recorded when, in the 督办 cycle (交办 → 签收 → 报送 → 催办/回复 → 延期 → 办结 → 核查 →
 * 验收 → 通报). The store asks before writing a new event of this browser; a refusal is a Chinese
 * sentence that says what to do instead. Events already in the log (another office's, an older
 * version's) are never refused here: the log is history, and the fold (src/domain/events.ts)
 * reads whatever it holds.
 */
import type { TaskState } from '@/domain/events';
import type { PlanEvent } from '@/domain/model';

type Draft = { [K in PlanEvent['type']]: Omit<Extract<PlanEvent, { type: K }>, 'id' | 'at' | 'unit'> }[PlanEvent['type']];

/** The types refuseNewEvent judges (the store derives the task's state only for these and the undoable ones). */
export const JUDGED_TYPES: ReadonlySet<PlanEvent['type']> = new Set(['tick', 'progress', 'status', 'extension-request', 'reply', 'review']);

/** Null when the event may be recorded on a task in `state`; otherwise why not. */
export function refuseNewEvent(state: TaskState, e: Draft): string | null {
  switch (e.type) {
    case 'tick':
      // 办结 needs its evidence: a note saying what was done (files are optional).
      if (e.done && !e.note.trim()) return '报告完成须填写完成说明（做了什么、成果在哪里），可附佐证材料。';
      if (e.done && state.done) return '这项任务已报告完成。';
      return null;
    case 'progress':
      if (state.done) return '这项任务已报告完成，不能再报告进度；如需继续办理，请先撤销完成。';
      return null;
    case 'status':
      if (e.status === 'done' && !state.done) return '请勾选“报告完成”并填写完成说明。';
      return null;
    case 'extension-request':
      if (state.done) return '这项任务已报告完成，无需申请延期。';
      return null;
    case 'reply':
      if (!state.pendingUrge) return '没有待回复的催办。';
      if (e.urgeId !== null && !state.urgeLog.some((u) => u.id === e.urgeId && !u.reply)) return '这次催办已经回复过了。';
      return null;
    case 'review':
      if (e.accepted && !state.done) return '单位尚未报告完成（或核查不符），暂不能通过验收。';
      return null;
    default:
      return null;
  }
}
