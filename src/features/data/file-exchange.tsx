/**
 * 文件交换: export the file this identity sends (the office's plan package, a unit's progress
 * report), a full backup and the CSV; import any of them with a PREVIEW first. Nothing changes
 * until 确认导入; the same file twice shows 无新内容 and changes nothing.
 */
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { CsvExportButton } from '@/components/csv-export-button';
import { XlsxExportButton } from '@/components/xlsx-export-button';
import { downloadText } from '@/components/download';
import { describeEvent } from '@/components/event-history';
import { checkFileSize, needsConfirmation, type ImportPreview, type PreviewItem, type RemovedTask } from '@/domain/files';
import { decodeImportBytes } from '@/domain/imports/preview';
import { BackupWithKeysButton, SealedKeysImport } from './backup-keys';
import { PinRequests } from './pin-requests';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import type { DownloadFile } from '@/store/api';
import { useLuoshi } from '@/store/store';

const s = t.data;
/** Items listed per category before "显示全部": a 20,000-event backup must not build 20,000 <li>. */
const LIST_LIMIT = 50;
/** Removed tasks named in the confirmation before "另有 N 项": enough to recognise, short enough to read. */
const REMOVED_LIMIT = 20;
/** About as many items as fit in a preview list's box before it scrolls. */
const SCROLL_AFTER = 10;

export function ExportPanel() {
  const identity = useLuoshi((st) => st.identity);
  const exportPlanPackage = useLuoshi((st) => st.exportPlanPackage);
  const exportProgressReport = useLuoshi((st) => st.exportProgressReport);
  const exportBackup = useLuoshi((st) => st.exportBackup);
  const notify = useLuoshi((st) => st.notify);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (which: string, make: () => Promise<DownloadFile>) => {
    setBusy(which);
    try {
      const file = await make();
      downloadText(file.fileName, file.text, file.mime);
      notify('success', s.exported(file.fileName));
    } catch (err) {
      notify('error', s.exportFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card data-card" aria-labelledby="data-export-h">
      <h2 id="data-export-h">{s.exportHeading}</h2>
      <ul className="data-actions">
        {identity.kind === 'office' ? (
          <li>
            <button type="button" className="btn btn--primary" disabled={busy !== null} onClick={() => void run('package', exportPlanPackage)}>
              {busy === 'package' ? s.working : s.exportPackage}
            </button>
            <span className="muted small">{s.exportPackageHint}</span>
          </li>
        ) : (
          <li>
            <button type="button" className="btn btn--primary" disabled={busy !== null} onClick={() => void run('report', exportProgressReport)}>
              {busy === 'report' ? s.working : s.exportReport}
            </button>
            <span className="muted small">{s.exportReportHint(identity.name)}</span>
          </li>
        )}
        <li>
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void run('backup', exportBackup)}>
            {busy === 'backup' ? s.working : s.exportBackup}
          </button>
          <span className="muted small">{s.exportBackupHint}</span>
        </li>
        <BackupWithKeysButton disabled={busy !== null} />
        <li>
          <CsvExportButton />
          <XlsxExportButton />
          <span className="muted small">{s.exportCsvHint}</span>
        </li>
      </ul>
    </section>
  );
}

/** Reads a chosen file as text (UTF-8, or UTF-16 with its byte-order mark); a message when it is not text. */
async function readFileText(file: File): Promise<{ text: string } | { error: string }> {
  // Refused before a byte is read: a 2 GB file must not be loaded into memory to say it is too big.
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { error: tooBig };
  return decodeImportBytes(new Uint8Array(await file.arrayBuffer()), file.name);
}

export function ImportPanel() {
  const previewImport = useLuoshi((st) => st.previewImport);
  const applyImport = useLuoshi((st) => st.applyImport);
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ fileName: string; text: string; preview: ImportPreview } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    setError(null);
    setPreview(null);
    setResult(null);
    if (!file) return;
    setReading(true);
    try {
      const read = await readFileText(file);
      if ('error' in read) return setError(read.error);
      setPreview({ fileName: file.name, text: read.text, preview: await previewImport(read.text) });
    } catch (err) {
      setError(s.readFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setReading(false);
    }
  };

  const reset = () => {
    setPreview(null);
    if (inputRef.current) inputRef.current.value = '';
  };
  const apply = (confirmed: boolean) => {
    if (!preview) return;
    const changed = applyImport(preview.preview, { confirmed });
    setConfirming(false);
    // Not applied (the backup could not be stored): the store said why; the preview stays.
    if (!changed && needsConfirmation(preview.preview)) return;
    setResult(changed ? s.imported(preview.fileName) : s.nothingNew);
    reset();
  };

  const p = preview?.preview;
  const nothingNew = p ? p.ok && p.newItems.length === 0 && p.toConfirm.length === 0 && p.planAction === 'none' : false;
  const replaces = p ? p.planAction === 'replace' || p.planAction === 'restore' : false;
  // Replacing, restoring or losing tasks is never one click: a dialog says what goes first.
  const needsDialog = p ? needsConfirmation(p) : false;

  return (
    <section className="card data-card" aria-labelledby="data-import-h">
      <h2 id="data-import-h">{s.importHeading}</h2>
      <p className="muted small">{s.importHint}</p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-file`}>
          {s.importFile}
        </label>
        <input
          id={`${id}-file`}
          ref={inputRef}
          className="input"
          type="file"
          accept=".json,application/json"
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared at once (the File stays readable): after a refusal the user fixes the file
            // or asks for it again under the same name, and choosing the same name again must
            // fire change, which browsers skip when the chosen file looks unchanged.
            e.target.value = '';
            void onFile(file);
          }}
        />
      </div>
      {reading ? <p role="status">{s.reading}</p> : null}
      {error ? (
        <p className="field__error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <p className="banner banner--info" role="status">
          {result}
        </p>
      ) : null}

      {p && preview ? (
        <div className="data-preview" role="region" aria-labelledby={`${id}-ph`}>
          <h3 id={`${id}-ph`}>{s.previewHeading(preview.fileName)}</h3>
          {p.ok ? (
            <dl className="data-preview__head">
              <dt>{s.fileKind}</dt>
              <dd>{p.fileKind ? s.kindLabel[p.fileKind] : '—'}</dd>
              <dt>{s.sender}</dt>
              <dd>{p.sender || '—'}</dd>
              <dt>{s.createdAt}</dt>
              <dd>{formatDateTime(p.createdAt)}</dd>
            </dl>
          ) : null}
          <p className={p.ok ? (nothingNew ? (p.refused.length ? 'banner banner--warning' : 'banner banner--info') : 'data-preview__summary') : 'banner banner--error'} role={p.ok ? 'status' : 'alert'}>
            {nothingNew && !p.refused.length ? <strong>{s.nothingNewTitle}</strong> : null}
            {nothingNew && !p.refused.length ? '：' : null}
            {p.summary}
          </p>
          {p.ok ? (
            <>
              <div className="data-preview__counts">
                <Count label={s.catNew} n={p.newItems.length} tone="new" />
                <Count label={s.catPresent} n={p.present.length} tone="present" />
                <Count label={s.catConfirm} n={p.toConfirm.length} tone="confirm" />
                <Count label={s.catRefused} n={p.refused.length} tone="refused" />
              </div>
              {p.signatures?.pinRequests.length ? (
                <PinRequests
                  requests={p.signatures.pinRequests}
                  onPinned={async () => setPreview({ ...preview, preview: await previewImport(preview.text) })}
                />
              ) : null}
              {p.signatures?.legacy ? <p className="banner banner--info">{t.signing.legacy(p.signatures.legacy)}</p> : null}
              {p.sealedKeys?.length ? <SealedKeysImport keys={p.sealedKeys} /> : null}
              <PreviewList title={s.catConfirm} hint={s.catConfirmHint} items={p.toConfirm} tone="confirm" open />
              <PreviewList title={s.catNew} hint={s.catNewHint} items={p.newItems} tone="new" open={p.newItems.length <= 10} />
              <PreviewList title={s.catRefused} hint={s.catRefusedHint} items={p.refused} tone="refused" open />
              {p.repaired.length ? (
                <details className="data-preview__list" open>
                  <summary>{s.catRepaired(p.repaired.length)}</summary>
                  <ul>
                    {p.repaired.slice(0, LIST_LIMIT).map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                  {p.repaired.length > LIST_LIMIT ? <p className="muted small">{s.moreRepaired(p.repaired.length - LIST_LIMIT)}</p> : null}
                </details>
              ) : null}
              <PreviewList title={s.catPresent} hint={s.catPresentHint} items={p.present} tone="present" />
              {replaces ? <p className="banner banner--warning">{p.planAction === 'restore' ? s.restoreWarn : s.replaceWarn}</p> : null}
              {!replaces && p.removedTasks.length ? <p className="banner banner--warning">{s.removeBanner(p.removedTasks.length)}</p> : null}
            </>
          ) : null}
          <div className="btn-row">
            <button type="button" className="btn btn--primary" disabled={!p.ok || nothingNew} onClick={() => (needsDialog ? setConfirming(true) : apply(false))}>
              {s.confirmImport}
            </button>
            <button type="button" className="btn" onClick={reset}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      ) : null}

      {p ? (
        <ConfirmDialog
          open={confirming}
          title={p.planAction === 'restore' ? s.restoreConfirmTitle : p.planAction === 'replace' ? s.replaceConfirmTitle : s.removeConfirmTitle(p.removedTasks.length)}
          confirmLabel={p.removedTasks.length ? s.removeConfirm : s.confirmImport}
          danger
          onConfirm={() => apply(true)}
          onCancel={() => setConfirming(false)}
        >
          {replaces ? <p>{p.planAction === 'restore' ? s.restoreWarn : s.replaceWarn}</p> : null}
          {p.removedTasks.length ? <RemovedTasks tasks={p.removedTasks} all={p.incoming.plan?.tasks.length === 0} /> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** Names the tasks an import removes, so nobody confirms a wipe without seeing it. */
function RemovedTasks({ tasks, all }: { tasks: RemovedTask[]; all: boolean }) {
  const shown = tasks.slice(0, REMOVED_LIMIT);
  return (
    <>
      <p>{s.removeWarn(tasks.length, all)}</p>
      {/* Focusable: a long list scrolls, and keyboard users must be able to scroll it too. */}
      <ul className="data-removed" aria-label={s.removedListLabel} tabIndex={0}>
        {shown.map((task) => (
          <li key={task.id}>{task.title}</li>
        ))}
        {tasks.length > shown.length ? <li className="muted">{s.moreRemoved(tasks.length - shown.length)}</li> : null}
      </ul>
      <p className="small">{s.removeKeeps}</p>
    </>
  );
}

function Count({ label, n, tone }: { label: string; n: number; tone: string }) {
  return (
    <span className={`data-count data-count--${tone}`}>
      <span className="data-count__n">{n}</span> {label}
    </span>
  );
}

/** One record of a file, in the words the event history uses, with its note and task. */
function EventLine({ item }: { item: PreviewItem & { event: NonNullable<PreviewItem['event']> } }) {
  const e = item.event;
  return (
    <>
      <span className="data-preview__what">
        {item.taskTitle ?? e.taskId}：<strong>{describeEvent(e)}</strong>
      </span>
      <span className="data-preview__meta small muted"> {s.eventMeta(e.unit, formatDateTime(e.at))}</span>
      {e.note ? (
        <span className="data-preview__note">
          {s.eventNote(e.type === 'tick' && e.done)}
          {e.note}
        </span>
      ) : null}
    </>
  );
}

function PreviewList({ title, hint, items, tone, open = false }: { title: string; hint: string; items: PreviewItem[]; tone: string; open?: boolean }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, LIST_LIMIT);
  return (
    <details className={`data-preview__list data-preview__list--${tone}`} open={open}>
      <summary>
        {title}（{items.length}）
      </summary>
      <p className="muted small">{hint}</p>
      {/* A long list scrolls inside its box: focusable, so that a keyboard can scroll it. */}
      <ul tabIndex={shown.length > SCROLL_AFTER ? 0 : undefined} aria-label={shown.length > SCROLL_AFTER ? title : undefined}>
        {shown.map((item, i) => (
          <li key={`${item.kind}:${item.id}:${i}`}>
            {item.event ? <EventLine item={{ ...item, event: item.event }} /> : item.label}
            {item.reason ? <span className="data-preview__reason">——{item.reason}</span> : null}
          </li>
        ))}
      </ul>
      {items.length > LIST_LIMIT && !all ? (
        <button type="button" className="btn btn--link" onClick={() => setAll(true)}>
          {s.showAll(items.length)}
        </button>
      ) : null}
    </details>
  );
}
