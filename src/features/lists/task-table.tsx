/**
 * The three lists' table: one memoised row per task (任务, 牵头单位, 配合单位, 时限, 状态, 进度, 灯,
 * 挂牌), and for the office the row's editor opened in place below it.
 */
import { memo, useCallback } from 'react';
import { LightBadge } from '@/components/light-badge';
import type { IsoDate, Plan, Task, Unit } from '@/domain/model';
import type { TaskRow, TaskSort } from '@/domain/task-filter';
import { formatDate, formatDueRelative } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { TaskEditor } from './task-editor';

const s = t.lists;

export interface TaskTableProps {
  rows: readonly TaskRow[];
  sort: TaskSort;
  editable: boolean;
  expandedId: string | null;
  selected: ReadonlySet<string>;
  onToggleSelect: (id: string, on: boolean) => void;
  onToggleExpand: (id: string) => void;
  onAskDelete: (task: Task) => void;
  plan: Plan;
  units: readonly Unit[];
  planUnits: readonly string[];
  today: IsoDate;
}

const SORT_COLUMN: Record<TaskSort['key'], string> = { section: '', deadline: 'deadline', light: 'light', unit: 'lead' };

export function TaskTable({
  rows,
  sort,
  editable,
  expandedId,
  selected,
  onToggleSelect,
  onToggleExpand,
  onAskDelete,
  plan,
  units,
  planUnits,
  today,
}: TaskTableProps) {
  const setOwners = useLuoshi((st) => st.setOwners);
  const record = useLuoshi((st) => st.record);
  const onConfirmOwners = useCallback(
    (task: Task) => setOwners(task.id, task.owners.map((o) => ({ ...o, inferred: false }))),
    [setOwners],
  );
  const onToggleFlag = useCallback(
    (task: Task, flagged: boolean) => record({ type: 'flag', taskId: task.id, flagged, note: '' }),
    [record],
  );
  const ariaSort = (col: string) => (SORT_COLUMN[sort.key] === col ? 'ascending' : undefined);
  const columns = editable ? 9 : 8;

  return (
    <div className="table-wrap lists-table-wrap">
      <table className="table lists-table">
        <caption className="visually-hidden">{s.tableCaption}</caption>
        <thead>
          <tr>
            {editable ? (
              <th scope="col" className="lists-table__select">
                <span className="visually-hidden">{s.selectColumn}</span>
              </th>
            ) : null}
            <th scope="col">{s.colTask}</th>
            <th scope="col" aria-sort={ariaSort('lead')}>
              {s.colLead}
            </th>
            <th scope="col">{s.colCo}</th>
            <th scope="col" aria-sort={ariaSort('deadline')}>
              {s.colDeadline}
            </th>
            <th scope="col">{s.colStatus}</th>
            <th scope="col" className="num">
              {s.colProgress}
            </th>
            <th scope="col" aria-sort={ariaSort('light')}>
              {s.colLight}
            </th>
            <th scope="col">{s.colFlag}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <TaskRowGroup
              key={row.task.id}
              row={row}
              editable={editable}
              expanded={expandedId === row.task.id}
              selected={selected.has(row.task.id)}
              onToggleSelect={onToggleSelect}
              onToggleExpand={onToggleExpand}
              onAskDelete={onAskDelete}
              onConfirmOwners={onConfirmOwners}
              onToggleFlag={onToggleFlag}
              today={today}
              columns={columns}
              // Only the open row needs the plan and registry; others get nulls so memo holds.
              plan={expandedId === row.task.id ? plan : null}
              units={units}
              planUnits={planUnits}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface RowProps {
  row: TaskRow;
  editable: boolean;
  expanded: boolean;
  selected: boolean;
  onToggleSelect: (id: string, on: boolean) => void;
  onToggleExpand: (id: string) => void;
  onAskDelete: (task: Task) => void;
  onConfirmOwners: (task: Task) => void;
  onToggleFlag: (task: Task, flagged: boolean) => void;
  today: IsoDate;
  columns: number;
  plan: Plan | null;
  units: readonly Unit[];
  planUnits: readonly string[];
}

const TaskRowGroup = memo(function TaskRowGroup(props: RowProps) {
  const { row, editable, expanded, selected, onToggleSelect, onToggleExpand, onAskDelete, onConfirmOwners, onToggleFlag, today, columns, plan } =
    props;
  const { task } = row;
  const leadOwner = task.owners.find((o) => o.role === 'lead');
  const coOwners = task.owners.filter((o) => o.role === 'co');
  const hasInferred = task.owners.some((o) => o.inferred);
  const editorId = `task-editor-${task.id}`;
  const extended = row.due !== task.deadline.due;

  return (
    <>
      <tr className={[row.flagged ? 'lists-row--flagged' : '', expanded ? 'lists-row--open' : ''].filter(Boolean).join(' ')}>
        {editable ? (
          <td className="lists-table__select">
            <input type="checkbox" checked={selected} aria-label={s.selectTask(task.title)} onChange={(e) => onToggleSelect(task.id, e.target.checked)} />
          </td>
        ) : null}
        <th scope="row" className="lists-table__title">
          <button
            type="button"
            className="lists-title-btn"
            aria-expanded={expanded}
            aria-controls={expanded ? editorId : undefined}
            onClick={() => onToggleExpand(task.id)}
          >
            {task.title}
          </button>
        </th>
        <td data-label={s.colLead}>
          {leadOwner ? <OwnerName name={leadOwner.name} inferred={leadOwner.inferred} /> : <span className="tag tag--warn">{s.noLead}</span>}
          {editable && hasInferred ? (
            <button type="button" className="btn btn--small lists-confirm-btn" onClick={() => onConfirmOwners(task)}>
              {s.confirmSuggested}
              <span className="visually-hidden">：{task.title}</span>
            </button>
          ) : null}
        </td>
        <td data-label={s.colCo}>
          {coOwners.length === 0
            ? '—'
            : coOwners.map((o, i) => (
                <span key={o.name}>
                  {i > 0 ? '、' : null}
                  <OwnerName name={o.name} inferred={o.inferred} />
                </span>
              ))}
        </td>
        <td className="lists-table__deadline" data-label={s.colDeadline}>
          <DeadlineCell task={task} due={row.due} extended={extended} done={row.status === 'done'} today={today} />
        </td>
        <td className="nowrap" data-label={s.colStatus}>
          {s.statusLabel[row.status]}
        </td>
        <td className="num nowrap lists-table__progress" data-label={s.colProgress}>
          {Math.round(row.percent)}%
          <span className="lists-progress" aria-hidden="true">
            <span className="lists-progress__bar" style={{ width: `${row.percent}%` }} />
          </span>
        </td>
        <td className="nowrap" data-label={s.colLight}>
          <LightBadge light={row.light} />
        </td>
        <td className="nowrap" data-label={s.colFlag}>
          {editable ? (
            <button
              type="button"
              className={row.flagged ? 'btn btn--small lists-flag lists-flag--on' : 'btn btn--small lists-flag'}
              aria-pressed={row.flagged}
              onClick={() => onToggleFlag(task, !row.flagged)}
            >
              {row.flagged ? s.flagOn : s.flagOff}
              <span className="visually-hidden">：{task.title}</span>
            </button>
          ) : row.flagged ? (
            <span className="tag tag--flag">{s.flagOn}</span>
          ) : (
            '—'
          )}
        </td>
      </tr>
      {expanded && plan ? (
        <tr className="lists-editor-row">
          <td colSpan={columns} id={editorId}>
            <TaskEditor
              task={task}
              flagged={row.flagged}
              editable={editable}
              plan={plan}
              units={props.units}
              planUnits={props.planUnits}
              onClose={() => onToggleExpand(task.id)}
              onDelete={() => onAskDelete(task)}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
});

function OwnerName({ name, inferred }: { name: string; inferred: boolean }) {
  return (
    <span className={inferred ? 'lists-owner lists-owner--suggested' : 'lists-owner'}>
      {name}
      {inferred ? <span className="tag lists-suggested-tag">{s.suggested}</span> : null}
    </span>
  );
}

function DeadlineCell({ task, due, extended, done, today }: { task: Task; due: IsoDate | null; extended: boolean; done: boolean; today: IsoDate }) {
  const d = task.deadline;
  // The parser's own label for a filled-in deadline already says it was not in the text.
  const label = d.label && d.label !== d.due && !d.inferred ? d.label : null;
  if (d.kind === 'ongoing' && !due) return <span>{d.label || s.kindLabel.ongoing}</span>;
  if (!due) return <span>{d.label || s.kindLabel.soon}（{s.noDate}）</span>;
  return (
    <>
      <span className="nowrap">{formatDate(due)}</span>
      {label ? <span className="muted small">{label}</span> : null}
      {d.inferred ? <span className="muted small">{s.inferredDeadline}</span> : null}
      {extended ? <span className="muted small">{s.extendedFrom(formatDate(task.deadline.due))}</span> : null}
      {!done ? <span className="lists-due-rel small">{formatDueRelative(due, today)}</span> : null}
    </>
  );
}
