/**
 * The contract between the store (src/store/) and the screens (src/features/).
 * The store implements `LuoshiState`; components read it through small selectors.
 * Data shapes come from the zod model; this file only names the slices and their actions.
 */
import type { ApplyOptions, ImportPreview } from '@/domain/files';
import type {
  Identity,
  OwnerRef,
  Plan,
  PlanEvent,
  Task,
  Unit,
} from '@/domain/model';

/** Event input as a screen supplies it: the store fills id, at and unit (from the identity). */
export type NewEvent = DistributiveOmit<PlanEvent, 'id' | 'at' | 'unit' | 'note'> & { note?: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface PlanSlice {
  plan: Plan;
  units: Unit[];
  /**
   * When this browser took up the current plan (first start, replace, import, restore). Between
   * two tabs holding different plans, the one taken up later wins (the other is kept as a backup).
   */
  planSetAt: string;
  /** Replace the whole plan (after the UI confirmed); a backup of the old one is kept first. */
  replacePlan: (plan: Plan) => void;
  /**
   * Add parsed tasks/targets to the current plan (import "merge" mode). With `sourceText`, the
   * plan's text becomes it (the old text with the new speech appended; spans already shifted).
   */
  addItems: (items: { tasks: Task[]; targets: Plan['targets']; sourceText?: string }) => void;
  updateTask: (id: string, patch: Partial<Omit<Task, 'id'>>) => void;
  setOwners: (id: string, owners: OwnerRef[]) => void;
  addTask: (task: Omit<Task, 'id'> & { id?: string }) => string;
  deleteTask: (id: string) => void;
  /** Split a task's title/quote at a character index into two tasks; returns the new ids. */
  splitTask: (id: string, at: number) => [string, string] | null;
  /** Merge several tasks into the first; their events move to it. */
  mergeTasks: (ids: string[]) => string | null;
  setTargetValue: (targetId: string, value: number | null) => void;
  setTargetActual: (targetId: string, quarter: 1 | 2 | 3 | 4, value: number | null) => void;
  upsertUnit: (unit: Unit) => void;
  removeUnit: (id: string) => void;
}

export interface ProgressSlice {
  /** The append-only log, ordered by (at, id). Never edited in place. */
  events: PlanEvent[];
  /** Append one event written by the current identity; returns it. */
  record: (e: NewEvent) => PlanEvent;
  /**
   * Ids of imported events that undo took back. Kept (and merged between tabs) so that another
   * tab's copy of the log does not bring them back; the events are filtered out of `events`.
   */
  dropped: string[];
}

export type ToastKind = 'info' | 'success' | 'warning' | 'error';
export interface Toast {
  id: string;
  kind: ToastKind;
  message: string;
  /** Present when the action can be undone from the toast. */
  undoable?: boolean;
}

export interface StorageStatus {
  /** Bytes the app's keys take in localStorage. */
  usedBytes: number;
  /** Best estimate of the quota (5 MiB in most browsers). */
  quotaBytes: number;
  /** The last save failed (quota full): changes are only in memory until exported. */
  saveFailed: boolean;
  /** Today's snapshot did not fit beside the live data: there is no local daily copy. */
  snapshotNoRoom: boolean;
  /** Set when stored data was unreadable or partly restored at start. Chinese, for the user. */
  recovery: null | {
    message: string;
    /** localStorage key of the untouched original text, downloadable from the data page. */
    backupKey: string;
    restoredItems: number;
    setAsideItems: number;
  };
}

export interface UiSlice {
  identity: Identity;
  setIdentity: (identity: Identity) => void;
  toasts: Toast[];
  notify: (kind: ToastKind, message: string) => void;
  dismissToast: (id: string) => void;
  /** Undo the last undoable action (tick, delete, replace, merge, import…). */
  undo: () => void;
  canUndo: boolean;
  storage: StorageStatus;
}

/** A snapshot or automatic backup kept in localStorage. */
export interface SavedCopy {
  key: string;
  /** Snapshot: the day (yyyy-MM-dd). Backup: the ISO time it was taken. */
  at: string;
  /** Chinese: why it was taken (每日快照, 替换计划前的自动备份…). */
  reason: string;
  bytes: number;
  tasks: number;
  events: number;
  planTitle: string;
}

/** A file for the UI to offer as a download (the store never touches the DOM). */
export interface DownloadFile {
  fileName: string;
  mime: string;
  text: string;
}

/** Local safety copies: daily snapshots, automatic backups, recovery copies. */
export interface DataSlice {
  /** Daily snapshots, newest first (one a day, the last 7 days). */
  listSnapshots: () => SavedCopy[];
  /** Automatic backups (taken before a plan is replaced, restored or imported over), newest first. */
  listBackups: () => SavedCopy[];
  /** Puts a snapshot or backup back (after a backup of the current data); undoable. */
  restoreCopy: (key: string) => boolean;
  /** Same as restoreCopy, under the name the brief uses for snapshots. */
  restoreSnapshot: (key: string) => boolean;
  deleteCopy: (key: string) => void;
  /** The untouched original behind storage.recovery, as a file; null when there is none. */
  downloadRecovery: () => DownloadFile | null;
  /** The user decided: remove the recovery copy and clear the banner. */
  discardRecovery: () => void;

  // Files between offices (formats in docs/DATA.md). Exports are async for the SHA-256 checksum.
  /** Office → departments: plan, units and the office's own events. */
  exportPlanPackage: () => Promise<DownloadFile>;
  /** Department → office: the events the current unit wrote for this plan. */
  exportProgressReport: () => Promise<DownloadFile>;
  /** Everything (plan, units, events, identity), for a full restore. */
  exportBackup: () => Promise<DownloadFile>;
  /** The three lists as CSV (UTF-8 with BOM, formula-safe). */
  exportCsv: () => DownloadFile;
  /** Reads a file and says what importing it would do; changes nothing. */
  previewImport: (fileText: string) => Promise<ImportPreview>;
  /**
   * Applies a preview; undoable. A preview that replaces the plan, restores a backup or removes
   * tasks (`needsConfirmation(preview)`) is applied only with `{ confirmed: true }`, given after a
   * dialog that names what goes, and only after the current data was backed up.
   * Returns false when nothing changed.
   */
  applyImport: (preview: ImportPreview, options?: ApplyOptions) => boolean;
}

export type LuoshiState = PlanSlice & ProgressSlice & UiSlice & DataSlice;
