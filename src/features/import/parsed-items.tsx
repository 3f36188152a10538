/**
 * The parsed tasks and targets, each with a 保留 checkbox, its owners and deadline, where it came
 * from (page, sheet, row), its warnings and a button that shows its sentence in the source pane.
 * The parser's doubtful items (candidates) follow, unticked, each with its reason. A task's lead
 * unit and deadline can be corrected in place before anything is accepted. Long lists are shown
 * a page at a time so a 5 MB speech with thousands of items stays responsive.
 */
import { memo, useId, useMemo, useState } from 'react';
import type { Candidate, ParsedPlan, ParseWarning, SourceLocation, Target, Task, Unit } from '@/domain/model';
import { correctTask, type TaskCorrection } from '@/domain/import-selection';
import { UnitSelect } from '@/components/unit-select';
import { formatDate, formatNumber } from '@/lib/format';
import { t } from '@/lib/strings';

const s = t.importPage;
const PAGE = 100;

export interface ParsedItemsProps {
  parsed: ParsedPlan;
  kept: ReadonlySet<string>;
  activeId: string | null;
  onToggle: (id: string, keep: boolean) => void;
  onLocate: (id: string) => void;
  corrections: ReadonlyMap<string, TaskCorrection>;
  onCorrect: (id: string, correction: TaskCorrection | null) => void;
  units: readonly Unit[];
}

export function ParsedItems({ parsed, kept, activeId, onToggle, onLocate, corrections, onCorrect, units }: ParsedItemsProps) {
  const [taskLimit, setTaskLimit] = useState(PAGE);
  const [candidateLimit, setCandidateLimit] = useState(PAGE);
  const candidates = parsed.candidates ?? [];
  const [targetLimit, setTargetLimit] = useState(PAGE);
  const warningsByItem = useMemo(() => {
    const m = new Map<string, ParseWarning[]>();
    for (const w of parsed.warnings) {
      if (w.itemId === null) continue;
      const list = m.get(w.itemId) ?? [];
      list.push(w);
      m.set(w.itemId, list);
    }
    return m;
  }, [parsed.warnings]);
  const general = parsed.warnings.filter((w) => w.itemId === null);
  /** What a task and a candidate item both take from the review's state. */
  const itemProps = (id: string) => ({
    kept: kept.has(id),
    active: activeId === id,
    warnings: warningsByItem.get(id),
    onToggle,
    onLocate,
    correction: corrections.get(id),
    onCorrect,
    units,
  });

  return (
    <div className="parsed-items">
      {general.length > 0 ? (
        <div className="parsed-items__general" role="note">
          <h3 className="parsed-items__heading">{s.generalWarnings(general.length)}</h3>
          <ul>
            {general.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h3 className="parsed-items__heading">{s.tasksHeading(parsed.tasks.length)}</h3>
      {parsed.tasks.length === 0 ? <p className="field__hint">{s.noTasks}</p> : null}
      <ul className="parsed-items__list">
        {parsed.tasks.slice(0, taskLimit).map((task) => (
          <TaskItem key={task.id} task={task} {...itemProps(task.id)} />
        ))}
      </ul>
      {parsed.tasks.length > taskLimit ? (
        <button type="button" className="btn" onClick={() => setTaskLimit((n) => n + PAGE * 5)}>
          {s.showMore(parsed.tasks.length - taskLimit)}
        </button>
      ) : null}

      {candidates.length > 0 ? (
        <section className="parsed-items__candidates" aria-labelledby="candidates-heading">
          <h3 id="candidates-heading" className="parsed-items__heading">
            {s.candidatesHeading(candidates.length)}
          </h3>
          <p className="field__hint">{s.candidatesHint}</p>
          <ul className="parsed-items__list">
            {candidates.slice(0, candidateLimit).map((c) => (
              <TaskItem key={c.id} task={c} candidate={c} {...itemProps(c.id)} />
            ))}
          </ul>
          {candidates.length > candidateLimit ? (
            <button type="button" className="btn" onClick={() => setCandidateLimit((n) => n + PAGE * 5)}>
              {s.showMore(candidates.length - candidateLimit)}
            </button>
          ) : null}
        </section>
      ) : null}

      <h3 className="parsed-items__heading">{s.targetsHeading(parsed.targets.length)}</h3>
      {parsed.targets.length === 0 ? <p className="field__hint">{s.noTargets}</p> : null}
      <ul className="parsed-items__list">
        {parsed.targets.slice(0, targetLimit).map((target) => (
          <TargetItem
            key={target.id}
            target={target}
            kept={kept.has(target.id)}
            active={activeId === target.id}
            warnings={warningsByItem.get(target.id)}
            onToggle={onToggle}
            onLocate={onLocate}
          />
        ))}
      </ul>
      {parsed.targets.length > targetLimit ? (
        <button type="button" className="btn" onClick={() => setTargetLimit((n) => n + PAGE * 5)}>
          {s.showMore(parsed.targets.length - targetLimit)}
        </button>
      ) : null}
    </div>
  );
}

interface ItemProps {
  kept: boolean;
  active: boolean;
  warnings: ParseWarning[] | undefined;
  onToggle: (id: string, keep: boolean) => void;
  onLocate: (id: string) => void;
}

function ItemShell({
  id,
  title,
  kept,
  active,
  warnings,
  onToggle,
  onLocate,
  candidate,
  children,
}: ItemProps & { id: string; title: string; candidate?: boolean; children: React.ReactNode }) {
  const inputId = `keep-${id}`;
  return (
    <li className={['parsed-item', kept ? '' : 'parsed-item--dropped', active ? 'parsed-item--active' : '', candidate ? 'parsed-item--candidate' : ''].filter(Boolean).join(' ')}>
      <div className="parsed-item__head">
        <input id={inputId} type="checkbox" className="checkbox" checked={kept} onChange={(e) => onToggle(id, e.target.checked)} />
        <label htmlFor={inputId} className="parsed-item__title">
          <span className="visually-hidden">{candidate ? s.keepCandidatePrefix : s.keepPrefix}</span>
          {candidate ? <span className="tag tag--candidate">{s.candidateTag}</span> : null}
          {title}
        </label>
        <button type="button" className="btn btn--small btn--link" aria-pressed={active} onClick={() => onLocate(id)}>
          {s.locate}
          <span className="visually-hidden">：{title}</span>
        </button>
      </div>
      <div className="parsed-item__meta">{children}</div>
      {warnings && warnings.length > 0 ? (
        <ul className="parsed-item__warnings" aria-label={s.itemWarnings}>
          {warnings.map((w, i) => (
            <li key={i}>⚠ {w.message}</li>
          ))}
        </ul>
      ) : null}
      {kept || candidate ? null : <span className="parsed-item__dropped-tag">{s.droppedTag}</span>}
    </li>
  );
}

/** 第2页 第5行 / 工作表“重点任务” 第7行 / 第7行: where a table row came from. */
export function locationText(loc: SourceLocation | null | undefined): string | null {
  if (!loc) return null;
  // A row with neither sheet nor page is a row of a Word or pasted table, not a line of the text.
  const row = loc.row ? (loc.sheet || loc.page ? s.locationRow(loc.row) : s.locationTableRow(loc.row)) : null;
  const parts = [loc.sheet ? s.locationSheet(loc.sheet) : null, loc.page ? s.locationPage(loc.page) : null, row];
  const text = parts.filter(Boolean).join(' ');
  return text || null;
}

interface TaskItemProps extends ItemProps {
  task: Task;
  candidate?: Candidate;
  correction: TaskCorrection | undefined;
  onCorrect: (id: string, correction: TaskCorrection | null) => void;
  units: readonly Unit[];
}

const TaskItem = memo(function TaskItem({ task: parsedTask, candidate, correction, onCorrect, units, ...rest }: TaskItemProps) {
  const [editing, setEditing] = useState(false);
  const task = correctTask(parsedTask, correction);
  const lead = task.owners.filter((o) => o.role === 'lead');
  const co = task.owners.filter((o) => o.role === 'co');
  const ownerText = (list: typeof lead) =>
    list.length === 0 ? s.noOwner : list.map((o) => (o.inferred ? `${o.name}${s.suggestedSuffix}` : o.name)).join('、');
  const where = locationText(task.location);
  return (
    <ItemShell id={task.id} title={task.title} candidate={candidate !== undefined} {...rest}>
      {where ? <span className="parsed-item__where">{where}</span> : null}
      <span>
        {s.leadLabel}
        {ownerText(lead)}
      </span>
      {co.length > 0 ? (
        <span>
          {s.coLabel}
          {ownerText(co)}
        </span>
      ) : null}
      <span>
        {s.deadlineLabel}
        {deadlineText(task)}
      </span>
      {task.flagged ? <span className="tag tag--flag">{s.flagged}</span> : null}
      {correction ? <span className="tag tag--corrected">{s.corrected}</span> : null}
      {candidate ? (
        <span className="parsed-item__reason">
          {s.reasonLabel}
          {candidate.reason}
        </span>
      ) : null}
      <span className="parsed-item__correct-actions">
        <button type="button" className="btn btn--small btn--link" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
          {s.correct}
          <span className="visually-hidden">：{task.title}</span>
        </button>
        {correction ? (
          <button type="button" className="btn btn--small btn--link" onClick={() => onCorrect(task.id, null)}>
            {s.correctUndo}
            <span className="visually-hidden">：{task.title}</span>
          </button>
        ) : null}
      </span>
      {editing ? (
        <CorrectionForm
          task={task}
          units={units}
          onCancel={() => setEditing(false)}
          onSave={(c) => {
            onCorrect(task.id, { ...correction, ...c });
            setEditing(false);
          }}
        />
      ) : null}
    </ItemShell>
  );
});

function CorrectionForm({ task, units, onSave, onCancel }: { task: Task; units: readonly Unit[]; onSave: (c: TaskCorrection) => void; onCancel: () => void }) {
  const base = useId();
  const currentLead = task.owners.find((o) => o.role === 'lead')?.name ?? '';
  const [lead, setLead] = useState(currentLead);
  const [due, setDue] = useState(task.deadline.due ?? '');
  const [label, setLabel] = useState(task.deadline.inferred ? '' : task.deadline.label);
  const extra = useMemo(() => task.owners.map((o) => o.name), [task.owners]);
  return (
    <form
      className="parsed-item__correct"
      aria-label={s.correctLabel(task.title)}
      onSubmit={(e) => {
        e.preventDefault();
        const c: TaskCorrection = {};
        if (lead && lead !== currentLead) c.lead = lead;
        const dueChanged = due !== (task.deadline.due ?? '') || (label !== '' && label !== task.deadline.label);
        if (dueChanged && (due || label.trim())) c.deadline = { due: due || null, label };
        onSave(c);
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${base}-lead`}>
          {s.correctLead}
        </label>
        <UnitSelect id={`${base}-lead`} value={lead} onChange={setLead} units={units} extraNames={extra} emptyLabel={s.correctLeadKeep} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${base}-due`}>
          {s.correctDue}
        </label>
        <input id={`${base}-due`} className="input" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${base}-label`}>
          {s.correctDueLabel}
        </label>
        <input id={`${base}-label`} className="input" type="text" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <div className="parsed-item__correct-buttons">
        <button type="submit" className="btn btn--primary btn--small">
          {s.correctSave}
        </button>
        <button type="button" className="btn btn--small" onClick={onCancel}>
          {s.correctCancel}
        </button>
      </div>
    </form>
  );
}

export function deadlineText(task: Task): string {
  const d = task.deadline;
  if (d.kind === 'ongoing') return `${d.label || s.ongoing}${d.recurrence ? `（${s.recurrence[d.recurrence]}）` : ''}`;
  if (d.kind === 'soon' && !d.due) return `${d.label || s.soon}（${s.soonNoDate}）`;
  const due = formatDate(d.due);
  // A filled-in deadline's label only repeats that the text named none: say it once.
  if (d.inferred) return `${due}${s.inferredDeadline}`;
  return d.label && d.label !== d.due ? `${d.label}（${due}）` : due;
}

const TargetItem = memo(function TargetItem({ target, ...rest }: ItemProps & { target: Target }) {
  return (
    <ItemShell id={target.id} title={target.metric || target.quote} {...rest}>
      {target.tier ? <span className="tag">{s.tier[target.tier]}</span> : null}
      <span>
        {s.valueLabel}
        {targetValueText(target)}
      </span>
      {target.due ? (
        <span>
          {s.deadlineLabel}
          {formatDate(target.due)}
        </span>
      ) : null}
    </ItemShell>
  );
});

export function targetValueText(target: Target): string {
  const cmp = target.comparator ? s.comparator[target.comparator] : '';
  if (target.masked || target.value === null) return `${s.masked}${target.unit ? `（${s.unitLabel}${target.unit}）` : ''}`;
  const v = target.valueMax !== null ? `${formatNumber(target.value)}至${formatNumber(target.valueMax)}` : formatNumber(target.value);
  return `${v}${target.unit ?? ''}${cmp ? ` ${cmp}` : ''}`;
}
