/** The app: the store wired into the layout, the identity switch, toasts and the routed page. */
import { useCallback, useEffect } from 'react';
import type { Identity } from '@/domain/model';
import { PENDING_PLAN_ID, useLuoshi } from '@/store/store';
import { navigate, useRoute } from '@/lib/router';
import { Toasts } from '@/components/toasts';
import { Layout } from '@/app/layout';
import { IdentitySwitch } from '@/app/identity-switch';
import { SyncIdentity, syncWasOn } from '@/app/sync-identity';
import { SYNC_KEY, SYNC_OFF } from '@/sync/status';
import { RouteView, findRoute } from '@/app/router';
import { HOME_UNIT } from '@/app/routes';
import { shell as t } from '@/lib/strings-shell';
import { selectCanWrite } from '@/store/slices/signing';
import { writerName } from '@/store/slices/progress';

export function App() {
  const identity = useLuoshi((s) => s.identity);
  const units = useLuoshi((s) => s.units);
  const setIdentity = useLuoshi((s) => s.setIdentity);
  const storage = useLuoshi((s) => s.storage);
  const toasts = useLuoshi((s) => s.toasts);
  const dismissToast = useLuoshi((s) => s.dismissToast);
  const undo = useLuoshi((s) => s.undo);
  const seeding = useLuoshi((s) => s.plan.id === PENDING_PLAN_ID);
  // The frame and the plan are drawn from the working state at once; the screens, whose figures
  // need every event, wait the moment it takes to read the history.
  const loadingHistory = useLuoshi((s) => !s.storage.historyLoaded);
  const sync = useLuoshi((s) => s.sync);
  const canWrite = useLuoshi(selectCanWrite);
  const { path } = useRoute();

  // Sync was on in this browser: load it (its own chunk) and carry on. The picker is hidden at
  // once, before the chunk arrives, since the login decides the identity.
  useEffect(() => {
    if (!syncWasOn(SYNC_KEY)) return;
    useLuoshi.getState().setSyncStatus({ ...SYNC_OFF, phase: 'connecting' });
    void import('@/sync/run').then((m) => m.resume());
  }, []);
  const synced = sync.phase !== 'off';

  const changeIdentity = useCallback(
    (next: Identity) => {
      setIdentity(next);
      // A unit lands on its own tasks when it leaves a page meant for the office.
      if (next.kind === 'unit' && findRoute(path)?.officeOnly) navigate(HOME_UNIT);
    },
    [setIdentity, path],
  );
  const toOffice = useCallback(() => setIdentity({ kind: 'office' }), [setIdentity]);

  return (
    <Layout
      identity={identity}
      storage={storage}
      identitySwitch={synced ? <SyncIdentity identity={identity} sync={sync} /> : <IdentitySwitch identity={identity} units={units} onChange={changeIdentity} />}
      footerNote={synced ? t.data.sync.footer(sync.account ?? '') : t.app.noLogin}
      toasts={<Toasts toasts={toasts} onDismiss={dismissToast} onUndo={undo} />}
    >
      {canWrite ? null : (
        <div className="banner banner--warning" role="status">
          <p>
            <strong>{t.signing.readOnlyTitle(writerName(identity))}</strong>
          </p>
          <p>{t.signing.readOnlyBody(writerName(identity))}</p>
        </div>
      )}
      {seeding || loadingHistory ? (
        <p className="loading" role="status">
          {seeding ? t.app.seeding : t.app.historyLoading}
        </p>
      ) : (
        <RouteView identity={identity} onSwitchToOffice={synced ? undefined : toOffice} />
      )}
    </Layout>
  );
}
