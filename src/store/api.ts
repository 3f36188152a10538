/**
 * The contract between the store (src/store/) and the screens (src/features/).
 * The store implements `LuoshiState`; components read it through small selectors.
 * Data shapes come from the zod model; this file only names the slices and their actions.
 */
import type { ApplyOptions, FileSigning, ImportPreview } from '@/domain/files';
import type { BulletinContent } from '@/domain/bulletin/content';
import type { IssuedBulletin } from '@/domain/bulletin/archive';
import type { Leader } from '@/domain/leaders/leaders';
import type { KeyFile, KeyInfo, TrustStore } from '@/domain/signing/signing';
import type { SyncStatus } from '@/sync/status';
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
  /** Leaders (分管副市长…) and their portfolios: not units, never owners, never ranked. */
  leaders: Leader[];
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
  upsertLeader: (leader: Leader) => void;
  removeLeader: (id: string) => void;
  /** Puts a task in exactly these leaders' portfolios (by leader id), out of the others'. */
  setTaskLeaders: (taskId: string, leaderIds: readonly string[]) => void;
}

export interface ProgressSlice {
  /** The append-only log, ordered by (at, id). Never edited in place. */
  events: PlanEvent[];
  /**
   * Append one event written by the current identity; returns it. Throws (a Chinese message) when
   * the event is not valid or the 督办 cycle does not allow it now (src/domain/cycle/accept-event.ts).
   */
  record: (e: NewEvent) => PlanEvent;
  /** 交办: records the task's 督办单 under the next register number of the current year. */
  assignTask: (taskId: string, replyBy: string | null, requirement: string) => PlanEvent;
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
  /** Bytes every key of this origin takes in localStorage (UTF-16: two bytes a character, key included). */
  usedBytes: number;
  /** localStorage's limit in the same unit: 5,242,880 characters, i.e. 10 MiB (Chromium, Firefox). */
  quotaBytes: number;
  /** The current plan's history is read from the log (the screens wait for it). */
  historyLoaded: boolean;
  /** The event log's store: IndexedDB, or localStorage where there is none. */
  log: {
    kind: 'indexeddb' | 'localstorage';
    /** What the browser reports for this origin's IndexedDB and caches (null: not known). */
    usedBytes: number | null;
    quotaBytes: number | null;
    events: number;
  };
  /** navigator.storage.persist() was granted (null: not asked or not offered). */
  persisted: boolean | null;
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
  /** The copy could not be read (it is listed so the user can see it and delete it). */
  damaged?: boolean;
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
  /** Every recovery copy still kept (one per distinct damaged text), oldest first, until the user decides. */
  listRecoveries: () => Array<{ key: string; savedAt: string; message: string; setAsideItems: number; bytes: number }>;
  /** One recovery copy as a file (the untouched original and what was set aside). */
  downloadRecoveryCopy: (key: string) => DownloadFile | null;
  /** The user decided: remove one recovery copy. */
  discardRecoveryCopy: (key: string) => void;
  /** Asks the browser again for the sizes of both stores (the meter on 数据与备份). */
  refreshStorage: () => Promise<void>;
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
  /**
   * The full backup. With `keysPassphrase` (a full backup with keys, asked for on purpose behind
   * a confirmation) it also carries this browser's private keys, sealed under that passphrase.
   */
  exportBackup: (options?: { keysPassphrase?: string }) => Promise<DownloadFile>;
  /** The three lists as CSV (UTF-8 with BOM, formula-safe). */
  exportCsv: () => Promise<DownloadFile>;
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

/** Issued 通报: the frozen archive (src/domain/bulletin/archive.ts). */
export interface BulletinSlice {
  issued: IssuedBulletin[];
  /** Freezes a draft under the next 期号 of its year; returns the issued bulletin. */
  issueBulletin: (content: BulletinContent) => IssuedBulletin;
}

/** Live sync through a CouchDB server (off unless switched on; the engine lives in src/sync/). */
export interface SyncSlice {
  sync: SyncStatus;
  setSyncStatus: (status: SyncStatus) => void;
  /** The server's data in: records merged by id (undone ids stay out), plan, units and leaders replaced. */
  applyRemote: (patch: { plan?: Plan; units?: Unit[]; leaders?: Leader[]; events?: readonly PlanEvent[] }) => void;
  /** Takes records out of this browser (ones the server refused and that exist nowhere else). */
  withdraw: (ids: readonly string[]) => void;
  /** Keeps local data the server's version replaces as an automatic backup (数据与备份). */
  keepCopy: (data: { plan: Plan; units: Unit[]; events: readonly PlanEvent[] }, reason: string) => void;
}

export interface SigningStatus {
  /** False in stores made without a keyring (tests): nothing is signed and anyone may write. */
  enabled: boolean;
  /** The keyring has been read: `own` is complete. */
  ready: boolean;
  /** False when keys cannot outlive the page (IndexedDB blocked, as in some private windows). */
  persistent: boolean;
  /** This browser's own public keys, by author (市政府办公室 or a unit's name). */
  own: Record<string, KeyInfo>;
  /** Why signing failed here (Chinese), else null. */
  error: string | null;
}

/** Signatures (docs/DATA.md, Trust model). */
export interface SigningSlice {
  /** Pinned keys, kept in localStorage (`luoshi:trust`). */
  trust: TrustStore;
  signing: SigningStatus;
  /** Settles when every event written so far carries its signature. */
  whenSigned: () => Promise<void>;
  /** Re-reads the trust store (another tab pinned a key). */
  reloadTrust: () => void;
  /** Pins a key on first use, after the user compared its fingerprint. */
  pinKey: (author: string, key: KeyInfo) => Promise<void>;
  /** Replaces a pinned key on purpose (the other side moved to a new computer). */
  repinKey: (author: string, key: KeyInfo) => Promise<void>;
  /** This browser's key for an author, to sign a file; null without a keyring or when the browser may not write as it. */
  signingFor: (author: string) => Promise<FileSigning | null>;
  /** The own key of an author has left in a file. */
  markKeySent: (author: string) => Promise<void>;
  /** The private key sealed under a passphrase, to move to a new computer. */
  exportSigningKey: (author: string, passphrase: string) => Promise<DownloadFile>;
  /** Every own key of this browser sealed under one passphrase (for a full backup with keys). */
  sealOwnKeys: (passphrase: string) => Promise<KeyFile[]>;
  importSigningKey: (text: string, passphrase: string) => Promise<{ ok: true; author: string; fingerprint: string } | { ok: false; error: string }>;
}

export type LuoshiState = PlanSlice & ProgressSlice & UiSlice & DataSlice & BulletinSlice & SigningSlice & SyncSlice;
