/** The ui slice: who is using the browser, toasts, undo, and the storage status for the meter. */
import type { Identity } from '@/domain/model';
import type { StorageStatus, Toast, UiSlice } from '@/store/api';
import { DEFAULT_QUOTA_BYTES } from '@/store/keys';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';

/** At most this many toasts at once: the oldest go first. */
const MAX_TOASTS = 4;

export function createUiSlice(
  set: SetState,
  _get: GetState,
  ctx: StoreContext & { runUndo: () => void },
  initial: { identity: Identity },
): UiSlice {
  const storage: StorageStatus = {
    usedBytes: 0,
    quotaBytes: DEFAULT_QUOTA_BYTES,
    saveFailed: false,
    snapshotNoRoom: false,
    recovery: null,
    historyLoaded: false,
    log: { kind: 'localstorage', usedBytes: null, quotaBytes: null, events: 0 },
    persisted: null,
  };
  return {
    identity: initial.identity,
    setIdentity: (identity) => {
      set({ identity });
      ctx.identityTaken();
    },
    toasts: [],
    notify: (kind, message) => {
      const toast: Toast = { id: ctx.newId(), kind, message };
      set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
    },
    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
    undo: () => ctx.runUndo(),
    canUndo: false,
    storage,
  };
}
