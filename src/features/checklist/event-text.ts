/** Events in words for a unit's checklist: the shared sentence (describeEvent) and a tone for its marker. */
import type { PlanEvent } from '@/domain/model';
import { OFFICE_TYPES } from '@/components/event-history';

export { describeEvent as eventText } from '@/components/event-history';

/** Events the office addresses to a unit: what its checklist shows as 督办消息. */
export const SUPERVISION_TYPES: ReadonlySet<PlanEvent['type']> = OFFICE_TYPES;

/** Tone of a supervision event, for its marker: a criticism or a failed inspection is bad news. */
export function eventTone(e: PlanEvent): 'good' | 'bad' | 'neutral' {
  if (e.type === 'notice') return e.kind === 'commend' ? 'good' : 'bad';
  if (e.type === 'review') return e.accepted ? 'good' : 'bad';
  if (e.type === 'inspection') return e.finding === 'as-reported' ? 'good' : 'bad';
  if (e.type === 'extension-decision') return e.approved ? 'good' : 'bad';
  if (e.type === 'urge') return 'bad';
  return 'neutral';
}
