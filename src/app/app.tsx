/** The app: the store wired into the layout, the identity switch, toasts and the routed page. */
import { useCallback } from 'react';
import type { Identity } from '@/domain/model';
import { PENDING_PLAN_ID, useLuoshi } from '@/store/store';
import { navigate, useRoute } from '@/lib/router';
import { Toasts } from '@/components/toasts';
import { Layout } from '@/app/layout';
import { IdentitySwitch } from '@/app/identity-switch';
import { RouteView, findRoute } from '@/app/router';
import { HOME_UNIT } from '@/app/routes';
import { t } from '@/lib/strings';
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
  const canWrite = useLuoshi(selectCanWrite);
  const { path } = useRoute();

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
      identitySwitch={<IdentitySwitch identity={identity} units={units} onChange={changeIdentity} />}
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
      {seeding ? (
        <p className="loading" role="status">
          {t.app.seeding}
        </p>
      ) : (
        <RouteView identity={identity} onSwitchToOffice={toOffice} />
      )}
    </Layout>
  );
}
