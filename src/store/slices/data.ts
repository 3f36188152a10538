/**
 * The data slice: local safety copies (daily snapshots, automatic backups, the recovery copy).
 * Restoring a copy first backs up what is there now and can be undone, like any destructive action.
 */
import type { DataSlice, DownloadFile, SavedCopy } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';

export function createDataSlice(set: SetState, get: GetState, ctx: StoreContext): DataSlice {
  const p = ctx.persistence;
  const current = () => {
    const s = get();
    return { plan: s.plan, units: s.units, events: s.events, identity: s.identity, dropped: s.dropped };
  };

  const restoreCopy = (key: string): boolean => {
    const copy = p.readCopy(key);
    if (!copy || !copy.plan) {
      get().notify('error', '这份副本无法读取，当前数据未改动。');
      return false;
    }
    const before = current();
    p.backup(before, '恢复副本前的自动备份');
    set({ plan: copy.plan, units: copy.units ?? before.units, events: copy.events, dropped: copy.dropped });
    ctx.pushUndo({
      label: '恢复副本',
      toast: `已恢复到 ${copy.reason}`,
      run: () => set({ plan: before.plan, units: before.units, events: before.events, dropped: before.dropped }),
    });
    return true;
  };

  return {
    listSnapshots: (): SavedCopy[] => p.listSnapshots(),
    listBackups: (): SavedCopy[] => p.listBackups(),
    restoreCopy,
    restoreSnapshot: restoreCopy,
    deleteCopy: (key) => p.deleteCopy(key),
    downloadRecovery: (): DownloadFile | null => {
      const rec = get().storage.recovery;
      if (!rec) return null;
      const got = p.readRecovery(rec.backupKey);
      // No copy could be made (quota): the original is still the main key itself.
      const original = got?.original ?? p.backend.getItem(rec.backupKey);
      if (original === null) return null;
      const text = JSON.stringify(
        { kind: 'luoshi/recovery', savedAt: got?.info.savedAt ?? ctx.now().toISOString(), message: rec.message, setAside: got?.info.setAside ?? [], original },
        null,
        1,
      );
      return { fileName: `落实-原始数据-${(got?.info.savedAt ?? ctx.now().toISOString()).replace(/[:.]/g, '-')}.json`, mime: 'application/json', text };
    },
    discardRecovery: () => {
      const rec = get().storage.recovery;
      if (rec && rec.backupKey.startsWith('luoshi:recovery:')) p.discardRecovery(rec.backupKey);
      else p.protectMain = false;
      set((s) => ({ storage: { ...s.storage, recovery: null } }));
      // The live data may be written again now: save it.
      set({ plan: { ...get().plan } });
    },
  };
}
