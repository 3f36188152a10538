/**
 * A task's editor, opened in place under its row: title, lead and co-units from the registry,
 * deadline (kind, date, label), flag, the source sentence, and splitting the task in two.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { SourceQuote } from '@/components/source-quote';
import { UnitSelect } from '@/components/unit-select';
import { isRealIsoDate, type DeadlineKind, type OwnerRef, type Plan, type Task, type Unit } from '@/domain/model';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.lists;

export interface TaskEditorProps {
  task: Task;
  flagged: boolean;
  editable: boolean;
  plan: Plan;
  units: readonly Unit[];
  planUnits: readonly string[];
  onClose: () => void;
  /** Asks the page to confirm deleting this task. */
  onDelete: () => void;
}

export function TaskEditor({ task, flagged, editable, plan, units, planUnits, onClose, onDelete }: TaskEditorProps) {
  const updateTask = useLuoshi((st) => st.updateTask);
  const setOwners = useLuoshi((st) => st.setOwners);
  const setTaskLeaders = useLuoshi((st) => st.setTaskLeaders);
  const leaders = useLuoshi((st) => st.leaders);
  const record = useLuoshi((st) => st.record);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();

  const initialLead = task.owners.find((o) => o.role === 'lead') ?? null;
  const [title, setTitle] = useState(task.title);
  const [lead, setLead] = useState(initialLead?.name ?? '');
  const [co, setCo] = useState<OwnerRef[]>(() => task.owners.filter((o) => o.role === 'co'));
  const [kind, setKind] = useState<DeadlineKind>(task.deadline.kind);
  const [due, setDue] = useState(task.deadline.due ?? '');
  const [label, setLabel] = useState(task.deadline.label);
  const [flag, setFlag] = useState(flagged);
  const [assignedOn, setAssignedOn] = useState(task.assignedOn ?? '');
  const [leaderIds, setLeaderIds] = useState<ReadonlySet<string>>(() => leaderIdsOf(leaders, task.id));
  const [error, setError] = useState<string | null>(null);
  // The task as the form was filled from it: a save sends only what the user changed since, so
  // an edit made meanwhile in another tab is kept, not silently reverted by stale form values.
  const [opened, setOpened] = useState(task);
  const [openedLeaders, setOpenedLeaders] = useState(leaderIds);

  const coNames = useMemo(() => new Set([...co.map((o) => o.name), ...(lead ? [lead] : [])]), [co, lead]);

  if (!editable) {
    return (
      <div className="task-editor task-editor--readonly">
        <SourceQuote quote={task.quote} source={task.source} sourceText={plan.sourceText} />
      </div>
    );
  }

  const save = () => {
    const trimmed = title.trim();
    if (!trimmed) return setError(s.errTitle);
    if (trimmed.length > 500) return setError(s.errTitleLong);
    if (kind === 'date' && !isRealIsoDate(due)) return setError(s.errDate);
    if (due && !isRealIsoDate(due)) return setError(s.errDate);
    // Empty only for a task that never had one (parsed output before it was taken up): kept empty.
    if (assignedOn ? !isRealIsoDate(assignedOn) : !!task.assignedOn) return setError(s.errAssignedOn);
    const dueChanged = (due || null) !== opened.deadline.due || kind !== opened.deadline.kind;
    const labelChanged = label.trim() !== opened.deadline.label.trim();
    // The lead keeps its "suggested" mark only if the office left the suggested unit unchanged.
    const owners: OwnerRef[] = [];
    if (lead) owners.push({ name: lead, role: 'lead', inferred: initialLead?.name === lead ? initialLead.inferred : false });
    for (const o of co) if (o.name !== lead) owners.push(o);
    const ownerKey = (l: OwnerRef[]) => l.map((o) => `${o.role}:${o.name}`).join('|');
    const idsKey = (ids: ReadonlySet<string>) => [...ids].sort().join('|');
    const mine = {
      title: trimmed !== opened.title,
      deadline: dueChanged || labelChanged,
      owners: ownerKey(owners) !== ownerKey(opened.owners),
      assignedOn: assignedOn !== (opened.assignedOn ?? ''),
      leaders: idsKey(leaderIds) !== idsKey(openedLeaders),
    };
    const theirs = {
      title: task.title !== opened.title,
      deadline: JSON.stringify(task.deadline) !== JSON.stringify(opened.deadline),
      owners: ownerKey(task.owners) !== ownerKey(opened.owners),
      assignedOn: task.assignedOn !== opened.assignedOn,
      leaders: idsKey(leaderIdsOf(leaders, task.id)) !== idsKey(openedLeaders),
    };
    const names = { title: s.staleFieldTitle, deadline: s.staleFieldDeadline, owners: s.staleFieldOwners, assignedOn: s.fieldAssignedOn, leaders: s.staleFieldLeaders };
    const keys = ['title', 'deadline', 'owners', 'assignedOn', 'leaders'] as const;
    const clash = keys.filter((k) => mine[k] && theirs[k]);
    if (clash.length) {
      // Both changed the same field: refuse once and say so; saving again means "mine, knowingly".
      setOpened(task);
      setOpenedLeaders(leaderIdsOf(leaders, task.id));
      return setError(s.staleConflict(clash.map((k) => names[k]).join('、')));
    }
    setError(null);
    if (mine.title || mine.deadline || mine.assignedOn) {
      updateTask(task.id, {
        ...(mine.title ? { title: trimmed } : {}),
        ...(mine.assignedOn && assignedOn ? { assignedOn } : {}),
        ...(mine.deadline
          ? {
              deadline: {
                ...task.deadline,
                kind,
                due: due || null,
                label: label.trim(),
                // Once the office sets the date or label itself, it is no longer a guess.
                inferred: false,
              },
            }
          : {}),
      });
    }
    if (mine.owners) setOwners(task.id, owners);
    if (flag !== flagged) record({ type: 'flag', taskId: task.id, flagged: flag, note: '' });
    if (mine.leaders) setTaskLeaders(task.id, [...leaderIds]);
    const merged = keys.filter((k) => theirs[k] && !mine[k]);
    if (merged.length) notify('info', s.staleMerged(merged.map((k) => names[k]).join('、')));
    notify('success', s.saved(mine.title ? trimmed : task.title));
    onClose();
  };

  return (
    <form
      className="task-editor"
      aria-label={s.editorLabel(task.title)}
      onKeyDown={(e) => {
        // Esc closes the editor without saving, as it closes a dialog.
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="task-editor__grid">
        <div className="field task-editor__title">
          <label className="field__label" htmlFor={`${id}-title`}>
            {s.fieldTitle}
          </label>
          <input id={`${id}-title`} className="input" value={title} maxLength={500} required onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-lead`}>
            {s.fieldLead}
          </label>
          <UnitSelect id={`${id}-lead`} value={lead} onChange={setLead} units={units} extraNames={planUnits} emptyLabel={s.noLeadOption} />
          {initialLead?.inferred && initialLead.name === lead ? <p className="field__hint">{s.leadSuggestedHint}</p> : null}
        </div>
        <fieldset className="field task-editor__co">
          <legend className="field__label">{s.fieldCo}</legend>
          {co.length === 0 ? <p className="field__hint">{s.noCo}</p> : null}
          <ul className="task-editor__chips">
            {co.map((o) => (
              <li key={o.name} className="task-editor__chip">
                {o.name}
                {o.inferred ? (
                  <>
                    <span className="tag lists-suggested-tag">{s.suggested}</span>
                    <button
                      type="button"
                      className="btn btn--small btn--link"
                      onClick={() => setCo((list) => list.map((x) => (x.name === o.name ? { ...x, inferred: false } : x)))}
                    >
                      {s.confirmOne}
                      <span className="visually-hidden">：{o.name}</span>
                    </button>
                  </>
                ) : null}
                <button type="button" className="btn btn--small btn--link" onClick={() => setCo((list) => list.filter((x) => x.name !== o.name))}>
                  {s.removeCo}
                  <span className="visually-hidden">：{o.name}</span>
                </button>
              </li>
            ))}
          </ul>
          <label className="visually-hidden" htmlFor={`${id}-addco`}>
            {s.addCo}
          </label>
          <UnitSelect
            id={`${id}-addco`}
            value=""
            onChange={(name) => {
              if (name) setCo((list) => [...list, { name, role: 'co', inferred: false }]);
            }}
            units={units}
            extraNames={planUnits}
            exclude={coNames}
            emptyLabel={s.addCoPlaceholder}
          />
        </fieldset>
        <fieldset className="field task-editor__deadline">
          <legend className="field__label">{s.fieldDeadline}</legend>
          <div className="task-editor__deadline-row">
            <div className="field">
              <label className="field__label small" htmlFor={`${id}-kind`}>
                {s.fieldKind}
              </label>
              <select id={`${id}-kind`} className="input select" value={kind} onChange={(e) => setKind(e.target.value as DeadlineKind)}>
                {(['date', 'ongoing', 'soon'] as const).map((k) => (
                  <option key={k} value={k}>
                    {s.kindLabel[k]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field__label small" htmlFor={`${id}-due`}>
                {s.fieldDue}
              </label>
              <input id={`${id}-due`} className="input" type="date" value={due} required={kind === 'date'} onChange={(e) => setDue(e.target.value)} />
            </div>
            <div className="field">
              <label className="field__label small" htmlFor={`${id}-label`}>
                {s.fieldLabel}
              </label>
              <input id={`${id}-label`} className="input" value={label} maxLength={200} placeholder={s.labelPlaceholder} onChange={(e) => setLabel(e.target.value)} />
            </div>
            <div className="field">
              <label className="field__label small" htmlFor={`${id}-assigned`}>
                {s.fieldAssignedOn}
              </label>
              <input
                id={`${id}-assigned`}
                className="input"
                type="date"
                value={assignedOn}
                aria-describedby={`${id}-assigned-hint`}
                onChange={(e) => setAssignedOn(e.target.value)}
              />
              <p className="field__hint" id={`${id}-assigned-hint`}>
                {s.assignedOnHint}
              </p>
            </div>
          </div>
        </fieldset>
        {leaders.length > 0 ? (
          <fieldset className="field task-editor__leaders">
            <legend className="field__label">{s.fieldLeaders}</legend>
            <div className="radio-row">
              {leaders.map((l) => (
                <label key={l.id}>
                  <input
                    type="checkbox"
                    checked={leaderIds.has(l.id)}
                    onChange={(e) =>
                      setLeaderIds((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(l.id);
                        else next.delete(l.id);
                        return next;
                      })
                    }
                  />
                  {l.name}
                </label>
              ))}
            </div>
            <p className="field__hint">{s.leadersHint}</p>
          </fieldset>
        ) : null}
        <label className="task-editor__flag">
          <input type="checkbox" checked={flag} onChange={(e) => setFlag(e.target.checked)} />
          {s.fieldFlag}
        </label>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="btn-row">
        <button type="submit" className="btn btn--primary">
          {t.common.save}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t.common.cancel}
        </button>
        <button type="button" className="btn btn--link lists-delete task-editor__delete" onClick={onDelete}>
          {s.deleteTask}
        </button>
      </div>

      <div className="task-editor__source">
        <p className="task-editor__subhead">{s.sourceHeading}</p>
        <SourceQuote quote={task.quote} source={task.source} sourceText={plan.sourceText} />
      </div>
      <SplitControl task={task} />
    </form>
  );
}

/**
 * Splitting: the office puts the cursor where one directive ends and the next begins (in the
 * title, which the store splits along with the quote) and presses 在光标处拆分.
 */
function SplitControl({ task }: { task: Task }) {
  const splitTask = useLuoshi((st) => st.splitTask);
  const notify = useLuoshi((st) => st.notify);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [at, setAt] = useState<number | null>(null);
  const id = useId();
  const text = task.title;
  const valid = at !== null && at > 0 && at < text.length;
  const track = () => {
    const el = ref.current;
    if (el) setAt(el.selectionStart);
  };

  return (
    <details className="task-editor__split">
      <summary>{s.splitHeading}</summary>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-split`}>
          {s.splitLabel}
        </label>
        <textarea
          id={`${id}-split`}
          ref={ref}
          className="input textarea"
          readOnly
          rows={2}
          value={text}
          aria-describedby={`${id}-split-hint`}
          onSelect={track}
          onClick={track}
          onKeyUp={track}
        />
        <p className="field__hint" id={`${id}-split-hint`}>
          {valid ? s.splitPreview(text.slice(0, at), text.slice(at)) : s.splitHint}
        </p>
      </div>
      <button
        type="button"
        className="btn"
        disabled={!valid}
        onClick={() => {
          if (at === null) return;
          const ids = splitTask(task.id, at);
          if (!ids) notify('error', s.splitFailed);
        }}
      >
        {s.splitAction}
      </button>
    </details>
  );
}

/** The leaders whose portfolios name this task (tasks assigned to a leader directly). */
function leaderIdsOf(leaders: readonly { id: string; tasks: readonly string[] }[], taskId: string): ReadonlySet<string> {
  return new Set(leaders.filter((l) => l.tasks.includes(taskId)).map((l) => l.id));
}
