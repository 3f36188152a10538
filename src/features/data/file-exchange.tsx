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
import { checkFileSize, type ImportPreview, type PreviewItem } from '@/domain/files';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import type { DownloadFile } from '@/store/api';
import { useLuoshi } from '@/store/store';

const s = t.data;
/** Items listed per category before "显示全部": a 20,000-event backup must not build 20,000 <li>. */
const LIST_LIMIT = 50;

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
        <li>
          <CsvExportButton />
          <XlsxExportButton />
          <span className="muted small">{s.exportCsvHint}</span>
        </li>
      </ul>
    </section>
  );
}

/** Reads a chosen file as strict UTF-8 text; null + message when it is not text. */
async function readFileText(file: File): Promise<{ text: string } | { error: string }> {
  const tooBig = checkFileSize(file.size);
  if (tooBig) return { error: tooBig };
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: s.notUtf8(file.name) };
  }
}

export function ImportPanel() {
  const previewImport = useLuoshi((st) => st.previewImport);
  const applyImport = useLuoshi((st) => st.applyImport);
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ fileName: string; preview: ImportPreview } | null>(null);
  const [confirmBig, setConfirmBig] = useState(false);
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
      setPreview({ fileName: file.name, preview: await previewImport(read.text) });
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
  const apply = () => {
    if (!preview) return;
    const changed = applyImport(preview.preview);
    setResult(changed ? s.imported(preview.fileName) : s.nothingNew);
    setConfirmBig(false);
    reset();
  };

  const p = preview?.preview;
  const nothingNew = p ? p.ok && p.newItems.length === 0 && p.conflicts.length === 0 && p.planAction === 'none' : false;
  const replaces = p ? p.planAction === 'replace' || p.planAction === 'restore' : false;

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
          <p className={p.ok ? (nothingNew ? 'banner banner--info' : 'data-preview__summary') : 'banner banner--error'} role={p.ok ? 'status' : 'alert'}>
            {nothingNew ? <strong>{s.nothingNewTitle}</strong> : null}
            {nothingNew ? '：' : null}
            {p.summary}
          </p>
          {p.ok ? (
            <>
              <div className="data-preview__counts">
                <Count label={s.catNew} n={p.newItems.length} tone="new" />
                <Count label={s.catPresent} n={p.present.length} tone="present" />
                <Count label={s.catConflict} n={p.conflicts.length} tone="conflict" />
                <Count label={s.catRefused} n={p.refused.length} tone="refused" />
              </div>
              <PreviewList title={s.catNew} items={p.newItems} />
              <PreviewList title={s.catConflict} items={p.conflicts} open />
              <PreviewList title={s.catRefused} items={p.refused} open />
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
              <PreviewList title={s.catPresent} items={p.present} />
              {replaces ? <p className="banner banner--warning">{p.planAction === 'restore' ? s.restoreWarn : s.replaceWarn}</p> : null}
            </>
          ) : null}
          <div className="btn-row">
            <button
              type="button"
              className="btn btn--primary"
              disabled={!p.ok || nothingNew}
              onClick={() => (replaces ? setConfirmBig(true) : apply())}
            >
              {s.confirmImport}
            </button>
            <button type="button" className="btn" onClick={reset}>
              {t.common.cancel}
            </button>
          </div>
        </div>
      ) : null}

      <ConfirmDialog
        open={confirmBig}
        title={p?.planAction === 'restore' ? s.restoreConfirmTitle : s.replaceConfirmTitle}
        confirmLabel={s.confirmImport}
        danger
        onConfirm={apply}
        onCancel={() => setConfirmBig(false)}
      >
        <p>{p?.planAction === 'restore' ? s.restoreWarn : s.replaceWarn}</p>
      </ConfirmDialog>
    </section>
  );
}

function Count({ label, n, tone }: { label: string; n: number; tone: string }) {
  return (
    <span className={`data-count data-count--${tone}`}>
      <span className="data-count__n">{n}</span> {label}
    </span>
  );
}

function PreviewList({ title, items, open = false }: { title: string; items: PreviewItem[]; open?: boolean }) {
  const [all, setAll] = useState(false);
  if (items.length === 0) return null;
  const shown = all ? items : items.slice(0, LIST_LIMIT);
  return (
    <details className="data-preview__list" open={open}>
      <summary>
        {title}（{items.length}）
      </summary>
      <ul>
        {shown.map((item, i) => (
          <li key={`${item.kind}:${item.id}:${i}`}>
            {item.label}
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
