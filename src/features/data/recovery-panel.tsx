/**
 * 数据恢复: shown when stored data could not be read as it was, and for as long as any untouched
 * original is kept (one copy per distinct damaged text, also after later clean starts). Each can
 * be downloaded, and discarded only after the user confirms (never removed automatically).
 */
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { downloadText } from '@/components/download';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { formatBytes } from '@/lib/format';

const s = t.data;

export function RecoveryPanel() {
  const recovery = useLuoshi((st) => st.storage.recovery);
  const usedBytes = useLuoshi((st) => st.storage.usedBytes);
  const listRecoveries = useLuoshi((st) => st.listRecoveries);
  const downloadRecovery = useLuoshi((st) => st.downloadRecovery);
  const downloadRecoveryCopy = useLuoshi((st) => st.downloadRecoveryCopy);
  const discardRecovery = useLuoshi((st) => st.discardRecovery);
  const discardRecoveryCopy = useLuoshi((st) => st.discardRecoveryCopy);
  const notify = useLuoshi((st) => st.notify);
  const [version, setVersion] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- re-read when storage changed
  const copies = useMemo(() => listRecoveries(), [listRecoveries, usedBytes, recovery, version]);
  // The banner's own copy is offered by the buttons above the list.
  const others = copies.filter((c) => c.key !== recovery?.backupKey);
  const [confirm, setConfirm] = useState<string | null>(null);
  const [downloaded, setDownloaded] = useState<Set<string>>(() => new Set());
  if (!recovery && others.length === 0) return null;

  const download = (key: string | null) => {
    const file = key === null ? downloadRecovery() : downloadRecoveryCopy(key);
    if (!file) return notify('error', s.recoveryMissing);
    downloadText(file.fileName, file.text, file.mime);
    setDownloaded((d) => new Set(d).add(key ?? ''));
  };
  const current = confirm === '' ? '' : confirm;

  return (
    <section className="card data-card data-card--alert" aria-labelledby="data-recovery-h" id="recovery">
      <h2 id="data-recovery-h">{s.recoveryHeading}</h2>
      {recovery ? (
        <>
          <p>{recovery.message}</p>
          <p className="muted small">{s.recoveryCounts(recovery.restoredItems, recovery.setAsideItems)}</p>
          <div className="btn-row">
            <button type="button" className="btn btn--primary" onClick={() => download(null)}>
              {s.recoveryDownload}
            </button>
            <button type="button" className="btn btn--danger" onClick={() => setConfirm('')}>
              {s.recoveryDiscard}
            </button>
          </div>
        </>
      ) : null}
      {others.length ? (
        <>
          <h3 className="data-subhead">{s.recoveryCopiesCaption}</h3>
          <ul className="data-recovery-list">
            {others.map((c) => {
              const label = s.recoveryCopyRow(formatDateTime(c.savedAt), formatBytes(c.bytes));
              return (
                <li key={c.key}>
                  <p>
                    <strong>{label}</strong> {c.message}
                  </p>
                  <div className="btn-row">
                    <button type="button" className="btn btn--small" onClick={() => download(c.key)}>
                      {s.recoveryDownload}
                      <span className="visually-hidden">：{label}</span>
                    </button>
                    <button type="button" className="btn btn--small btn--danger" onClick={() => setConfirm(c.key)}>
                      {s.recoveryDiscard}
                      <span className="visually-hidden">：{label}</span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title={s.recoveryDiscardTitle}
        confirmLabel={s.recoveryDiscardConfirm}
        danger
        onConfirm={() => {
          if (current === '') discardRecovery();
          else if (current) discardRecoveryCopy(current);
          setConfirm(null);
          setVersion((v) => v + 1);
          notify('success', s.recoveryDiscarded);
        }}
        onCancel={() => setConfirm(null)}
      >
        <p>{s.recoveryDiscardBody}</p>
        {confirm !== null && !downloaded.has(confirm) ? <p className="field__error">{s.recoveryNotDownloaded}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
