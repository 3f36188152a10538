/**
 * 我的任务: a department's checklist. Its tasks grouped by urgency (已逾期, 3日内到期, 本月到期,
 * 其他, 已完成), each ticked off with one click (optionally with an evidence note), with progress,
 * extension requests and the supervision records addressed to the unit; plus the progress-report
 * file the unit sends back to the office. The office picks a unit to see its checklist.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Attachment } from '@/domain/model';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { UnitSelect } from '@/components/unit-select';
import { deriveTaskState, type TaskState } from '@/domain/events';
import { taskLight, type Light } from '@/domain/lights';
import type { Task } from '@/domain/model';
import { unitsInPlan } from '@/domain/task-filter';
import { groupByUrgency, tasksOfUnit, URGENCY_ORDER, type UrgencyGroup } from '@/domain/urgency';
import { navigate, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useTaskStates, useToday } from '@/store/selectors';
import { ReportExportButton } from './report-export-button';
import { SupervisionFeed } from './supervision-feed';
import { TaskCard, type CardActions } from './task-card';
import { ReceiptForm } from './cycle-forms';
import './checklist.css';

const s = t.my;

export interface ChecklistItem {
  task: Task;
  state: TaskState;
  light: Light;
  role: 'lead' | 'co';
}

export function ChecklistPage() {
  const identity = useLuoshi((st) => st.identity);
  const units = useLuoshi((st) => st.units);
  const plan = useLuoshi((st) => st.plan);
  const { query } = useRoute();
  const planUnits = useMemo(() => unitsInPlan(plan), [plan]);

  // Keyed by unit: another unit's checklist starts afresh (no pins, no half-typed notes carried over).
  if (identity.kind === 'unit') return <Checklist key={identity.name} unitName={identity.name} />;

  // The office chooses whose checklist to see; the choice lives in the address (#/my?unit=…)
  // so it can be bookmarked and printed.
  const chosen = query.unit ?? '';
  return (
    <div className="checklist-page">
      <PageHeader title={s.title} description={s.descriptionOffice} />
      <div className="card checklist-picker">
        <div className="field">
          <label className="field__label" htmlFor="my-unit">
            {s.pickUnit}
          </label>
          <UnitSelect
            id="my-unit"
            value={chosen}
            onChange={(name) => navigate(name ? `/my?unit=${encodeURIComponent(name)}` : '/my', { replace: true })}
            units={units}
            extraNames={planUnits}
            emptyLabel={s.pickUnitPlaceholder}
          />
        </div>
      </div>
      {chosen ? (
        <Checklist key={chosen} unitName={chosen} embedded />
      ) : (
        <EmptyState title={s.pickUnitTitle}>
          <p>{s.pickUnitHint}</p>
        </EmptyState>
      )}
    </div>
  );
}

function Checklist({ unitName, embedded = false }: { unitName: string; embedded?: boolean }) {
  const plan = useLuoshi((st) => st.plan);
  const units = useLuoshi((st) => st.units);
  const record = useLuoshi((st) => st.record);
  const notify = useLuoshi((st) => st.notify);
  const isUnit = useLuoshi((st) => st.identity.kind === 'unit' && st.identity.name === unitName);
  const states = useTaskStates();
  const today = useToday();

  // An item keeps its object while its task, state and light are unchanged, so a tick re-renders
  // the one card it changed, not every card of the unit (TaskCard is memoised on its item).
  const itemCache = useRef(new Map<string, ChecklistItem>());
  const items = useMemo<ChecklistItem[]>(() => {
    const cache = itemCache.current;
    const next = new Map<string, ChecklistItem>();
    const list = tasksOfUnit(plan.tasks, unitName, units).map(({ task, role }) => {
      const state = states.get(task.id) ?? deriveTaskState(task, []);
      const light = taskLight(state, task, today, plan.year);
      const prev = cache.get(task.id);
      const item = prev && prev.task === task && prev.state === state && prev.role === role && prev.light === light ? prev : { task, state, role, light };
      next.set(task.id, item);
      return item;
    });
    itemCache.current = next;
    return list;
  }, [plan, unitName, units, states, today]);
  // A task ticked (or unticked) here stays where it was until the page is next opened: the card
  // does not jump away under the pointer, a mistaken tick is undone with a second click in the
  // same place, and keyboard focus stays on the box. The counts say where things really stand.
  const [pins, setPins] = useState<ReadonlyMap<string, UrgencyGroup>>(() => new Map());
  const real = useMemo(() => groupByUrgency(items, (i) => ({ done: i.state.done, due: i.state.due }), today), [items, today]);
  const groups = useMemo(
    () => (pins.size === 0 ? real : groupByUrgency(items, (i) => ({ done: i.state.done, due: i.state.due, pinned: pins.get(i.task.id) }), today)),
    [real, items, today, pins],
  );

  // Each action answers with the store's refusal (a Chinese sentence) or null when recorded.
  const attempt = useCallback(
    (run: () => void): string | null => {
      try {
        run();
        return null;
      } catch (e) {
        return e instanceof Error ? e.message : String(e);
      }
    },
    [],
  );
  const actions = useMemo<CardActions>(
    () => ({
      tick: (taskId: string, shownIn: UrgencyGroup, done: boolean, note: string, attachments?: Attachment[]) =>
        attempt(() => {
          record({ type: 'tick', taskId, done, note, ...(attachments?.length ? { attachments } : {}) });
          setPins((prev) => (prev.get(taskId) === shownIn ? prev : new Map(prev).set(taskId, shownIn)));
        }),
      receipt: (taskId: string, handler: string, phone: string) =>
        attempt(() => {
          record({ type: 'receipt', taskId, handler, phone });
          notify('success', s.receiptDone);
        }),
      reply: (taskId: string, urgeId: string, note: string) =>
        attempt(() => {
          record({ type: 'reply', taskId, urgeId, note });
          notify('success', s.replyDone);
        }),
    }),
    [attempt, record, notify],
  );
  // The unit's last 承办人 and phone: the next 签收 starts from them.
  const contact = useMemo(() => {
    let latest: { handler: string; phone: string; at: string } | null = null;
    for (const i of items) for (const r of i.state.receipts) if (r.unit === unitName && (!latest || r.at > latest.at)) latest = r;
    return latest ? { handler: latest.handler, phone: latest.phone } : EMPTY_CONTACT;
  }, [items, unitName]);
  const unsigned = useMemo(() => items.filter((i) => !i.state.done && !i.state.receipts.some((r) => r.unit === unitName)), [items, unitName]);

  const header = embedded ? (
    <div className="checklist-subheader">
      <h2>{s.unitHeading(unitName)}</h2>
      <ReportExportButton unitName={unitName} />
    </div>
  ) : (
    <PageHeader title={s.title} description={s.descriptionUnit(unitName)} actions={<ReportExportButton unitName={unitName} />} />
  );

  if (items.length === 0) {
    return (
      <div className={embedded ? undefined : 'checklist-page'}>
        {header}
        <EmptyState title={s.emptyTitle(unitName)}>
          <p>{s.emptyHint}</p>
        </EmptyState>
      </div>
    );
  }

  return (
    <div className={embedded ? undefined : 'checklist-page'}>
      {header}
      <p className="checklist-summary" role="status">
        {s.summary(items.length, real.done.length, real.overdue.length, real['due-soon'].length)}
      </p>
      {isUnit && unsigned.length > 0 ? (
        <section className="card checklist-receipt" aria-labelledby="my-receipt-h">
          <h2 id="my-receipt-h">{s.receiptAllTitle(unsigned.length)}</h2>
          <p className="small muted">{s.receiptAllHint}</p>
          <ReceiptForm
            key={`${contact.handler}|${contact.phone}`}
            initial={contact}
            submitLabel={s.receiptAll(unsigned.length)}
            onSubmit={(handler, phone) =>
              attempt(() => {
                for (const i of unsigned) record({ type: 'receipt', taskId: i.task.id, handler, phone });
                notify('success', s.receiptAllDone(unsigned.length));
              })
            }
          />
        </section>
      ) : null}
      <nav className="checklist-jump" aria-label={s.jumpLabel}>
        {URGENCY_ORDER.map((g) =>
          // Counts are the real state; the link goes to the group's section when one is shown
          // (a just-ticked card is still shown in the group it was ticked in).
          groups[g].length > 0 ? (
            <a
              key={g}
              href={`#/my${embedded ? `?unit=${encodeURIComponent(unitName)}` : ''}`}
              onClick={(e) => jumpTo(e, g)}
              className={`checklist-jump__link${real[g].length > 0 ? ` checklist-jump__link--${g}` : ''}`}
            >
              {s.group[g]} <span className="checklist-jump__count">{real[g].length}</span>
            </a>
          ) : (
            // An empty group is good news, said once here rather than as an empty section below.
            <span key={g} className={`checklist-jump__link${real[g].length === 0 ? ' checklist-jump__link--empty' : ''}`}>
              {s.group[g]} <span className="checklist-jump__count">{real[g].length}</span>
            </span>
          ),
        )}
      </nav>
      {URGENCY_ORDER.map((g) =>
        groups[g].length > 0 ? (
          <UrgencySection key={g} group={g} items={groups[g]} sourceText={plan.sourceText} today={today} card={{ unitName, isUnit, contact, actions }} />
        ) : null,
      )}
      <SupervisionFeed items={items} />
    </div>
  );
}

/** Scrolls to a group without changing the hash (the hash is the route). */
function jumpTo(e: React.MouseEvent, g: UrgencyGroup) {
  e.preventDefault();
  const el = document.getElementById(`group-${g}`);
  if (!el) return;
  el.scrollIntoView?.({ block: 'start' });
  el.focus({ preventScroll: true });
}

const EMPTY_CONTACT = { handler: '', phone: '' };

function UrgencySection({
  group,
  items,
  sourceText,
  today,
  card,
}: {
  group: UrgencyGroup;
  items: ChecklistItem[];
  sourceText: string;
  today: string;
  card: { unitName: string; isUnit: boolean; contact: { handler: string; phone: string }; actions: CardActions };
}) {
  return (
    <section className={`checklist-group checklist-group--${group}`} aria-labelledby={`group-${group}`}>
      <h2 id={`group-${group}`} tabIndex={-1} className="checklist-group__title">
        {s.group[group]}
        <span className="checklist-group__count">
          {s.groupCount(
            items.length,
            // Cards kept here after a tick although their state now belongs to another group.
            items.filter((i) => i.state.done !== (group === 'done')).length,
            group !== 'done',
          )}
        </span>
      </h2>
      <ul className="checklist-list">
        {items.map((item) => (
          <TaskCard key={item.task.id} item={item} group={group} sourceText={sourceText} today={today} {...card} />
        ))}
      </ul>
    </section>
  );
}
