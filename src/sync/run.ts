/**
 * The app's side of sync: one engine for this browser, over the app's store. Loaded with a
 * dynamic import only when sync is on (the app finds SYNC_KEY at start, or the user connects on
 * 数据与备份), so a browser that runs alone never downloads it.
 *
 * Two windows of one browser share one queue and one session: a Web Lock lets one of them run
 * the engine; the other shows that and takes the records through the store's own tab merge.
 */
import { luoshiStore } from '@/store/store';
import { readSaved, SyncEngine, type SyncHost } from '@/sync/engine';
import { SYNC_KEY, SYNC_OFF, type SyncStatus } from '@/sync/status';

let engine: SyncEngine | null = null;
let releaseLock: (() => void) | null = null;
let onlineListener: (() => void) | null = null;

function host(): SyncHost {
  const st = luoshiStore;
  return {
    read: () => {
      const s = st.getState();
      return { plan: s.plan, units: s.units, leaders: s.leaders, events: s.events, dropped: s.dropped };
    },
    subscribe: (fn) =>
      st.subscribe((s, prev) => {
        if (s.events !== prev.events || s.plan !== prev.plan || s.units !== prev.units || s.leaders !== prev.leaders) fn();
      }),
    apply: (patch) => st.getState().applyRemote(patch),
    setIdentity: (identity) => st.getState().setIdentity(identity),
    setStatus: (status) => st.getState().setSyncStatus(status),
    keepCopy: (data, reason) => st.getState().keepCopy(data, reason),
    saved: async () => {
      st.persistence.flush();
      // The records themselves are in the log (IndexedDB), committed a moment after they are set.
      await st.eventsSettled();
    },
    ready: async () => {
      await st.seedReady;
      await st.historyReady();
    },
  };
}

function setStatus(patch: Partial<SyncStatus>) {
  const cur = luoshiStore.getState().sync;
  luoshiStore.getState().setSyncStatus({ ...cur, ...patch });
}

/** Waits for the right to run the engine in this browser (at once, unless another window has it). */
async function acquireLock(): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks || releaseLock) return;
  const take = (ifAvailable: boolean) =>
    new Promise<boolean>((granted) => {
      void locks.request('luoshi-sync', { ifAvailable }, (lock) => {
        if (!lock) {
          granted(false);
          return undefined;
        }
        granted(true);
        return new Promise<void>((release) => (releaseLock = release));
      });
    });
  if (await take(true)) return;
  setStatus({ phase: 'other-tab' });
  await take(false);
}

async function startEngine() {
  const saved = readSaved(localStorage);
  if (!saved) return;
  await acquireLock();
  await engine?.stop();
  engine = new SyncEngine(saved, { host: host(), storage: localStorage });
  if (!onlineListener) {
    onlineListener = () => engine?.retryNow();
    window.addEventListener('online', onlineListener);
  }
  await engine.start();
}

/** At start, when sync was on: carry on (or ask for the password again if the session ended). */
export async function resume(): Promise<void> {
  const saved = readSaved(localStorage);
  if (!saved) {
    setStatus(SYNC_OFF);
    return;
  }
  luoshiStore.getState().setIdentity(saved.identity);
  setStatus({ phase: saved.loggedIn ? 'connecting' : 'login', dbUrl: saved.dbUrl, account: saved.account, pending: saved.pending.length });
  if (saved.loggedIn) await startEngine();
}

/** Logs in and starts syncing; throws an Error with a Chinese message when it cannot. */
export async function connect(dbUrl: string, account: string, password: string): Promise<void> {
  await engine?.stop();
  engine = null;
  await SyncEngine.login(dbUrl, account, password, { storage: localStorage });
  await startEngine();
}

/** Ends the session; the settings and the queue stay for the next login. */
export async function logout(): Promise<void> {
  if (engine) await engine.logout();
  else setStatus({ phase: 'login' });
}

/** Switches sync off: the app runs alone again (unsent records stay in this browser's data). */
export async function disconnect(): Promise<void> {
  await engine?.logout().catch(() => undefined);
  engine = null;
  localStorage.removeItem(SYNC_KEY);
  releaseLock?.();
  releaseLock = null;
  setStatus(SYNC_OFF);
}

export async function resolveConflict(choice: 'theirs' | 'mine'): Promise<void> {
  await engine?.resolveConflict(choice);
}

/** Takes the refused records out of this browser's data (they exist nowhere else). */
export function withdrawRefused(): number {
  const ids = engine?.dismissRefused() ?? [];
  if (ids.length) luoshiStore.getState().withdraw(ids);
  return ids.length;
}
