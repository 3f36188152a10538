/**
 * The progress slice (progress and supervision): the append-only event log. record() fills in
 * id, time and the writing unit; nothing ever edits an event.
 *
 * Undo of an event never deletes it: the event may already have left this browser (in a progress
 * report, or to another tab that stored it), and the union merge would bring it back anyway. Undo
 * records the opposite instead: a tick is answered by an untick, a flag by the opposite flag, a
 * progress or status report by the previous value. The log then shows honestly what happened.
 * Supervision acts (urge, inspection, notice, review, extension) have no opposite and are not
 * undoable once recorded.
 */
import { compareEvents } from '@/domain/events';
import { isSignedCopy } from '@/domain/merge';
import { noteAppend, selectTaskStates } from '@/store/derived';
import { EventSchema, OFFICE_NAME, type Identity, type PlanEvent } from '@/domain/model';
import type { NewEvent, ProgressSlice } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { resolveTaskId } from '@/domain/events';
import { JUDGED_TYPES, refuseNewEvent } from '@/domain/cycle/accept-event';
import { nextRegisterNumber } from '@/domain/cycle/register';
import { localDay } from '@/lib/ids';
import { selectCanWrite } from '@/store/slices/signing';

export function writerName(identity: Identity): string {
  return identity.kind === 'office' ? OFFICE_NAME : identity.name;
}

/**
 * Appends keeping (at, id) order; the common case (the newest event) is a plain push. An event
 * that sorts a little earlier (two in one millisecond, ids in random order) moves back into
 * place instead of sorting the whole log: at 100,000 events a sort per record added up.
 */
export function appendEvent(events: readonly PlanEvent[], e: PlanEvent): PlanEvent[] {
  // slice() copies a packed array in one block; a spread walks the iterator (ten times slower
  // at 200,000 events).
  const out = events.slice();
  out.push(e);
  let i = out.length - 1;
  while (i > 0 && compareEvents(out[i - 1]!, e) > 0) {
    out[i] = out[i - 1]!;
    i--;
  }
  out[i] = e;
  if (i === events.length) noteAppend(events, out);
  return out;
}

/**
 * Puts the signed copy of an event in place of the unsigned one (found by its (at, id) place, so
 * without a walk of the log). Returns `events` unchanged when the log has no unsigned version of
 * it, and null when the id is not there at all.
 */
export function replaceEvent(events: readonly PlanEvent[], signed: PlanEvent): readonly PlanEvent[] | null {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareEvents(events[mid]!, signed) < 0) lo = mid + 1;
    else hi = mid;
  }
  let i = events[lo]?.id === signed.id ? lo : -1;
  // An event written with a time offset sorts by its instant: found by a walk in that rare case.
  if (i < 0) i = events.findIndex((e) => e.id === signed.id);
  if (i < 0) return null;
  if (!isSignedCopy(signed, events[i]!)) return events;
  const out = events.slice();
  out[i] = signed;
  return out;
}

export function createProgressSlice(
  set: SetState,
  get: GetState,
  ctx: StoreContext,
  initial: { events: PlanEvent[]; dropped: string[] },
): ProgressSlice {
  const write = (input: NewEvent): PlanEvent => {
    const s = get();
    if (!selectCanWrite(s)) throw new Error(`本浏览器没有${writerName(s.identity)}的签名密钥，只能查看，不能以它的名义记录。`);
    const candidate = {
      ...input,
      note: input.note ?? '',
      id: ctx.newId(),
      at: ctx.now().toISOString(),
      unit: writerName(s.identity),
    };
    const parsed = EventSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`记录无效：${issue ? `${issue.path.join('.')} ${issue.message}` : '格式不符'}`);
    }
    const e = parsed.data;
    const events = appendEvent(get().events, e);
    // Its own record in the log, started inside the click: on disk within milliseconds. The
    // signed copy follows a moment later and replaces this record.
    ctx.recorded(events, e);
    set({ events });
    ctx.signLater(e);
    return e;
  };

  return {
    events: initial.events,
    dropped: initial.dropped,

    record: (input) => {
      const s = get();
      const taskId = resolveTaskId(s.plan.mergedInto ?? {}, input.taskId);
      const task = s.plan.tasks.find((t) => t.id === taskId);
      // Only these have an opposite to undo with, or a rule of the cycle to pass; the others need
      // no state (and at 100,000 events a state per event recorded in a loop would add up).
      const undoable = input.type === 'tick' || input.type === 'flag' || input.type === 'progress' || input.type === 'status';
      const before = task && (undoable || JUDGED_TYPES.has(input.type)) ? (selectTaskStates(s).get(task.id) ?? null) : null;
      // Undo writes the opposite of an event through write(), never through here: it restores
      // a state the cycle already allowed.
      if (before) {
        const why = refuseNewEvent(before, { ...input, note: input.note ?? '' } as Parameters<typeof refuseNewEvent>[1]);
        if (why) throw new Error(why);
      }
      const e = write(input);
      if (ctx.undoing() || !before) return e;
      const opposite = ((): NewEvent | null => {
        switch (e.type) {
          case 'tick':
            // Taking back an untick restores the completion with the evidence it had.
            return before.done && before.evidence
              ? { type: 'tick', taskId: e.taskId, done: true, note: before.evidence.note || '撤销上一次勾选', attachments: before.evidence.attachments }
              : { type: 'tick', taskId: e.taskId, done: before.done, note: '撤销上一次勾选' };
          case 'flag':
            return { type: 'flag', taskId: e.taskId, flagged: before.flagged, note: '撤销上一次挂牌/摘牌' };
          case 'progress':
            return { type: 'progress', taskId: e.taskId, percent: before.percent, note: '撤销上一次进度' };
          case 'status':
            return { type: 'status', taskId: e.taskId, status: before.status, note: '撤销上一次状态' };
          default:
            return null;
        }
      })();
      if (opposite) {
        const labels: Record<string, string> = { tick: e.type === 'tick' && e.done ? '勾选完成' : '取消勾选', flag: '挂牌/摘牌', progress: '进度', status: '状态' };
        const toast = e.type === 'tick' ? (e.done ? '已标记完成' : '已取消完成') : undefined;
        ctx.pushUndo({ label: labels[e.type] ?? '记录', toast, run: () => void write(opposite) });
      }
      return e;
    },

    assignTask: (taskId, replyBy, requirement) => {
      const s = get();
      const year = Number(localDay(ctx.now()).slice(0, 4));
      return get().record({ type: 'assign', taskId, year, number: nextRegisterNumber(s.events, year), replyBy, note: requirement });
    },
  };
}
