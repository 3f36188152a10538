/**
 * One task of a unit's checklist: the tick box first (one click), the light, deadline, progress
 * and latest note; behind "更新与记录" the evidence note for the tick, a progress report, an
 * extension request, the source sentence and the task's record.
 */
import { memo, useId, useState } from 'react';
import { LightBadge } from '@/components/light-badge';
import { SourceQuote } from '@/components/source-quote';
import { isRealIsoDate } from '@/domain/model';
import { formatDate, formatDateTime, formatDueRelative } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import type { UrgencyGroup } from '@/domain/urgency';
import type { ChecklistItem } from './checklist-page';
import { eventText, eventTone } from './event-text';

const s = t.my;

export interface TaskCardProps {
  item: ChecklistItem;
  /** The group the card is shown in: it stays there when ticked, until the page is reopened. */
  group: UrgencyGroup;
  sourceText: string;
  today: string;
  onTick: (taskId: string, shownIn: UrgencyGroup, done: boolean, note: string) => void;
}

export const TaskCard = memo(function TaskCard({ item, group, sourceText, today, onTick }: TaskCardProps) {
  const { task, state, light, role } = item;
  const id = useId();
  const [evidence, setEvidence] = useState('');
  const [open, setOpen] = useState(false);
  const tickId = `${id}-tick`;
  const extended = state.due !== state.originalDue;

  return (
    <li className={`task-card task-card--${light}${state.done ? ' task-card--done' : ''}`}>
      <div className="task-card__head">
        <input
          id={tickId}
          type="checkbox"
          className="task-card__tick"
          data-task-id={task.id}
          checked={state.done}
          aria-describedby={`${id}-meta`}
          onChange={(e) => {
            onTick(task.id, group, e.target.checked, e.target.checked ? evidence.trim() : '');
            if (e.target.checked) setEvidence('');
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
      {state.lastNote ? (
        <p className="task-card__note">
          <span className="muted">{s.lastNote}</span>
          {state.lastNote}
        </p>
      ) : null}
      <details className="task-card__more" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>{s.more}</summary>
        {open ? <TaskActions item={item} sourceText={sourceText} evidence={evidence} setEvidence={setEvidence} /> : null}
      </details>
    </li>
  );
});

function TaskActions({
  item,
  sourceText,
  evidence,
  setEvidence,
}: {
  item: ChecklistItem;
  sourceText: string;
  evidence: string;
  setEvidence: (v: string) => void;
}) {
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
    setProgressError(null);
    try {
      record({ type: 'progress', taskId: task.id, percent: Math.round(p), note: progressNote.trim() });
    } catch (err) {
      return setProgressError(err instanceof Error ? err.message : String(err));
    }
    setProgressNote('');
    notify('success', s.progressSaved(Math.round(p)));
  };
  const submitExtension = () => {
    if (!isRealIsoDate(newDue)) return setExtError(s.errDate);
    if (state.due && newDue <= state.due) return setExtError(s.errDateNotLater(formatDate(state.due)));
    if (!reason.trim()) return setExtError(s.errReason);
    setExtError(null);
    try {
      record({ type: 'extension-request', taskId: task.id, requestedDue: newDue, note: reason.trim() });
    } catch (err) {
      return setExtError(err instanceof Error ? err.message : String(err));
    }
    setNewDue('');
    setReason('');
    notify('success', s.extensionSent(formatDate(newDue)));
  };

  return (
    <div className="task-card__actions">
      {!state.done ? (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-evidence`}>
            {s.evidence}
          </label>
          <textarea id={`${id}-evidence`} className="input textarea" rows={2} maxLength={5000} value={evidence} aria-describedby={`${id}-evidence-hint`} onChange={(e) => setEvidence(e.target.value)} />
          <p className="field__hint" id={`${id}-evidence-hint`}>
            {s.evidenceHint}
          </p>
        </div>
      ) : null}

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
