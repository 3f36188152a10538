/**
 * One task of a unit's checklist. The tick box comes first: on an open task it opens 办结 (the
 * completion report with its evidence, in the card, cursor in the note); on a done task one click
 * takes the report back. What the office needs from the unit is in the open on the card: 签收 when
 * the task is not acknowledged, the reply to an urge, the finding of an inspection that
 * contradicted the report. Progress, extension requests, the source sentence and the record are
 * behind "更新与记录".
 */
import { memo, useEffect, useId, useRef, useState } from 'react';
import { AttachmentList } from '@/components/event-history';
import { LightBadge } from '@/components/light-badge';
import { SourceQuote } from '@/components/source-quote';
import { isRealIsoDate, type Attachment } from '@/domain/model';
import { formatDate, formatDateTime, formatDueRelative } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import type { UrgencyGroup } from '@/domain/urgency';
import type { ChecklistItem } from './checklist-page';
import { CompleteForm } from './complete-form';
import { ReceiptForm, UrgeReply } from './cycle-forms';
import { eventText, eventTone } from './event-text';

const s = t.my;

export interface CardActions {
  /** Reports done (with evidence) or takes the report back; returns why it was refused, if it was. */
  tick: (taskId: string, shownIn: UrgencyGroup, done: boolean, note: string, attachments?: Attachment[]) => string | null;
  receipt: (taskId: string, handler: string, phone: string) => string | null;
  reply: (taskId: string, urgeId: string, note: string) => string | null;
}

export interface TaskCardProps {
  item: ChecklistItem;
  /** The group the card is shown in: it stays there when ticked, until the page is reopened. */
  group: UrgencyGroup;
  sourceText: string;
  today: string;
  /** The unit whose checklist this is. */
  unitName: string;
  /** The unit itself is using the app (not the office looking at its list): it signs and replies. */
  isUnit: boolean;
  /** The unit's last 承办人 and phone, to sign the next task with one click. */
  contact: { handler: string; phone: string };
  actions: CardActions;
}

export const TaskCard = memo(function TaskCard({ item, group, sourceText, today, unitName, isUnit, contact, actions }: TaskCardProps) {
  const { task, state, light, role } = item;
  const id = useId();
  const tickRef = useRef<HTMLInputElement>(null);
  const [completing, setCompleting] = useState(false);
  const [signing, setSigning] = useState(false);
  const [open, setOpen] = useState(false);
  const tickId = `${id}-tick`;
  const extended = state.due !== state.originalDue;
  const receipt = state.receipts.find((r) => r.unit === unitName) ?? null;

  const refocus = useRef(false);
  const backToBox = () => {
    refocus.current = true;
    setCompleting(false);
  };
  // After the 办结 form goes away, the box is where the keyboard user continues.
  useEffect(() => {
    if (!completing && refocus.current) {
      refocus.current = false;
      tickRef.current?.focus();
    }
  }, [completing]);

  return (
    <li className={`task-card task-card--${light}${state.done ? ' task-card--done' : ''}`}>
      <div className="task-card__head">
        <input
          ref={tickRef}
          id={tickId}
          type="checkbox"
          className="task-card__tick"
          data-task-id={task.id}
          checked={state.done}
          aria-describedby={`${id}-meta`}
          aria-controls={completing ? `${id}-complete` : undefined}
          onChange={(e) => {
            if (e.target.checked) setCompleting(true);
            else actions.tick(task.id, group, false, '');
          }}
        />
        <label htmlFor={tickId} className="task-card__title">
          <span className="visually-hidden">{state.done ? s.tickedPrefix : s.tickPrefix}</span>
          {task.title}
        </label>
        <LightBadge light={light} />
      </div>
      <div className="task-card__meta" id={`${id}-meta`}>
        <span className="tag">{role === 'lead' ? s.roleLead : s.roleCo}</span>
        {state.flagged ? <span className="tag tag--flag">{s.flagged}</span> : null}
        {state.mismatch ? <span className="tag tag--warn">{s.mismatch}</span> : null}
        {receipt ? (
          <span className="tag" title={s.receiptLine(receipt.handler, receipt.phone, formatDateTime(receipt.at))}>
            {s.receivedBy(receipt.handler)}
          </span>
        ) : !state.done ? (
          <span className="tag tag--warn">{s.notReceived}</span>
        ) : null}
        {state.pendingUrge ? <span className="tag tag--warn">{s.urgeOpen}</span> : null}
        <span>
          {s.deadline}
          {state.due ? formatDate(state.due) : task.deadline.label || s.noDate}
          {extended && state.originalDue ? s.extendedFrom(formatDate(state.originalDue)) : null}
          {!state.done && state.due ? <strong className="task-card__rel"> {formatDueRelative(state.due, today)}</strong> : null}
        </span>
        <span>
          {s.progress}
          <span className="task-card__bar" aria-hidden="true">
            <span style={{ width: `${state.percent}%` }} />
          </span>
          {Math.round(state.percent)}%
        </span>
        {state.done && state.doneAt ? <span>{s.doneAt(formatDateTime(state.doneAt))}</span> : null}
        {state.urges > 0 ? <span className="task-card__urges">{s.urges(state.urges)}</span> : null}
        {state.pendingExtension ? <span className="tag tag--warn">{s.pendingExtension(formatDate(state.pendingExtension.requestedDue))}</span> : null}
        {state.review ? <span className="tag">{t.events.review(state.review.accepted, state.review.grade)}</span> : null}
      </div>

      {completing && !state.done ? (
        <div className="task-card__panel" id={`${id}-complete`}>
          <CompleteForm
            title={task.title}
            onCancel={backToBox}
            onSubmit={(note, attachments) => {
              const refused = actions.tick(task.id, group, true, note, attachments);
              if (!refused) backToBox();
              return refused;
            }}
          />
        </div>
      ) : null}

      {state.mismatch ? <MismatchNote item={item} /> : null}

      {state.pendingUrge ? (
        <UrgeReply key={state.pendingUrge.id} urge={state.pendingUrge} today={today} canReply={isUnit} onReply={(note) => actions.reply(task.id, state.pendingUrge!.id, note)} />
      ) : null}

      {isUnit && !receipt && !state.done ? (
        signing ? (
          <div className="task-card__panel">
            <ReceiptForm
              initial={contact}
              submitLabel={s.receiptSubmit}
              onCancel={() => setSigning(false)}
              onSubmit={(handler, phone) => {
                const refused = actions.receipt(task.id, handler, phone);
                if (!refused) setSigning(false);
                return refused;
              }}
            />
          </div>
        ) : (
          <p className="task-card__line">
            <button type="button" className="btn btn--small" onClick={() => setSigning(true)}>
              {s.receiptOpen}
              <span className="visually-hidden">：{task.title}</span>
            </button>
          </p>
        )
      ) : null}

      {state.evidence ? (
        <div className="task-card__evidence">
          <p className="task-card__note">
            <span className="muted">{s.evidenceShown}</span>
            {state.evidence.note || <span className="muted">{s.evidenceMissing}</span>}
          </p>
          {state.evidence.attachments.length ? <AttachmentList attachments={state.evidence.attachments} /> : null}
        </div>
      ) : state.lastNote ? (
        <p className="task-card__note">
          <span className="muted">{s.lastNote}</span>
          {state.lastNote}
        </p>
      ) : null}
      <details className="task-card__more" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{s.more}</summary>
        {open ? <TaskActions item={item} sourceText={sourceText} /> : null}
      </details>
    </li>
  );
});

/** What the inspection found, and what the unit should do about it. */
function MismatchNote({ item }: { item: ChecklistItem }) {
  const inspection = [...item.state.events].reverse().find((e) => e.type === 'inspection');
  return (
    <div className="callout callout--bad" role="note">
      <p className="callout__title">{s.mismatchTitle(inspection && inspection.type === 'inspection' ? formatDate(inspection.date) : '')}</p>
      {inspection?.note ? <p className="callout__body">{inspection.note}</p> : null}
      <p className="small">{s.mismatchHint}</p>
    </div>
  );
}

function TaskActions({ item, sourceText }: { item: ChecklistItem; sourceText: string }) {
  const { task, state } = item;
  const record = useLuoshi((st) => st.record);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const [percent, setPercent] = useState(String(Math.round(state.percent)));
  const [progressNote, setProgressNote] = useState('');
  const [progressError, setProgressError] = useState<string | null>(null);
  const [newDue, setNewDue] = useState('');
  const [reason, setReason] = useState('');
  const [extError, setExtError] = useState<string | null>(null);

  const submitProgress = () => {
    const p = Number(percent);
    if (percent.trim() === '' || !Number.isFinite(p) || p < 0 || p > 100) return setProgressError(s.errPercent);
    try {
      record({ type: 'progress', taskId: task.id, percent: Math.round(p), note: progressNote.trim() });
    } catch (e) {
      return setProgressError(e instanceof Error ? e.message : String(e));
    }
    setProgressError(null);
    setProgressNote('');
    notify('success', s.progressSaved(Math.round(p)));
  };
  const submitExtension = () => {
    if (!isRealIsoDate(newDue)) return setExtError(s.errDate);
    if (state.due && newDue <= state.due) return setExtError(s.errDateNotLater(formatDate(state.due)));
    if (!reason.trim()) return setExtError(s.errReason);
    try {
      record({ type: 'extension-request', taskId: task.id, requestedDue: newDue, note: reason.trim() });
    } catch (e) {
      return setExtError(e instanceof Error ? e.message : String(e));
    }
    setExtError(null);
    setNewDue('');
    setReason('');
    notify('success', s.extensionSent(formatDate(newDue)));
  };

  return (
    <div className="task-card__actions">
      {state.done ? (
        <p className="small muted">{s.doneNoProgress}</p>
      ) : (
        <form
          className="task-card__form"
          aria-label={s.progressForm}
          onSubmit={(e) => {
            e.preventDefault();
            submitProgress();
          }}
        >
          <div className="task-card__form-row">
            <div className="field task-card__percent">
              <label className="field__label" htmlFor={`${id}-pct`}>
                {s.percent}
              </label>
              <input
                id={`${id}-pct`}
                className="input"
                type="number"
                min={0}
                max={100}
                step={5}
                value={percent}
                aria-invalid={progressError ? true : undefined}
                aria-describedby={progressError ? `${id}-pct-err` : undefined}
                onChange={(e) => setPercent(e.target.value)}
              />
            </div>
            <div className="field task-card__grow">
              <label className="field__label" htmlFor={`${id}-pnote`}>
                {s.progressNote}
              </label>
              <input id={`${id}-pnote`} className="input" maxLength={5000} value={progressNote} onChange={(e) => setProgressNote(e.target.value)} />
            </div>
            <button type="submit" className="btn">
              {s.submitProgress}
            </button>
          </div>
          {progressError ? (
            <p className="field__error" id={`${id}-pct-err`} role="alert">
              {progressError}
            </p>
          ) : null}
        </form>
      )}

      {!state.done ? (
        <form
          className="task-card__form"
          aria-label={s.extensionForm}
          onSubmit={(e) => {
            e.preventDefault();
            submitExtension();
          }}
        >
          <div className="task-card__form-row">
            <div className="field">
              <label className="field__label" htmlFor={`${id}-due`}>
                {s.extensionDate}
              </label>
              <input id={`${id}-due`} className="input" type="date" value={newDue} onChange={(e) => setNewDue(e.target.value)} />
            </div>
            <div className="field task-card__grow">
              <label className="field__label" htmlFor={`${id}-reason`}>
                {s.extensionReason}
              </label>
              <input id={`${id}-reason`} className="input" maxLength={5000} value={reason} onChange={(e) => setReason(e.target.value)} />
            </div>
            <button type="submit" className="btn">
              {s.submitExtension}
            </button>
          </div>
          {state.pendingExtension ? <p className="field__hint">{s.pendingExtensionHint(formatDate(state.pendingExtension.requestedDue))}</p> : null}
          {extError ? (
            <p className="field__error" role="alert">
              {extError}
            </p>
          ) : null}
        </form>
      ) : null}

      <div className="task-card__source">
        <p className="task-card__subhead">{s.source}</p>
        <SourceQuote quote={task.quote} source={task.source} sourceText={sourceText} />
      </div>

      <div className="task-card__history">
        <p className="task-card__subhead">{s.history}</p>
        {state.events.length === 0 ? (
          <p className="muted">{s.historyEmpty}</p>
        ) : (
          <ol className="task-card__events" reversed>
            {[...state.events].reverse().map((e) => (
              <li key={e.id} className={`task-card__event task-card__event--${eventTone(e)}`}>
                <span className="muted small">{formatDateTime(e.at)}</span> <strong>{e.unit}</strong> {eventText(e)}
                {e.note ? <span className="task-card__event-note">：{e.note}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </div>
    </div>
  );
}
