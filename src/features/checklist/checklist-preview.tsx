/**
 * 我的任务 while the history is still being read (a long log takes seconds at 200,000 events):
 * the unit's tasks straight from the working state (the plan), so the page is there at once.
 * No tick boxes and no states yet: whether a task is done comes from its events, and a box
 * shown unticked over a task already done would invite a wrong click. The page says so, and
 * the full checklist replaces this list as soon as the history is in.
 */
import { useMemo, type ReactNode } from 'react';
import { EmptyState } from '@/components/empty-state';
import { tasksOfUnit } from '@/domain/urgency';
import { formatDate } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.my;

export function ChecklistPreview({ unitName, header }: { unitName: string; header: ReactNode }) {
  const plan = useLuoshi((st) => st.plan);
  const units = useLuoshi((st) => st.units);
  // Deadline order (no date last), the plan's order within a day: close to where the urgency
  // groups will put them once the states are known.
  const items = useMemo(() => {
    const list = tasksOfUnit(plan.tasks, unitName, units);
    return list
      .map((x, i) => ({ ...x, i }))
      .sort((a, b) => {
        const da = a.task.deadline.due;
        const db = b.task.deadline.due;
        if (da !== db) return da === null ? 1 : db === null ? -1 : da < db ? -1 : 1;
        return a.i - b.i;
      });
  }, [plan, unitName, units]);

  // No task for this unit is known from the plan alone: said at once, as the checklist says it.
  if (items.length === 0) {
    return (
      <>
        {header}
        <EmptyState title={s.emptyTitle(unitName)}>
          <p>{s.emptyHint}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
      <p className="checklist-summary" role="status" aria-busy="true">
        {s.waitingForHistory(items.length)}
      </p>
      <ul className="checklist-list checklist-list--waiting" aria-label={s.unitHeading(unitName)}>
        {items.map(({ task, role }) => (
          <li key={task.id} className="task-card task-card--waiting">
            <div className="task-card__head">
              <span className="task-card__title">{task.title}</span>
            </div>
            <div className="task-card__meta task-card__meta--waiting">
              <span className="tag">{role === 'lead' ? s.roleLead : s.roleCo}</span>
              <span>
                {s.deadline}
                {task.deadline.due ? formatDate(task.deadline.due) : task.deadline.label || s.noDate}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
