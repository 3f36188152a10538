/**
 * The sync slice: what the screens show of live sync (set by src/sync/, loaded only when sync is
 * on), and the one door through which the server's data comes into the store. Nothing here is
 * persisted: the sync engine keeps its own settings and queue (src/sync/status.ts, SYNC_KEY).
 */
import { mergeEvents } from '@/domain/merge';
import type { PlanEvent } from '@/domain/model';
import type { LuoshiState, SyncSlice } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { SYNC_OFF } from '@/sync/status';

export function createSyncSlice(set: SetState, get: GetState, ctx: StoreContext): SyncSlice {
  return {
    sync: SYNC_OFF,
    setSyncStatus: (sync) => set({ sync }),
    applyRemote: ({ plan, units, leaders, events }) => {
      const s = get();
      const patch: Partial<LuoshiState> = {};
      let current: readonly PlanEvent[] = s.events;
      if (plan) {
        if (plan.id !== s.plan.id) {
          // The server holds another plan: its records start a new log (the caller kept a copy).
          current = [];
          patch.events = [];
          patch.planSetAt = ctx.now().toISOString();
        }
        patch.plan = plan;
      }
      if (units) patch.units = units;
      if (leaders) patch.leaders = leaders;
      if (events?.length) {
        // Records taken back here (undo of an import) stay out even when the server has them.
        const gone = new Set(s.dropped);
        const incoming = gone.size ? events.filter((e) => !gone.has(e.id)) : events;
        if (incoming.length) patch.events = mergeEvents(current, incoming).events;
      }
      if (Object.keys(patch).length) set(patch);
    },
    withdraw: (ids) => {
      const gone = new Set(ids);
      const s = get();
      // Recorded as taken back, like an undone import: another tab's copy does not return them.
      set({ events: s.events.filter((e) => !gone.has(e.id)), dropped: [...new Set([...s.dropped, ...ids])].sort() });
    },
    keepCopy: (data, reason) => {
      const s = get();
      ctx.persistence.backup({ plan: data.plan, units: data.units, leaders: s.leaders, events: [...data.events], issued: s.issued, identity: s.identity, planSetAt: s.planSetAt, dropped: s.dropped }, reason);
    },
  };
}
