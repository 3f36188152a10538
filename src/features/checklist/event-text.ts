/** One line of Chinese for an event, as a unit reads it in its checklist. */
import type { PlanEvent } from '@/domain/model';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/strings';

const FINDING: Record<'as-reported' | 'behind' | 'not-done', string> = {
  'as-reported': t.supervision.findingAsReported,
  behind: t.supervision.findingBehind,
  'not-done': t.supervision.findingNotDone,
};

export function eventText(e: PlanEvent): string {
  switch (e.type) {
    case 'tick':
      return t.events.tick(e.done);
    case 'progress':
      return t.events.progress(e.percent);
    case 'status':
      return t.events.status(t.events.statusNames[e.status]);
    case 'extension-request':
      return t.events.extensionRequest(formatDate(e.requestedDue));
    case 'extension-decision':
      return t.events.extensionDecision(e.approved, e.newDue ? formatDate(e.newDue) : null);
    case 'review':
      return t.events.review(e.accepted, e.grade);
    case 'urge':
      return t.events.urge;
    case 'inspection':
      return t.events.inspection(formatDate(e.date), FINDING[e.finding]);
    case 'notice':
      return t.events.notice(e.kind === 'commend');
    case 'flag':
      return t.events.flag(e.flagged);
  }
}

/** Events the office addresses to a unit: what its checklist shows as 督办消息. */
export const SUPERVISION_TYPES: ReadonlySet<PlanEvent['type']> = new Set(['urge', 'inspection', 'review', 'notice', 'extension-decision', 'flag']);

/** Tone of a supervision event, for its marker: a criticism or a failed inspection is bad news. */
export function eventTone(e: PlanEvent): 'good' | 'bad' | 'neutral' {
  if (e.type === 'notice') return e.kind === 'commend' ? 'good' : 'bad';
  if (e.type === 'review') return e.accepted ? 'good' : 'bad';
  if (e.type === 'inspection') return e.finding === 'as-reported' ? 'good' : 'bad';
  if (e.type === 'extension-decision') return e.approved ? 'good' : 'bad';
  if (e.type === 'urge') return 'bad';
  return 'neutral';
}
