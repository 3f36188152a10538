/**
 * The unit's small steps of the 督办 cycle on its checklist: 签收 (who handles the task and how to
 * reach them) and 回复 to an urge. Both are short forms in the open, on the card they concern.
 */
import { useId, useState, type FormEvent } from 'react';
import type { UrgeState } from '@/domain/events';
import { formatDate, formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';

const s = t.my;

/** 承办人 and phone; `initial` is what the unit typed last time, so signing the next is one click. */
export function ReceiptForm({
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: { handler: string; phone: string };
  submitLabel: string;
  /** Returns an error message when the store refused it. */
  onSubmit: (handler: string, phone: string) => string | null;
  onCancel?: () => void;
}) {
  const id = useId();
  const [handler, setHandler] = useState(initial.handler);
  const [phone, setPhone] = useState(initial.phone);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!handler.trim()) return setError(s.errHandler);
    if (!/^[0-9+\-()（）\s转]{5,30}$/.test(phone.trim()) || (phone.match(/\d/g) ?? []).length < 5) return setError(s.errPhone);
    setError(null);
    const refused = onSubmit(handler.trim(), phone.trim());
    if (refused) setError(refused);
  };
  return (
    <form className="cycle-form" aria-label={submitLabel} onSubmit={submit}>
      <div className="cycle-form__row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-h`}>
            {s.handler}
          </label>
          <input id={`${id}-h`} className="input" maxLength={50} autoComplete="name" value={handler} onChange={(e) => setHandler(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-p`}>
            {s.phone}
          </label>
          <input id={`${id}-p`} className="input" type="tel" maxLength={30} autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn--primary">
            {submitLabel}
          </button>
          {onCancel ? (
            <button type="button" className="btn" onClick={onCancel}>
              {t.common.cancel}
            </button>
          ) : null}
        </div>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The open urge, what the office asked and by when, and the unit's reply. */
export function UrgeReply({ urge, today, canReply, onReply }: { urge: UrgeState; today: string; canReply: boolean; onReply: (note: string) => string | null }) {
  const id = useId();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const late = urge.replyBy !== null && urge.replyBy < today;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) return setError(s.errReply);
    const refused = onReply(note.trim());
    if (refused) setError(refused);
    else {
      setError(null);
      setNote('');
    }
  };
  return (
    <div className={late ? 'callout callout--bad' : 'callout'}>
      <p className="callout__title">
        {t.events.urgeWith(urge.method ? t.events.urgeMethods[urge.method] : null, urge.replyBy ? formatDate(urge.replyBy) : null)}
        <span className="muted small">（{formatDateTime(urge.at)}）</span>
        {late ? <strong className="callout__late">{s.replyLate}</strong> : null}
      </p>
      {urge.note ? <p className="callout__body">{urge.note}</p> : null}
      {canReply ? (
        <form className="cycle-form" aria-label={s.replyForm} onSubmit={submit}>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-r`}>
              {s.replyLabel}
            </label>
            <textarea id={`${id}-r`} className="input textarea" rows={2} maxLength={5000} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          {error ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="btn btn--primary">
            {s.submitReply}
          </button>
        </form>
      ) : (
        <p className="small muted">{s.replyPending}</p>
      )}
    </div>
  );
}
