/**
 * 快照与备份: the daily snapshots (last seven days) and the automatic backups taken before a
 * plan was replaced, restored or imported over. Restoring one backs up the current data first
 * and can be undone.
 */
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { SavedCopy } from '@/store/api';
import { formatDate, formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { formatBytes } from '@/lib/format';

const s = t.data;

export function CopiesPanel() {
  const listSnapshots = useLuoshi((st) => st.listSnapshots);
  const listBackups = useLuoshi((st) => st.listBackups);
  const restoreCopy = useLuoshi((st) => st.restoreCopy);
  const deleteCopy = useLuoshi((st) => st.deleteCopy);
  const notify = useLuoshi((st) => st.notify);
  // Storage usage changes whenever a copy is written; re-list then (reading copies parses JSON,
  // so not on every render).
  const usedBytes = useLuoshi((st) => st.storage.usedBytes);
  const snapshotNoRoom = useLuoshi((st) => st.storage.snapshotNoRoom);
  const planStamp = useLuoshi((st) => st.plan.updatedAt);
  const [version, setVersion] = useState(0);
  const copies = useMemo(
    () => ({ snapshots: listSnapshots(), backups: listBackups() }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- re-read when storage changed
    [listSnapshots, listBackups, usedBytes, planStamp, version],
  );
  const [pending, setPending] = useState<{ copy: SavedCopy; action: 'restore' | 'delete' } | null>(null);

  const confirm = () => {
    if (!pending) return;
    if (pending.action === 'restore') {
      if (restoreCopy(pending.copy.key)) notify('success', s.copyRestored(pending.copy.reason));
    } else {
      deleteCopy(pending.copy.key);
      notify('success', s.copyDeleted);
    }
    setPending(null);
    setVersion((v) => v + 1);
  };

  return (
    <section className="card data-card" aria-labelledby="data-copies-h">
      <h2 id="data-copies-h">{s.copiesHeading}</h2>
      <p className="muted small">{s.copiesHint}</p>
      <CopyTable caption={s.snapshotsCaption} copies={copies.snapshots} kind="snapshot" onAction={(copy, action) => setPending({ copy, action })} />
      {snapshotNoRoom ? (
        <div className="banner banner--warning" role="status">
          <p>{s.snapshotNoRoom}</p>
        </div>
      ) : null}
      <CopyTable caption={s.backupsCaption} copies={copies.backups} kind="backup" onAction={(copy, action) => setPending({ copy, action })} />
      <ConfirmDialog
        open={pending !== null}
        title={pending?.action === 'restore' ? s.restoreCopyTitle : s.deleteCopyTitle}
        confirmLabel={pending?.action === 'restore' ? s.restoreCopyConfirm : t.common.delete}
        danger
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending ? <p>{pending.action === 'restore' ? s.restoreCopyBody(pending.copy.reason) : s.deleteCopyBody(pending.copy.reason)}</p> : null}
      </ConfirmDialog>
    </section>
  );
}

function CopyTable({
  caption,
  copies,
  kind,
  onAction,
}: {
  caption: string;
  copies: SavedCopy[];
  kind: 'snapshot' | 'backup';
  onAction: (copy: SavedCopy, action: 'restore' | 'delete') => void;
}) {
  if (copies.length === 0) {
    return (
      <>
        <h3 className="data-subhead">{caption}</h3>
        <p className="muted">{kind === 'snapshot' ? s.noSnapshots : s.noBackups}</p>
      </>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{kind === 'snapshot' ? s.colDay : s.colTime}</th>
            <th scope="col">{s.colReason}</th>
            <th scope="col">{s.colPlan}</th>
            <th scope="col" className="num">
              {s.colTasks}
            </th>
            <th scope="col" className="num">
              {s.colEvents}
            </th>
            <th scope="col" className="num">
              {s.colSize}
            </th>
            <th scope="col">{s.colActions}</th>
          </tr>
        </thead>
        <tbody>
          {copies.map((c) => {
            const when = kind === 'snapshot' ? formatDate(c.at) : formatDateTime(c.at);
            return (
              <tr key={c.key}>
                <th scope="row">{when}</th>
                <td>{c.reason}</td>
                <td>{c.planTitle || '—'}</td>
                <td className="num">{c.tasks}</td>
                <td className="num">{c.events}</td>
                <td className="num">{formatBytes(c.bytes)}</td>
                <td className="lists-table__actions">
                  <button type="button" className="btn btn--small" onClick={() => onAction(c, 'restore')}>
                    {s.restore}
                    <span className="visually-hidden">：{when}</span>
                  </button>
                  <button type="button" className="btn btn--small btn--link" onClick={() => onAction(c, 'delete')}>
                    {t.common.delete}
                    <span className="visually-hidden">：{when}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
