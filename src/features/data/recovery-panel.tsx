/**
 * 数据恢复: shown when stored data could not be read as it was. The untouched original can be
 * downloaded, and discarded only after the user confirms (it is never removed automatically).
 */
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { downloadText } from '@/components/download';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.data;

export function RecoveryPanel() {
  const recovery = useLuoshi((st) => st.storage.recovery);
  const downloadRecovery = useLuoshi((st) => st.downloadRecovery);
  const discardRecovery = useLuoshi((st) => st.discardRecovery);
  const notify = useLuoshi((st) => st.notify);
  const [confirm, setConfirm] = useState(false);
  const [downloaded, setDownloaded] = useState(false);
  if (!recovery) return null;
  return (
    <section className="card data-card data-card--alert" aria-labelledby="data-recovery-h" id="recovery">
      <h2 id="data-recovery-h">{s.recoveryHeading}</h2>
      <p>{recovery.message}</p>
      <p className="muted small">{s.recoveryCounts(recovery.restoredItems, recovery.setAsideItems)}</p>
      <div className="btn-row">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => {
            const file = downloadRecovery();
            if (!file) return notify('error', s.recoveryMissing);
            downloadText(file.fileName, file.text, file.mime);
            setDownloaded(true);
          }}
        >
          {s.recoveryDownload}
        </button>
        <button type="button" className="btn btn--danger" onClick={() => setConfirm(true)}>
          {s.recoveryDiscard}
        </button>
      </div>
      <ConfirmDialog
        open={confirm}
        title={s.recoveryDiscardTitle}
        confirmLabel={s.recoveryDiscardConfirm}
        danger
        onConfirm={() => {
          discardRecovery();
          setConfirm(false);
          notify('success', s.recoveryDiscarded);
        }}
        onCancel={() => setConfirm(false)}
      >
        <p>{s.recoveryDiscardBody}</p>
        {!downloaded ? <p className="field__error">{s.recoveryNotDownloaded}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
