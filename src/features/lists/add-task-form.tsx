/** 新增任务: a task the speech did not state (or the parser missed), typed in by the office. */
import { useId, useState } from 'react';
import { UnitSelect } from '@/components/unit-select';
import { isRealIsoDate, type Section, type Unit } from '@/domain/model';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { sectionLabel } from './lists-filters';

const s = t.lists;

export interface AddTaskFormProps {
  sections: readonly Section[];
  units: readonly Unit[];
  planUnits: readonly string[];
  planYear: number;
  /** Called with the new task's id, or null when cancelled. */
  onDone: (id: string | null) => void;
}

export function AddTaskForm({ sections, units, planUnits, planYear, onDone }: AddTaskFormProps) {
  const addTask = useLuoshi((st) => st.addTask);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const [title, setTitle] = useState('');
  const [sectionId, setSectionId] = useState('');
  const [lead, setLead] = useState('');
  // A new task without a stated date defaults to the plan year's end, like the parser does.
  const [due, setDue] = useState(`${planYear}-12-31`);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const trimmed = title.trim();
    if (!trimmed) return setError(s.errTitle);
    if (trimmed.length > 500) return setError(s.errTitleLong);
    if (due && !isRealIsoDate(due)) return setError(s.errDate);
    const newId = addTask({
      title: trimmed,
      quote: '',
      source: { start: 0, end: 0 },
      sectionId: sectionId || null,
      owners: lead ? [{ name: lead, role: 'lead', inferred: false }] : [],
      deadline: { label: '', due: due || null, recurrence: null, kind: due ? 'date' : 'ongoing', inferred: false },
      flagged: false,
    });
    notify('success', s.added(trimmed));
    onDone(newId);
  };

  return (
    <form
      className="card add-task"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2 id={`${id}-h`}>{s.addHeading}</h2>
      <div className="add-task__grid">
        <div className="field add-task__title">
          <label className="field__label" htmlFor={`${id}-title`}>
            {s.fieldTitle}
            <span className="field__required">{t.components.requiredMark}</span>
          </label>
          <input
            id={`${id}-title`}
            className="input"
            value={title}
            maxLength={500}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-section`}>
            {s.section}
          </label>
          <select id={`${id}-section`} className="input select" value={sectionId} onChange={(e) => setSectionId(e.target.value)}>
            <option value="">{s.noSection}</option>
            {sections.map((sec) => (
              <option key={sec.id} value={sec.id}>
                {sectionLabel(sec)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-lead`}>
            {s.fieldLead}
          </label>
          <UnitSelect id={`${id}-lead`} value={lead} onChange={setLead} units={units} extraNames={planUnits} emptyLabel={s.noLeadOption} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-due`}>
            {s.fieldDue}
          </label>
          <input id={`${id}-due`} className="input" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </div>
      </div>
      {error ? (
        <p className="field__error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
      <div className="btn-row">
        <button type="submit" className="btn btn--primary">
          {s.addSubmit}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          {t.common.cancel}
        </button>
      </div>
    </form>
  );
}
