/**
 * The office's actions on one task. Each writes one event through store.record; the task's
 * state (flag, mismatch, due date, review) is derived from the log, so the panel updates itself.
 */
import { useId, useState, type FormEvent } from 'react';
import type { TaskState } from '@/domain/events';
import { GradeSchema, isRealIsoDate, UrgeMethodSchema, type Grade, type PlanEvent, type UrgeMethod } from '@/domain/model';
import { SelectField, TextAreaField, TextField } from '@/components/field';
import { formatDate, formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import type { NewEvent } from '@/store/api';

const s = t.supervision;

/** record + a toast; an invalid event (the store validates) becomes an error toast, not a crash. */
function useRecord() {
  const record = useLuoshi((st) => st.record);
  const notify = useLuoshi((st) => st.notify);
  return (e: NewEvent, done: string): boolean => {
    try {
      record(e);
      notify('success', done);
      return true;
    } catch (err) {
      notify('error', err instanceof Error ? err.message : String(err));
      return false;
    }
  };
}

/** The day `days` after `today` (yyyy-MM-dd), in calendar days. */
function daysAfter(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const METHODS = UrgeMethodSchema.options;

/** 催办: how (电话/书面/现场), what, and by when the unit must reply (three days by default). */
export function UrgeForm({ taskId, today }: { taskId: string; today: string }) {
  const save = useRecord();
  const [note, setNote] = useState('');
  const [method, setMethod] = useState<UrgeMethod>('phone');
  const [replyBy, setReplyBy] = useState(() => daysAfter(today, 3));
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const name = useId();
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!isRealIsoDate(replyBy) || replyBy < today) {
      setError(s.urgeReplyByInvalid);
      return;
    }
    setError(null);
    if (save({ type: 'urge', taskId, method, replyBy, note: note.trim() }, s.urgeDone)) setNote('');
  };
  return (
    // noValidate: the Chinese message below says what is wrong, not the browser's own bubble.
    <form className="card action-card" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{s.urgeTitle}</h3>
      <fieldset>
        <legend>{s.urgeMethod}</legend>
        <div className="radio-row">
          {METHODS.map((m) => (
            <label key={m}>
              <input type="radio" name={name} value={m} checked={method === m} onChange={() => setMethod(m)} />
              {t.events.urgeMethods[m]}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField label={s.urgeNote} placeholder={s.urgePlaceholder} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <TextField label={s.urgeReplyBy} type="date" min={today} value={replyBy} error={error} onChange={(e) => setReplyBy(e.target.value)} />
      <button type="submit" className="btn btn--primary">
        {s.urgeSubmit}
      </button>
    </form>
  );
}

type Finding = Extract<PlanEvent, { type: 'inspection' }>['finding'];
const FINDINGS: readonly { value: Finding; label: string }[] = [
  { value: 'as-reported', label: s.findingAsReported },
  { value: 'behind', label: s.findingBehind },
  { value: 'not-done', label: s.findingNotDone },
];

export function InspectionForm({ taskId, today }: { taskId: string; today: string }) {
  const save = useRecord();
  const [date, setDate] = useState(today);
  const [finding, setFinding] = useState<Finding>('as-reported');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const name = useId();
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (!isRealIsoDate(date)) {
      setError(s.invalidDate);
      return;
    }
    setError(null);
    if (save({ type: 'inspection', taskId, date, finding, note: note.trim() }, s.inspectDone)) setNote('');
  };
  return (
    <form className="card action-card" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{s.inspectTitle}</h3>
      <TextField label={s.inspectDate} type="date" value={date} max={today} error={error} onChange={(e) => setDate(e.target.value)} />
      <fieldset>
        <legend>{s.inspectFinding}</legend>
        <div className="radio-row">
          {FINDINGS.map((f) => (
            <label key={f.value}>
              <input type="radio" name={name} value={f.value} checked={finding === f.value} onChange={() => setFinding(f.value)} />
              {f.label}
            </label>
          ))}
        </div>
      </fieldset>
      <TextAreaField label={s.inspectNote} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <button type="submit" className="btn btn--primary">
        {s.inspectSubmit}
      </button>
    </form>
  );
}

export function NoticeForm({ taskId }: { taskId: string }) {
  const save = useRecord();
  const [kind, setKind] = useState<'commend' | 'criticize'>('commend');
  const [note, setNote] = useState('');
  const headingId = useId();
  const name = useId();
  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    if (save({ type: 'notice', taskId, kind, note: note.trim() }, s.noticeDone(kind === 'commend' ? s.commend : s.criticize))) setNote('');
  };
  return (
    <form className="card action-card" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId}>{s.noticeTitle}</h3>
      <fieldset>
        <legend>{s.noticeKind}</legend>
        <div className="radio-row">
          <label>
            <input type="radio" name={name} value="commend" checked={kind === 'commend'} onChange={() => setKind('commend')} />
            {s.commend}
          </label>
          <label>
            <input type="radio" name={name} value="criticize" checked={kind === 'criticize'} onChange={() => setKind('criticize')} />
            {s.criticize}
          </label>
        </div>
      </fieldset>
      <TextAreaField label={s.noticeNote} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      <button type="submit" className="btn btn--primary">
        {s.noticeSubmit}
        {kind === 'commend' ? s.commend : s.criticize}
      </button>
    </form>
  );
}

export function ExtensionDecision({ taskId, state }: { taskId: string; state: TaskState }) {
  const save = useRecord();
  const pending = state.pendingExtension;
  const [newDue, setNewDue] = useState(pending?.requestedDue ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const original = state.originalDue;

  if (!pending) {
    return (
      <section className="card action-card" aria-labelledby={headingId}>
        <h3 id={headingId}>{s.extensionTitle}</h3>
        <p className="muted">{s.extensionNone}</p>
        {original && state.due !== original ? <p className="small">{s.originalDue(formatDate(original))}</p> : null}
      </section>
    );
  }
  const decide = (approved: boolean) => {
    if (approved && !isRealIsoDate(newDue)) {
      setError(s.invalidDate);
      return;
    }
    setError(null);
    save(
      { type: 'extension-decision', taskId, requestId: pending.requestId, approved, newDue: approved ? newDue : null, note: note.trim() },
      approved ? s.extensionApproved : s.extensionRefused,
    );
  };
  return (
    <form className="card action-card action-card--pending" aria-labelledby={headingId} onSubmit={(e) => e.preventDefault()}>
      <h3 id={headingId}>{s.extensionTitle}</h3>
      <p>
        <strong>{s.extensionRequested(pending.unit, formatDate(pending.requestedDue))}</strong>
      </p>
      {pending.note ? (
        <p className="small">
          {s.extensionReason}：{pending.note}
        </p>
      ) : null}
      <TextField label={s.extensionNewDue} type="date" value={newDue} error={error} onChange={(e) => setNewDue(e.target.value)} />
      <TextAreaField label={s.extensionNote} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
      {original ? <p className="small callout">{s.extensionOriginalCounts(formatDate(original))}</p> : null}
      <div className="btn-row">
        <button type="button" className="btn btn--primary" onClick={() => decide(true)}>
          {s.extensionApprove}
        </button>
        <button type="button" className="btn" onClick={() => decide(false)}>
          {s.extensionRefuse}
        </button>
      </div>
    </form>
  );
}

const GRADES = GradeSchema.options;

export function ReviewForm({ taskId, state, awaiting }: { taskId: string; state: TaskState; awaiting: boolean }) {
  const save = useRecord();
  const [grade, setGrade] = useState<Grade>('良好');
  const [note, setNote] = useState('');
  const headingId = useId();
  const current = state.review?.accepted ? state.review : null;
  return (
    <form className={awaiting ? 'card action-card action-card--pending' : 'card action-card'} aria-labelledby={headingId} onSubmit={(e) => e.preventDefault()}>
      <h3 id={headingId}>{s.reviewTitle}</h3>
      {current && !awaiting ? <p>{s.reviewCurrent(current.grade ?? '—', formatDateTime(current.at))}</p> : null}
      {state.mismatch ? (
        <p className="muted">{s.reviewMismatch}</p>
      ) : !state.done ? (
        <p className="muted">{s.reviewNotDone}</p>
      ) : (
        <>
          <SelectField label={s.reviewGrade} value={grade} options={GRADES.map((g) => ({ value: g, label: g }))} onChange={(e) => setGrade(e.target.value as Grade)} />
          <TextAreaField label={s.reviewNote} value={note} onChange={(e) => setNote(e.target.value)} rows={2} />
          <div className="btn-row">
            <button
              type="button"
              className="btn btn--primary"
              onClick={() => {
                if (save({ type: 'review', taskId, accepted: true, grade, note: note.trim() }, s.reviewAccepted(grade))) setNote('');
              }}
            >
              {s.reviewAccept}
            </button>
            <button
              type="button"
              className="btn btn--danger"
              onClick={() => {
                if (save({ type: 'review', taskId, accepted: false, grade: null, note: note.trim() }, s.reviewReturned)) setNote('');
              }}
            >
              {s.reviewReturn}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

export function FlagButton({ taskId, flagged }: { taskId: string; flagged: boolean }) {
  const save = useRecord();
  return (
    <button
      type="button"
      className={flagged ? 'btn' : 'btn btn--primary'}
      onClick={() => save({ type: 'flag', taskId, flagged: !flagged }, flagged ? s.unflagDone : s.flagDone)}
    >
      {flagged ? s.unflag : s.flag}
    </button>
  );
}
