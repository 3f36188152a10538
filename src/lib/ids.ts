/**
 * Small helpers shared by the store and the screens: a prefixed random id, and the local calendar
 * day. Kept apart from format.ts so the store does not pull date-fns' locale into the first bundle.
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
