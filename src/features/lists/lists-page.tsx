/**
 * 三张清单 (task, responsibility and time-limit lists): every task in one table with filters,
 * search and sort; the office edits in place (title, owners, deadline, flag), adds, splits, merges
 * and deletes tasks. A unit sees the same table read-only, filtered to itself by default.
 *
 * Speed at 1,000 tasks: rows are built once per (plan, events, today) change, filtered and sorted
 * in memoised steps, and only one page (PAGE_SIZE rows) is rendered, each row memoised.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { deriveTaskState } from '@/domain/events';
import { taskLight } from '@/domain/lights';
import type { Task } from '@/domain/model';
import { buildTaskRows, DEFAULT_SORT, EMPTY_FILTER, filterRows, sortRows, unitsInPlan, type TaskFilter, type TaskSort } from '@/domain/task-filter';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWrite } from '@/store/slices/signing';
import { useTaskStates, useToday } from '@/store/selectors';
import { AddTaskForm } from './add-task-form';
import { CsvExportButton } from '@/components/csv-export-button';
import { XlsxExportButton } from '@/components/xlsx-export-button';
import { ListsFilters } from './lists-filters';
import { Pager } from './pager';
import { TaskTable } from './task-table';
import './lists.css';

const s = t.lists;
export const PAGE_SIZE = 50;

export function ListsPage() {
  const identity = useLuoshi((st) => st.identity);
  // Remount on identity change: a unit's default filter is itself, the office's is everything.
  const key = identity.kind === 'office' ? 'office' : `unit:${identity.name}`;
  return <ListsWorkspace key={key} unitName={identity.kind === 'unit' ? identity.name : null} />;
}

function ListsWorkspace({ unitName }: { unitName: string | null }) {
  // The office edits the plan, and only in a browser holding the office's key (else a read-only view).
  const canWrite = useLuoshi(selectCanWrite);
  const editable = unitName === null && canWrite;
  const plan = useLuoshi((st) => st.plan);
  const units = useLuoshi((st) => st.units);
  const deleteTask = useLuoshi((st) => st.deleteTask);
  const mergeTasks = useLuoshi((st) => st.mergeTasks);
  const notify = useLuoshi((st) => st.notify);
  const states = useTaskStates();
  const today = useToday();

  const [filter, setFilter] = useState<TaskFilter>(() => ({ ...EMPTY_FILTER, unit: unitName ?? '' }));
  const [sort, setSort] = useState<TaskSort>(DEFAULT_SORT);
  const [page, setPage] = useState(0);
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [adding, setAdding] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<Task | null>(null);
  const [confirmMerge, setConfirmMerge] = useState(false);

  const rows = useMemo(
    () =>
      buildTaskRows(plan, states, (task, state) => taskLight(state ?? deriveTaskState(task, []), task, today, plan.year)),
    [plan, states, today],
  );
  const filtered = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const sorted = useMemo(() => sortRows(filtered, sort), [filtered, sort]);
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const safePage = Math.min(page, pageCount - 1);
  const visible = useMemo(() => sorted.slice(safePage * PAGE_SIZE, safePage * PAGE_SIZE + PAGE_SIZE), [sorted, safePage]);
  const planUnits = useMemo(() => unitsInPlan(plan), [plan]);

  // Selection only ever holds tasks that still exist (after a delete, merge or replace).
  const taskIds = useMemo(() => new Set(plan.tasks.map((x) => x.id)), [plan.tasks]);
  const selectedIds = useMemo(() => plan.tasks.filter((x) => selected.has(x.id)).map((x) => x.id), [plan.tasks, selected]);
  useEffect(() => {
    if (expandedId && !taskIds.has(expandedId)) setExpandedId(null);
  }, [expandedId, taskIds]);

  const onFilter = useCallback((next: TaskFilter) => {
    setFilter(next);
    setPage(0);
  }, []);
  const onToggleSelect = useCallback((id: string, on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);
  const onToggleExpand = useCallback((id: string) => setExpandedId((cur) => (cur === id ? null : id)), []);
  const onAskDelete = useCallback((task: Task) => setPendingDelete(task), []);

  const doDelete = () => {
    if (!pendingDelete) return;
    deleteTask(pendingDelete.id);
    setPendingDelete(null);
  };
  const doMerge = () => {
    const into = mergeTasks(selectedIds);
    setConfirmMerge(false);
    if (into) {
      setSelected(new Set());
      setExpandedId(into);
    } else notify('error', s.mergeFailed);
  };

  const selectedTitles = plan.tasks.filter((x) => selected.has(x.id)).map((x) => x.title);

  return (
    <div className="lists-page">
      <PageHeader
        title={s.title}
        description={unitName === null ? s.descriptionOffice : s.descriptionUnit(unitName ?? '')}
        actions={
          <>
            <a className="btn" href="#/print/lists">
              {s.print}
            </a>
            <CsvExportButton />
            <XlsxExportButton />
          </>
        }
      />

      <ListsFilters
        filter={filter}
        onFilter={onFilter}
        sort={sort}
        onSort={setSort}
        sections={plan.sections}
        units={units}
        planUnits={planUnits}
      />

      {editable ? (
        <div className="lists-toolbar" role="toolbar" aria-label={s.toolbar}>
          <button type="button" className="btn btn--primary" aria-expanded={adding} onClick={() => setAdding((x) => !x)}>
            {s.addTask}
          </button>
          <button type="button" className="btn" disabled={selectedIds.length < 2} onClick={() => setConfirmMerge(true)}>
            {s.mergeSelected(selectedIds.length)}
          </button>
          {selectedIds.length > 0 ? (
            <button type="button" className="btn btn--link" onClick={() => setSelected(new Set())}>
              {s.clearSelection}
            </button>
          ) : null}
        </div>
      ) : null}

      {adding ? (
        <AddTaskForm
          sections={plan.sections}
          units={units}
          planUnits={planUnits}
          planYear={plan.year}
          onDone={(id) => {
            setAdding(false);
            if (id) {
              setFilter({ ...EMPTY_FILTER });
              setExpandedId(id);
            }
          }}
        />
      ) : null}

      <p className="lists-count" role="status">
        {sorted.length === rows.length ? s.countAll(rows.length) : s.countFiltered(sorted.length, rows.length)}
      </p>

      {plan.tasks.length === 0 ? (
        <EmptyState
          title={s.emptyPlan}
          action={
            editable ? (
              <a className="btn btn--primary" href="#/import">
                {s.goImport}
              </a>
            ) : undefined
          }
        >
          <p>{editable ? s.emptyPlanHintOffice : s.emptyPlanHintUnit}</p>
        </EmptyState>
      ) : sorted.length === 0 ? (
        <EmptyState
          title={s.noMatch}
          action={
            <button type="button" className="btn" onClick={() => onFilter({ ...EMPTY_FILTER })}>
              {s.resetFilters}
            </button>
          }
        >
          <p>{s.noMatchHint}</p>
        </EmptyState>
      ) : (
        <>
          <TaskTable
            rows={visible}
            sort={sort}
            editable={editable}
            expandedId={expandedId}
            selected={selected}
            onToggleSelect={onToggleSelect}
            onToggleExpand={onToggleExpand}
            onAskDelete={onAskDelete}
            plan={plan}
            units={units}
            planUnits={planUnits}
            today={today}
          />
          <Pager page={safePage} pageCount={pageCount} total={sorted.length} pageSize={PAGE_SIZE} onPage={setPage} />
        </>
      )}

      <ConfirmDialog
        open={pendingDelete !== null}
        title={s.deleteTitle}
        confirmLabel={t.common.delete}
        danger
        onConfirm={doDelete}
        onCancel={() => setPendingDelete(null)}
      >
        <p>{pendingDelete ? s.deleteBody(pendingDelete.title) : null}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirmMerge}
        title={s.mergeTitle(selectedIds.length)}
        confirmLabel={s.mergeConfirm}
        onConfirm={doMerge}
        onCancel={() => setConfirmMerge(false)}
      >
        <p>{s.mergeBody(selectedTitles[0] ?? '')}</p>
        <ol className="lists-merge-list">
          {selectedTitles.map((title, i) => (
            <li key={i}>{title}</li>
          ))}
        </ol>
      </ConfirmDialog>
    </div>
  );
}
