/**
 * 督办登记: the running register of 督办单 numbers, per year (督办〔2026〕第7号). A number is given
 * when the office records a 交办 ('assign' event): one more than the highest number of that year
 * in the log. Because the number travels inside the event, every office that merges the log sees
 * the same number on the same 督办单, and printing it again never changes it.
 *
 * Two office computers that record a 交办 before exchanging files can give the same number twice.
 * The register then keeps the number for the earlier one (by time, then id: the log's own order)
 * and gives the later one the next free number after every number of the year, marked
 * `renumbered`, so no two 督办单 ever show one number. The rule depends only on the set of events,
 * so every office computes the same register whatever order files arrive in.
 */
import { compareEvents } from '@/domain/events';
import type { PlanEvent } from '@/domain/model';

type AssignEvent = Extract<PlanEvent, { type: 'assign' }>;

export interface RegisterEntry {
  eventId: string;
  taskId: string;
  year: number;
  /** The number the 督办单 shows. */
  number: number;
  /** The number written in the event (differs from `number` only when renumbered). */
  written: number;
  renumbered: boolean;
  at: string;
}

function assigns(events: readonly PlanEvent[]): AssignEvent[] {
  return events.filter((e): e is AssignEvent => e.type === 'assign').sort(compareEvents);
}

/** Every 交办 of the log with the number it shows, by event id. */
export function buildRegister(events: readonly PlanEvent[]): Map<string, RegisterEntry> {
  const list = assigns(events);
  const maxOf = new Map<number, number>();
  for (const e of list) maxOf.set(e.year, Math.max(maxOf.get(e.year) ?? 0, e.number));
  const taken = new Map<number, Set<number>>();
  const out = new Map<string, RegisterEntry>();
  for (const e of list) {
    const used = taken.get(e.year) ?? new Set<number>();
    taken.set(e.year, used);
    let number = e.number;
    if (used.has(number)) {
      number = (maxOf.get(e.year) ?? 0) + 1;
      maxOf.set(e.year, number);
    }
    used.add(number);
    out.set(e.id, { eventId: e.id, taskId: e.taskId, year: e.year, number, written: e.number, renumbered: number !== e.number, at: e.at });
  }
  return out;
}

/** The number the next 交办 of `year` gets: one more than any number of that year, written or shown. */
export function nextRegisterNumber(events: readonly PlanEvent[], year: number): number {
  let max = 0;
  for (const entry of buildRegister(events).values()) if (entry.year === year) max = Math.max(max, entry.number, entry.written);
  return max + 1;
}
