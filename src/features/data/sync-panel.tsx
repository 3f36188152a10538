/**
 * 同步: connect this browser to the plan's CouchDB database (address, account, password → a
 * session cookie; the password is never stored), see the status, the records the server refused
 * and why, decide a plan conflict (office), log out or switch sync off. The sync code itself is
 * loaded only when this panel connects, or at start when sync was on.
 */
import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { Field } from '@/components/field';
import { SyncStatusLine } from '@/components/sync-status';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.data.sync;
const loadSync = () => import('@/sync/run');

export function SyncPanel() {
  const sync = useLuoshi((st) => st.sync);
  const identity = useLuoshi((st) => st.identity);
  const notify = useLuoshi((st) => st.notify);
  const [dbUrl, setDbUrl] = useState(sync.dbUrl ?? '');
  const [account, setAccount] = useState(sync.account ?? '');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  const on = sync.phase !== 'off';
  const needsLogin = sync.phase === 'login';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const m = await loadSync();
      await m.connect(needsLogin && sync.dbUrl ? sync.dbUrl : dbUrl, needsLogin && sync.account ? sync.account : account, password);
      setPassword('');
      notify('success', s.connected(needsLogin && sync.account ? sync.account : account));
    } catch (err) {
      setError(s.connectFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(false);
    }
  };

  const who = identity.kind === 'office' ? t.app.identityOffice : identity.name;
  const conflictWhat = sync.conflict?.kind === 'registry' ? s.conflictRegistry : s.conflictPlan;

  return (
    <section className="card data-card sync-panel" aria-labelledby="data-sync-h">
      <h2 id="data-sync-h">{s.heading}</h2>
      {on ? (
        <>
          <p className="sync-panel__status">
            <SyncStatusLine status={sync} />
          </p>
          <dl className="sync-panel__facts">
            <dt>{s.dbUrl}</dt>
            <dd>{sync.dbUrl}</dd>
            <dt>{s.account}</dt>
            <dd>{s.accountValue(sync.account ?? '', who)}</dd>
            {sync.lastSyncedAt ? (
              <>
                <dt>{s.lastSynced}</dt>
                <dd>{new Date(sync.lastSyncedAt).toLocaleString('zh-CN')}</dd>
              </>
            ) : null}
          </dl>
          <p className="field__hint">{s.identityFromLogin}</p>
        </>
      ) : (
        <p>{s.intro}</p>
      )}

      {sync.conflict ? (
        <div className="sync-panel__conflict" role="alert">
          <h3>{s.conflictHeading(conflictWhat)}</h3>
          <p>{s.conflictBody(conflictWhat, sync.conflict.by, sync.conflict.at ? new Date(sync.conflict.at).toLocaleString('zh-CN') : '')}</p>
          <div className="btn-row">
            <button type="button" className="btn" onClick={() => void loadSync().then((m) => m.resolveConflict('theirs'))}>
              {s.keepTheirs}
            </button>
            <button type="button" className="btn btn--primary" onClick={() => void loadSync().then((m) => m.resolveConflict('mine'))}>
              {s.keepMine}
            </button>
          </div>
        </div>
      ) : null}

      {sync.refused.length ? (
        <div className="sync-panel__refused">
          <h3>{s.refusedHeading(sync.refused.length)}</h3>
          <p>{s.refusedHint}</p>
          <ul>
            {sync.refused.slice(0, 50).map((r) => (
              <li key={r.id}>
                <strong>{r.label}</strong>：{r.reason}
              </li>
            ))}
          </ul>
          <button
            type="button"
            className="btn"
            onClick={() =>
              void loadSync().then((m) => {
                const n = m.withdrawRefused();
                if (n) notify('success', s.withdrawn(n));
              })
            }
          >
            {s.withdraw}
          </button>
        </div>
      ) : null}

      {!on || needsLogin ? (
        <form className="sync-panel__form" onSubmit={(e) => void submit(e)}>
          {!on ? (
            <>
              <Field label={s.dbUrl} hint={s.dbUrlHint} required>
                {(c) => <input {...c} type="url" inputMode="url" autoComplete="url" value={dbUrl} onChange={(e) => setDbUrl(e.target.value)} placeholder="https://" />}
              </Field>
              <Field label={s.account} required>
                {(c) => <input {...c} type="text" autoComplete="username" autoCapitalize="off" spellCheck={false} value={account} onChange={(e) => setAccount(e.target.value)} />}
              </Field>
            </>
          ) : null}
          <Field label={s.password} hint={s.passwordHint} error={error} required>
            {(c) => <input {...c} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />}
          </Field>
          {!on ? <p className="field__hint">{s.replacesPlan}</p> : null}
          <button type="submit" className="btn btn--primary" disabled={busy || !password || (!on && (!dbUrl.trim() || !account.trim()))}>
            {busy ? s.connecting : needsLogin ? s.relogin : s.connect}
          </button>
        </form>
      ) : null}

      {on ? (
        <div className="btn-row sync-panel__actions">
          {!needsLogin ? (
            <button type="button" className="btn" onClick={() => void loadSync().then((m) => m.logout())}>
              {s.logout}
            </button>
          ) : null}
          <button type="button" className="btn btn--danger" onClick={() => setConfirmOff(true)}>
            {s.disconnect}
          </button>
        </div>
      ) : null}
      <ConfirmDialog
        open={confirmOff}
        title={s.disconnectTitle}
        confirmLabel={s.disconnectConfirm}
        danger
        onConfirm={() => {
          setConfirmOff(false);
          void loadSync().then((m) => m.disconnect());
        }}
        onCancel={() => setConfirmOff(false)}
      >
        <p>{s.disconnectBody(sync.pending)}</p>
      </ConfirmDialog>
    </section>
  );
}
