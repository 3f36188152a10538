/**
 * 三张清单 and 我的任务 at city scale (1,000 tasks, 100 units, 20,000 events), in Node: the pure
 * work a re-render of the lists page does when the plan or the log changes (rows with lights,
 * then filter and sort), a keystroke in the search box (filter + sort only), and a unit's
 * checklist groups. React renders at most one page of 50 rows on top of this.
 */
import { generateCity, busiestUnit } from './fixtures';
import { median, time, type BenchRow } from './lib';
import { deriveAllStates } from '../src/domain/events';
import { taskLight } from '../src/domain/lights';
import { buildTaskRows, DEFAULT_SORT, EMPTY_FILTER, filterRows, sortRows } from '../src/domain/task-filter';
import { groupByUrgency, tasksOfUnit } from '../src/domain/urgency';

export default function listsBench(): BenchRow[] {
  const { plan, units, events, today } = generateCity();
  const states = deriveAllStates(plan, events);
  const lightOf = (task: (typeof plan.tasks)[number]) => taskLight(states.get(task.id)!, task, today, plan.year);
  const rows: BenchRow[] = [];

  const build = time(() => buildTaskRows(plan, states, lightOf), 15, 3);
  rows.push({ group: 'lists', name: 'buildTaskRows with lights (1,000 tasks)', median: median(build), unit: 'ms', runs: build.length });

  const built = buildTaskRows(plan, states, lightOf);
  const unit = busiestUnit({ plan, units, events, today });
  const search = time(() => sortRows(filterRows(built, { ...EMPTY_FILTER, query: '推进 建设' }), { key: 'deadline', flaggedFirst: true }), 15, 3);
  rows.push({ group: 'lists', name: 'search + sort by deadline (1,000 rows)', median: median(search), unit: 'ms', runs: search.length });

  const filtered = time(() => sortRows(filterRows(built, { ...EMPTY_FILTER, unit, light: 'red' }), DEFAULT_SORT), 15, 3);
  rows.push({ group: 'lists', name: 'filter unit+light, section sort', median: median(filtered), unit: 'ms', runs: filtered.length });

  const checklist = time(() => {
    const mine = tasksOfUnit(plan.tasks, unit, units);
    return groupByUrgency(mine, (m) => ({ done: states.get(m.task.id)!.done, due: states.get(m.task.id)!.due }), today);
  }, 15, 3);
  rows.push({
    group: 'lists',
    name: 'checklist groups of the busiest unit',
    median: median(checklist),
    unit: 'ms',
    runs: checklist.length,
    extra: { unitTasks: tasksOfUnit(plan.tasks, unit, units).length },
  });
  return rows;
}
