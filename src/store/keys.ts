/** Every localStorage key the app writes. docs/DATA.md describes each. */
/** The working state: plan, units, events, identity, in the persist envelope { state, version }. */
export const MAIN_KEY = 'luoshi:data';
/** Untouched copies of storage that could not be read as it was; never overwritten by the app. */
export const RECOVERY_PREFIX = 'luoshi:recovery:';
/** Rolling daily snapshots, one per day (`luoshi:snap:2026-06-15`), the last seven kept. */
export const SNAPSHOT_PREFIX = 'luoshi:snap:';
/** Automatic backups taken before a plan is replaced, restored or imported over. */
export const BACKUP_PREFIX = 'luoshi:backup:';
/** The trust store: which public key speaks for the office and for each unit (src/domain/signing/). */
export const TRUST_KEY = 'luoshi:trust';

export const SNAPSHOT_DAYS = 7;
export const MAX_BACKUPS = 5;
/**
 * What Chromium and Firefox give one origin's localStorage: 5,242,880 UTF-16 code units, keys
 * included (measured in Chromium by tests/browser/storage-limits.test.ts), i.e. 10 MiB counted
 * as the bytes of those code units, the unit `storedBytes` uses.
 */
export const LOCAL_STORAGE_CHARS = 5 * 1024 * 1024;
export const DEFAULT_QUOTA_BYTES = LOCAL_STORAGE_CHARS * 2;
/** Prefix of the event log's keys where it lives in localStorage (no IndexedDB). */
export const LOG_PREFIX = 'luoshi:log:';
export const WARN_RATIO = 0.8;

/** Browsers count localStorage in UTF-16 code units: two bytes a character, key included. */
export function storedBytes(key: string, value: string): number {
  return (key.length + value.length) * 2;
}
