/** What every slice gets: zustand's set/get plus the store's clock, id maker, undo stack and storage. */
import type { PlanEvent } from '@/domain/model';
import type { LuoshiState } from '@/store/api';
import type { Persistence } from '@/store/persistence';

export type SetState = (partial: Partial<LuoshiState> | ((s: LuoshiState) => Partial<LuoshiState>)) => void;
export type GetState = () => LuoshiState;

export interface UndoEntry {
  /** Chinese, for the toast: what undo will take back. */
  label: string;
  run: () => void;
  /** When set, a toast with an undo button says this (destructive actions and ticks). */
  toast?: string;
}

export interface StoreContext {
  now: () => Date;
  newId: () => string;
  persistence: Persistence;
  /**
   * An event was recorded, or replaced by its signed copy: `events` (with it) is about to be set;
   * the log writes the event now.
   */
  recorded: (events: readonly PlanEvent[], e: PlanEvent) => void;
  /** Pushes an undoable step (newest last; the oldest fall off after 50). */
  pushUndo: (entry: UndoEntry) => void;
  /** True while an undo runs: its own changes must not become new undo steps. */
  undoing: () => boolean;
  /** Set by the signing slice: signs an event just written (a no-op without a keyring). */
  signLater: (e: PlanEvent) => void;
  /** Set by the signing slice: the identity changed, make its key if it has none. */
  identityTaken: () => void;
}
