/**
 * The app's own work at city scale (1,000 tasks, 100 units, 20,000 events), in Node:
 *  - deriving every task's state from the event log (deriveAllStates);
 *  - the dashboard's figures (computeDashboard: lights, rates, sections, ranking, 红黑榜);
 *  - every task's traffic light on its own (what a list of 1,000 rows computes);
 *  - one tick through the real store: from store.record() to the data written to a fake
 *    in-memory localStorage, i.e. what a click costs apart from React and the paint.
 * The figures are medians over repeated runs; budgets mirror the browser's (a tick's work must
 * leave room inside the 50 ms click-to-paint budget, the dashboard's inside 150 ms).
 */
import { generateCity } from './fixtures';
import { median, time, type BenchRow } from './lib';
import { deriveAllStates } from '../src/domain/events';
import { computeDashboard } from '../src/domain/dashboard';
import { taskLight } from '../src/domain/lights';
import { storeTickRows } from './app-store';

const BUDGET_TICK_MS = 50;
const BUDGET_DASHBOARD_MS = 150;

export default async function appBench(): Promise<BenchRow[]> {
  const city = generateCity();
  const { plan, units, events, today } = city;
  const size = { tasks: plan.tasks.length, events: events.length };
  const rows: BenchRow[] = [];

  const derive = time(() => deriveAllStates(plan, events), 15, 3);
  rows.push({ group: 'app', name: 'deriveAllStates (1,000 tasks / 20,000 events)', median: median(derive), unit: 'ms', runs: derive.length, extra: { ...size, eventsPerMs: Math.round(events.length / median(derive)) } });

  const states = deriveAllStates(plan, events);
  const dash = time(() => computeDashboard(plan, states, today, { units }), 15, 3);
  rows.push({ group: 'app', name: 'computeDashboard (states given)', median: median(dash), unit: 'ms', runs: dash.length });

  const both = time(() => computeDashboard(plan, deriveAllStates(plan, events), today, { units }), 15, 3);
  const bm = median(both);
  rows.push({
    group: 'app',
    name: 'dashboard figures from scratch (derive + compute)',
    median: bm,
    unit: 'ms',
    runs: both.length,
    extra: { budgetMs: BUDGET_DASHBOARD_MS, budget: bm <= BUDGET_DASHBOARD_MS ? 'ok' : 'FAIL' },
  });

  const lights = time(() => {
    for (const t of plan.tasks) taskLight(states.get(t.id)!, t, today, plan.year);
  }, 15, 3);
  rows.push({ group: 'app', name: 'taskLight × 1,000 tasks', median: median(lights), unit: 'ms', runs: lights.length });

  // The tick through the store at three sizes of the log: it must not grow with it.
  const ticks: BenchRow[][] = [];
  for (const n of [20_000, 100_000, 200_000]) ticks.push(await storeTickRows(n === events.length ? city : generateCity({ events: n }), BUDGET_TICK_MS));
  const persisted = ticks.map((r) => r.find((x) => x.name.includes('persisted'))!);
  for (const r of ticks) rows.push(...r);
  const ratio = persisted[2]!.median / persisted[0]!.median;
  rows.push({ group: 'app', name: 'store: tick → persisted, 200k ÷ 20k', median: ratio, unit: '×', runs: 1, extra: { budget: ratio <= 1.3 ? 'ok' : 'FAIL' } });
  return rows;
}
