/**
 * 办结: reporting a task done, with its evidence, in one flow. Opening it (a click or Space on the
 * tick box) puts the cursor in the 完成说明; Ctrl+Enter reports, Esc puts focus back on the box.
 * Files offered as 佐证 are hashed here (name, size, SHA-256) and never stored or sent.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Attachment } from '@/domain/model';
import { AttachmentList } from '@/components/event-history';
import { formatBytes } from '@/lib/format';
import { describeFile, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from '@/lib/file-hash';
import { t } from '@/lib/strings';

const s = t.my;

export function CompleteForm({
  title,
  onSubmit,
  onCancel,
}: {
  title: string;
  /** Returns an error message when the store refused the report. */
  onSubmit: (note: string, attachments: Attachment[]) => string | null;
  onCancel: () => void;
}) {
  const id = useId();
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<Attachment[]>([]);
  const [hashing, setHashing] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    noteRef.current?.focus();
  }, []);

  const submit = () => {
    if (!note.trim()) {
      setError(s.errEvidence);
      noteRef.current?.focus();
      return;
    }
    if (hashing > 0) return setError(s.stillHashing);
    const refused = onSubmit(note.trim(), files);
    if (refused) setError(refused);
  };

  const addFiles = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const picked = [...list];
    if (files.length + picked.length > MAX_EVIDENCE_FILES) return setError(s.tooManyFiles(MAX_EVIDENCE_FILES));
    const tooBig = picked.find((f) => f.size > MAX_EVIDENCE_BYTES);
    if (tooBig) return setError(s.fileTooBig(tooBig.name, formatBytes(MAX_EVIDENCE_BYTES)));
    setError(null);
    setHashing((n) => n + picked.length);
    for (const f of picked) {
      try {
        const a = await describeFile(f);
        setFiles((prev) => (prev.some((x) => x.sha256 === a.sha256 && x.name === a.name) ? prev : [...prev, a]));
      } catch {
        setError(s.fileUnreadable(f.name));
      } finally {
        setHashing((n) => n - 1);
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="complete-form"
      aria-label={s.completeForm(title)}
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {s.evidence}
          <span className="field__required">{t.components.requiredMark}</span>
        </label>
        <textarea
          ref={noteRef}
          id={`${id}-note`}
          className="input textarea"
          rows={3}
          maxLength={5000}
          aria-required="true"
          value={note}
          aria-invalid={error === s.errEvidence ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`}
          onChange={(e) => setNote(e.target.value)}
        />
        <p className="field__hint" id={`${id}-hint`}>
          {s.evidenceHint}
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-files`}>
          {s.attachments}
        </label>
        <input id={`${id}-files`} className="input" type="file" multiple aria-describedby={`${id}-files-hint`} onChange={(e) => void addFiles(e.target.files)} />
        <p className="field__hint" id={`${id}-files-hint`}>
          {s.attachmentsHint}
        </p>
        {hashing > 0 ? (
          <p className="small muted" role="status">
            {s.hashing(hashing)}
          </p>
        ) : null}
        {files.length > 0 ? <AttachmentList attachments={files} /> : null}
        {files.length > 0 ? (
          <button type="button" className="btn btn--link btn--small" onClick={() => setFiles([])}>
            {s.clearFiles}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="field__error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
      <div className="btn-row">
        <button type="submit" className="btn btn--primary" disabled={hashing > 0}>
          {s.submitComplete}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
