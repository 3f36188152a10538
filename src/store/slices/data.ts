/**
 * The data slice: local safety copies (daily snapshots, automatic backups, the recovery copy).
 * Restoring a copy first backs up what is there now and can be undone, like any destructive action.
 */
import type { FileSigning } from '@/domain/files';
import { applyImport, needsConfirmation as needsConfirmationOf } from '@/domain/imports/apply';
import { fileStamp } from '@/lib/ids';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import type { DataSlice, DownloadFile, SavedCopy } from '@/store/api';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { writerName } from '@/store/slices/progress';
import { laterIso } from '@/store/slices/plan';
import { selectTaskStates } from '@/store/derived';
import { mergeArchives } from '@/domain/bulletin/archive';
import { mergeEvents } from '@/domain/merge';

/** The file builders, the checksum and the CSV: loaded when a file is first made, not at start. */
const files = () => import('@/domain/files');

export function createDataSlice(set: SetState, get: GetState, ctx: StoreContext): DataSlice {
  const p = ctx.persistence;
  const current = () => {
    const s = get();
    return { plan: s.plan, units: s.units, leaders: s.leaders, events: s.events, issued: s.issued, identity: s.identity, planSetAt: s.planSetAt, dropped: s.dropped };
  };

  /**
   * A file this browser sends, signed by its own key for `author`. Records the author wrote here
   * before signing existed are signed now: they are this browser's own, and unsigned they would be
   * refused wherever the author's key is already pinned.
   */
  const exportSigned = async (author: string, build: (signing: FileSigning | undefined) => Promise<DownloadFile>): Promise<DownloadFile> => {
    const s = get();
    if (!s.signing.enabled) return build(undefined);
    const signing = await s.signingFor(author);
    if (!signing) throw new Error(s.signing.error ?? `本浏览器没有${author}的签名密钥，不能以它的名义导出文件。`);
    const planId = get().plan.id;
    const unsigned = get().events.filter((e) => e.unit === author && !e.sig);
    if (unsigned.length) {
      const { signEvent } = await import('@/domain/signing/signing');
      const signed = new Map<PlanEvent, PlanEvent>();
      for (const e of unsigned) signed.set(e, await signEvent(e, planId, signing.signer));
      set((st) => ({ events: st.events.map((e) => signed.get(e) ?? e) }));
    }
    const file = await build(signing);
    await get().markKeySent(author);
    return file;
  };

  const restoreCopy = (key: string): boolean => {
    const copy = p.readCopy(key);
    if (!copy || !copy.plan) {
      get().notify('error', '这份副本无法读取，当前数据未改动。');
      return false;
    }
    const before = current();
    p.backup(before, '恢复副本前的自动备份');
    // The log only grows: a copy of this plan keeps every event recorded since it was taken (they
    // may have left this browser already); a copy of another plan brings that plan's log back.
    const events = copy.plan.id === before.plan.id ? mergeEvents(before.events, copy.events).events : copy.events;
    // A restore is a new local edit: stamped now, so another tab's older copy does not win it back.
    set({
      plan: { ...copy.plan, updatedAt: laterIso(ctx.now(), before.plan.updatedAt) },
      units: copy.units ?? before.units,
      leaders: copy.leaders ?? before.leaders,
      events,
      // Issued bulletins were sent out: an older copy never takes one back.
      issued: mergeArchives(before.issued, copy.issued),
      dropped: copy.dropped,
      planSetAt: ctx.now().toISOString(),
    });
    ctx.pushUndo({
      label: '恢复副本',
      toast: `已恢复：${copy.reason}`,
      run: () => set({ ...before, plan: { ...before.plan, updatedAt: laterIso(ctx.now(), get().plan.updatedAt) }, planSetAt: ctx.now().toISOString() }),
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
      return { fileName: `落实-原始数据-${fileStamp(savedAtOr(got?.info.savedAt, ctx.now()))}.json`, mime: 'application/json', text };
    },
    listRecoveries: () =>
      p.listRecoveries().map((r) => ({ key: r.key, savedAt: r.savedAt, message: r.message, setAsideItems: r.setAside.length, bytes: r.bytes })),
    downloadRecoveryCopy: (key) => {
      const got = p.readRecovery(key);
      if (!got) return null;
      const text = JSON.stringify({ kind: 'luoshi/recovery', savedAt: got.info.savedAt, message: got.info.message, setAside: got.info.setAside, original: got.original }, null, 1);
      return { fileName: `落实-原始数据-${fileStamp(savedAtOr(got.info.savedAt, ctx.now()))}.json`, mime: 'application/json', text };
    },
    discardRecoveryCopy: (key) => {
      if (!key.startsWith('luoshi:recovery:')) return;
      p.discardRecovery(key);
      const rec = get().storage.recovery;
      if (rec?.backupKey === key) set((s) => ({ storage: { ...s.storage, recovery: null } }));
      // The live data may be written again now: save it.
      set({ plan: { ...get().plan } });
    },
    refreshStorage: async () => {
      const est = await p.log.kv.estimate?.();
      let persisted = get().storage.persisted;
      try {
        persisted = (await navigator.storage?.persisted?.()) ?? persisted;
      } catch {
        // not offered: stays unknown
      }
      p.measureAll();
      set((s) => ({
        storage: {
          ...s.storage,
          usedBytes: p.usedBytes(),
          persisted,
          log: { kind: p.log.kv.kind, usedBytes: est?.usage ?? null, quotaBytes: est?.quota ?? null, events: s.events.length },
        },
      }));
    },
    discardRecovery: () => {
      const rec = get().storage.recovery;
      if (rec && rec.backupKey.startsWith('luoshi:recovery:')) p.discardRecovery(rec.backupKey);
      else p.protectMain = false;
      set((s) => ({ storage: { ...s.storage, recovery: null } }));
      // The live data may be written again now: save it.
      set({ plan: { ...get().plan } });
    },

    // The package is sent as whoever this browser is (a unit's package is refused at the office).
    exportPlanPackage: () => exportSigned(writerName(get().identity), async (signing) => (await files()).buildPlanPackage(current(), ctx.now(), signing)),
    exportProgressReport: () => {
      const unit = writerName(get().identity);
      return exportSigned(unit, async (signing) => (await files()).buildProgressReport(current(), unit, ctx.now(), signing));
    },
    exportBackup: async (options = {}) => {
      const s = get();
      if (options.keysPassphrase !== undefined && !s.signing.enabled) throw new Error('本浏览器不能签名，没有可备份的密钥');
      const { buildBackup } = await files();
      if (!s.signing.enabled) return buildBackup(current(), writerName(s.identity), ctx.now());
      const author = writerName(s.identity);
      // Signed by this browser's key for the identity in use, when it holds one: restoring it here
      // (or where that key has moved) then needs no record checked again.
      const signing = await s.signingFor(author);
      const st = get();
      const own = Object.entries(st.signing.own).map(([a, key]) => ({ author: a, key }));
      const sealed = options.keysPassphrase !== undefined ? await st.sealOwnKeys(options.keysPassphrase) : undefined;
      return buildBackup(current(), author, ctx.now(), { trust: st.trust, own, signing, ...(sealed ? { sealed } : {}) });
    },
    exportCsv: async (): Promise<DownloadFile> => {
      const { buildCsv } = await files();
      const s = get();
      return { fileName: `落实-三张清单-${fileStamp(ctx.now())}.csv`, mime: 'text/csv;charset=utf-8', text: buildCsv(s.plan, selectTaskStates(s)) };
    },
    previewImport: async (fileText) => {
      // Records written a moment ago carry their signatures before anything is compared with them.
      await get().whenSigned();
      const state = current();
      const s = get();
      // Reading a file needs the whole preview (checks, messages): loaded on the first import, not at start.
      const { previewImport } = await import('@/domain/imports/preview');
      const ownKeyIds = Object.values(s.signing.own).map((k) => k.keyId);
      return previewImport(state, fileText, { now: ctx.now(), ...(s.signing.enabled ? { trust: s.trust, ownKeyIds } : {}) });
    },
    applyImport: (preview, options = {}) => {
      const before = current();
      const { state: next, changed, needsConfirmation } = applyImport(before, preview, options);
      if (needsConfirmation) {
        get().notify('error', preview.removedTasks.length ? `导入后将移除 ${preview.removedTasks.length} 项任务，须先确认，数据未改动。` : '导入将替换当前数据，须先确认，数据未改动。');
        return false;
      }
      if (!changed) {
        get().notify('info', preview.ok ? '文件中没有新内容，数据未改动。' : `未导入：${preview.error ?? ''}`);
        return false;
      }
      const replaces = preview.planAction === 'replace' || preview.planAction === 'restore';
      if (needsConfirmationOf(preview)) {
        const what = preview.planAction === 'restore' ? '导入完整备份前的自动备份' : preview.planAction === 'replace' ? '导入计划包前的自动备份' : `导入计划包前的自动备份（将移除 ${preview.removedTasks.length} 项任务）`;
        // Nothing destructive without a copy to go back to, even after the user confirmed.
        if (!p.backup(before, what)) {
          get().notify('error', '未导入：导入前的自动备份没有保存成功（浏览器存储空间不足），为免丢失数据，当前数据未改动。请先“下载完整备份”，再删除不需要的快照或备份后重试。');
          return false;
        }
      }
      set({
        // A restored backup is a new local edit (stamped, so another tab's copy does not win it back);
        // a plan package keeps the office's own time, so the office's later packages still count as newer.
        plan: preview.planAction === 'restore' ? { ...next.plan, updatedAt: laterIso(ctx.now(), before.plan.updatedAt) } : next.plan,
        units: next.units,
        leaders: next.leaders ?? before.leaders,
        events: next.events,
        issued: next.issued ?? before.issued,
        dropped: next.dropped ?? before.dropped,
        identity: next.identity ?? before.identity,
        ...(replaces ? { planSetAt: ctx.now().toISOString() } : {}),
      });
      const beforeIds = new Set(before.events.map((e) => e.id));
      const added = next.events.filter((e) => !beforeIds.has(e.id)).map((e) => e.id);
      ctx.pushUndo({
        label: '导入',
        toast: preview.removedTasks.length
          ? `已导入 ${preview.sender || OFFICE_NAME} 的文件，移除了 ${preview.removedTasks.length} 项任务（导入前已自动备份）。`
          : `已导入 ${preview.sender || OFFICE_NAME} 的文件：${preview.summary}`,
        run: () => {
          const stamped = { ...before.plan, updatedAt: laterIso(ctx.now(), get().plan.updatedAt) };
          if (replaces) {
            set({ ...before, plan: stamped, planSetAt: ctx.now().toISOString() });
            return;
          }
          // Events that came in are taken back, and remembered as taken back so another tab's
          // copy of the log does not return them; events written since the import stay.
          const gone = new Set(added);
          const s = get();
          set({
            plan: before.plan === s.plan ? s.plan : stamped,
            units: before.units,
            leaders: before.leaders,
            events: s.events.filter((e) => !gone.has(e.id)),
            dropped: [...new Set([...s.dropped, ...added])].sort(),
          });
        },
      });
      return true;
    },
  };
}

/** When a recovery copy was taken (its stored ISO time), or now if that cannot be read. */
function savedAtOr(iso: string | undefined, now: Date): Date {
  const ms = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : now;
}
