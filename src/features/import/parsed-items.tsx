/**
 * The parsed tasks and targets, each with a 保留 checkbox, its owners and deadline, its
 * warnings and a button that shows its sentence in the source pane. Long lists are shown a page
 * at a time so a 5 MB speech with thousands of items stays responsive.
 */
import { memo, useMemo, useState } from 'react';
import type { ParsedPlan, ParseWarning, Target, Task } from '@/domain/model';
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
}

export function ParsedItems({ parsed, kept, activeId, onToggle, onLocate }: ParsedItemsProps) {
  const [taskLimit, setTaskLimit] = useState(PAGE);
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
          <TaskItem
            key={task.id}
            task={task}
            kept={kept.has(task.id)}
            active={activeId === task.id}
            warnings={warningsByItem.get(task.id)}
            onToggle={onToggle}
            onLocate={onLocate}
          />
        ))}
      </ul>
      {parsed.tasks.length > taskLimit ? (
        <button type="button" className="btn" onClick={() => setTaskLimit((n) => n + PAGE * 5)}>
          {s.showMore(parsed.tasks.length - taskLimit)}
        </button>
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
  children,
}: ItemProps & { id: string; title: string; children: React.ReactNode }) {
  const inputId = `keep-${id}`;
  return (
    <li className={['parsed-item', kept ? '' : 'parsed-item--dropped', active ? 'parsed-item--active' : ''].filter(Boolean).join(' ')}>
      <div className="parsed-item__head">
        <input id={inputId} type="checkbox" className="checkbox" checked={kept} onChange={(e) => onToggle(id, e.target.checked)} />
        <label htmlFor={inputId} className="parsed-item__title">
          <span className="visually-hidden">{s.keepPrefix}</span>
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
      {kept ? null : <span className="parsed-item__dropped-tag">{s.droppedTag}</span>}
    </li>
  );
}

const TaskItem = memo(function TaskItem({ task, ...rest }: ItemProps & { task: Task }) {
  const lead = task.owners.filter((o) => o.role === 'lead');
  const co = task.owners.filter((o) => o.role === 'co');
  const ownerText = (list: typeof lead) =>
    list.length === 0 ? s.noOwner : list.map((o) => (o.inferred ? `${o.name}${s.suggestedSuffix}` : o.name)).join('、');
  return (
    <ItemShell id={task.id} title={task.title} {...rest}>
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
    </ItemShell>
  );
});

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
