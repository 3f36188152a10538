/**
 * What the screens know of sync (the store keeps it in `sync`; the engine in src/sync/engine.ts
 * sets it). Types only: importing them pulls no sync code into the first screen's bundle.
 */
export type SyncPhase =
  /** Sync is not switched on: the app runs alone, as it always could. */
  | 'off'
  | 'connecting'
  | 'syncing'
  | 'synced'
  /** The server cannot be reached: changes wait in the browser. */
  | 'offline'
  /** The session ended (expired, or the password changed): changes wait until the user logs in. */
  | 'login'
  /** Another window of this browser runs the sync; this one follows it through local storage. */
  | 'other-tab'
  | 'error';

export interface SyncRefusal {
  id: string;
  /** The record in words (任务 · 类型). */
  label: string;
  /** Why the server refused it, in Chinese. */
  reason: string;
  /** The rule's code (not-owner, office-only…) or null for another server's refusal. */
  code: string | null;
}

export interface SyncConflict {
  kind: 'plan' | 'registry';
  /** The account that saved the server's version, and when. */
  by: string;
  at: string;
}

export interface SyncStatus {
  phase: SyncPhase;
  dbUrl: string | null;
  account: string | null;
  /** Records written here and not yet on the server. */
  pending: number;
  /** Records the server refused (403), with the reasons; they stay in this browser only. */
  refused: SyncRefusal[];
  /** Another office user saved the plan or registry first: the office decides (nothing is dropped). */
  conflict: SyncConflict | null;
  lastSyncedAt: string | null;
  /** A message for the phases that need one (error, login), in Chinese. */
  message: string | null;
}

export const SYNC_OFF: SyncStatus = { phase: 'off', dbUrl: null, account: null, pending: 0, refused: [], conflict: null, lastSyncedAt: null, message: null };

/** localStorage key of the sync settings and queue (one key, written whole). */
export const SYNC_KEY = 'luoshi:sync';
