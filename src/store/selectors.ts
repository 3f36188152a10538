/**
 * Small selectors for components. Anything that builds a new object goes through a memo keyed on
 * the inputs' identities, so a component re-renders only when what it shows changed.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { TaskState } from '@/domain/events';
import type { IsoDate } from '@/domain/model';
import { selectTaskStates } from '@/store/derived';
import { WARN_RATIO } from '@/store/keys';
import { useLuoshi } from '@/store/store';
import { localDay } from '@/lib/ids';

export { selectTaskStates };

export function useTaskStates(): Map<string, TaskState> {
  return useLuoshi(selectTaskStates);
}

/** The storage meter: used share of the quota and whether to warn (80 %). */
export function useStorageMeter(): { ratio: number; warn: boolean; usedBytes: number; quotaBytes: number } {
  const st = useLuoshi((s) => s.storage);
  return useMemo(() => {
    const ratio = st.quotaBytes > 0 ? st.usedBytes / st.quotaBytes : 0;
    return { ratio, warn: ratio >= WARN_RATIO, usedBytes: st.usedBytes, quotaBytes: st.quotaBytes };
  }, [st]);
}

/** Local calendar day as yyyy-MM-dd. */
export const todayIso = localDay;

/**
 * Today (yyyy-MM-dd, local), updated when the day changes while the page stays open. A clock is
 * read here, at the edge, and passed into the pure domain functions.
 */
const dayListeners = new Set<() => void>();
let currentDay = todayIso();
let timer: ReturnType<typeof setInterval> | null = null;
function subscribeDay(fn: () => void) {
  dayListeners.add(fn);
  if (!timer) {
    timer = setInterval(() => {
      const d = todayIso();
      if (d !== currentDay) {
        currentDay = d;
        dayListeners.forEach((l) => l());
      }
    }, 60_000);
  }
  return () => {
    dayListeners.delete(fn);
    if (!dayListeners.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}
export function useToday(): IsoDate {
  return useSyncExternalStore(subscribeDay, () => currentDay, () => currentDay);
}
