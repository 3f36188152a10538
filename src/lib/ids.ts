/**
 * Small helpers shared by the store and the screens: a prefixed random id, the local calendar
 * day, and the local time in a file name. Kept apart from format.ts so the store does not pull date-fns' locale into the first bundle.
 */
import type { IsoDate } from '@/domain/model';

/** `plan-…`, `unit-…`: a UUID where the browser has one, else a time-based id (old browsers, file://). */
export function prefixedId(prefix: string): string {
  const uuid = globalThis.crypto?.randomUUID?.();
  return `${prefix}-${uuid ?? Date.now().toString(36)}`;
}

/** The local calendar day (yyyy-MM-dd): the day the user thinks of as "today". */
export function localDay(d: Date = new Date()): IsoDate {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * The time in a file name, as the person saving it reads their clock (20260325-0930): local time,
 * never UTC, which would put a file saved at 07:00 in Beijing on the day before.
 */
export function fileStamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDay(now).replace(/-/g, '')}-${p(now.getHours())}${p(now.getMinutes())}`;
}
