/**
 * 督查督办: the office's supervision centre. Left, the queue (挂牌 first, then overdue, due soon
 * and items waiting for a decision); right, the chosen task with every action and its record.
 * The chosen task is in the address (#/supervision?task=…), so it can be bookmarked or sent.
 */
import { memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TaskState } from '@/domain/events';
import type { Task } from '@/domain/model';
import { EmptyState } from '@/components/empty-state';
import { AttachmentList, EventHistory } from '@/components/event-history';
import { SelectField, TextField } from '@/components/field';
import { LightBadge } from '@/components/light-badge';
import { PageHeader } from '@/components/page-header';
import { SourceQuote } from '@/components/source-quote';
import { formatDate, formatDateTime, formatDueRelative, formatPercent } from '@/lib/format';
import { href, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWrite } from '@/store/slices/signing';
import { useTaskStates, useToday } from '@/store/selectors';
import { buildQueue, filterQueue, type QueueRow } from './supervision-queue';
import { ExtensionDecision, FlagButton, InspectionForm, NoticeForm, ReviewForm, UrgeForm } from './task-actions';
import './supervision.css';

const s = t.supervision;
export const QUEUE_PAGE_SIZE = 50;

export function SupervisionPage() {
  const plan = useLuoshi((st) => st.plan);
  const states = useTaskStates();
  const today = useToday();
  const { query } = useRoute();
  const selectedId = query.task ?? null;
  const [view, setView] = useState<'attention' | 'all'>('attention');
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [page, setPage] = useState(0);

  const queue = useMemo(() => buildQueue(plan, states, today), [plan, states, today]);
  const filtered = useMemo(() => filterQueue(queue, view, deferredSearch), [queue, view, deferredSearch]);
  const pageCount = Math.max(1, Math.ceil(filtered.length / QUEUE_PAGE_SIZE));
  const safePage = Math.min(page, pageCount - 1);
  const visible = filtered.slice(safePage * QUEUE_PAGE_SIZE, (safePage + 1) * QUEUE_PAGE_SIZE);
  const selected = selectedId ? queue.find((r) => r.task.id === selectedId) : undefined;

  const header = <PageHeader title={s.title} description={s.description} />;

  if (plan.tasks.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title={s.noPlanTitle}
          action={
            <a className="btn btn--primary" href="#/import">
              {t.dashboard.emptyAction}
            </a>
          }
        >
          <p>{s.noPlanBody}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <div className="supervision">
      {header}
      <div className="supervision__layout">
        <section className="supervision__queue card" aria-labelledby="queue-title">
          <div className="card__header">
            <h2 id="queue-title">{s.queueTitle}</h2>
            <span className="muted small" aria-live="polite">
              {s.queueCount(filtered.length)}
            </span>
          </div>
          <div className="supervision__filters">
            <SelectField
              label={s.viewLabel}
              value={view}
              options={[
                { value: 'attention', label: s.viewAttention },
                { value: 'all', label: s.viewAll },
              ]}
              onChange={(e) => {
                setView(e.target.value === 'all' ? 'all' : 'attention');
                setPage(0);
              }}
            />
            <TextField
              label={s.searchLabel}
              type="search"
              placeholder={s.searchPlaceholder}
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setPage(0);
              }}
            />
          </div>
          {filtered.length === 0 ? (
            <EmptyState title={search ? s.queueEmptySearch : s.queueEmpty} compact />
          ) : (
            <>
              <QueueTable rows={visible} selectedId={selectedId} today={today} />
              {pageCount > 1 ? (
                <nav className="pager btn-row" aria-label={s.queueTitle}>
                  <button type="button" className="btn btn--small" disabled={safePage === 0} onClick={() => setPage(safePage - 1)}>
                    {s.prevPage}
                  </button>
                  <span className="small">{s.pageInfo(safePage * QUEUE_PAGE_SIZE + 1, safePage * QUEUE_PAGE_SIZE + visible.length, filtered.length)}</span>
                  <button type="button" className="btn btn--small" disabled={safePage >= pageCount - 1} onClick={() => setPage(safePage + 1)}>
                    {s.nextPage}
                  </button>
                </nav>
              ) : null}
            </>
          )}
        </section>
        <div className="supervision__detail">
          {selected ? (
            <TaskPanel key={selected.task.id} row={selected} sourceText={plan.sourceText} today={today} />
          ) : (
            <EmptyState title={s.selectHint} compact />
          )}
        </div>
      </div>
    </div>
  );
}

const QueueTable = memo(function QueueTable({ rows, selectedId, today }: { rows: QueueRow[]; selectedId: string | null; today: string }) {
  return (
    <div className="table-wrap">
      <table className="table queue-table">
        <thead>
          <tr>
            <th scope="col">{s.colLight}</th>
            <th scope="col">{s.colTask}</th>
            <th scope="col">{s.colDue}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <QueueRowView key={r.task.id} row={r} selected={r.task.id === selectedId} today={today} />
          ))}
        </tbody>
      </table>
    </div>
  );
});

const QueueRowView = memo(function QueueRowView({ row, selected, today }: { row: QueueRow; selected: boolean; today: string }) {
  const lead = row.task.owners.filter((o) => o.role === 'lead').map((o) => o.name).join('、') || s.noOwner;
  return (
    <tr className={selected ? 'queue-table__row is-selected' : 'queue-table__row'} aria-current={selected ? 'true' : undefined}>
      <td>
        <LightBadge light={row.detail.light} />
      </td>
      <td>
        <a href={href('/supervision', { task: row.task.id })} className="queue-table__title">
          {row.task.title}
        </a>
        <div className="queue-table__sub small muted">{lead}</div>
        <Tags row={row} />
      </td>
      <td className="queue-table__due small">
        {formatDate(row.detail.due)}
        {row.detail.due && !row.state.done ? <div className="muted">{formatDueRelative(row.detail.due, today)}</div> : null}
      </td>
    </tr>
  );
});

function Tags({ row }: { row: QueueRow }) {
  const tags: { key: string; label: string; cls: string }[] = [];
  if (row.flagged) tags.push({ key: 'flag', label: s.tagFlagged, cls: 'tag tag--flag' });
  if (row.overdue) tags.push({ key: 'overdue', label: s.tagOverdue, cls: 'tag tag--warn' });
  else if (row.dueSoon) tags.push({ key: 'soon', label: s.tagDueSoon, cls: 'tag' });
  if (row.behindPace) tags.push({ key: 'pace', label: s.tagBehind, cls: 'tag' });
  if (row.extension) tags.push({ key: 'ext', label: s.tagExtension, cls: 'tag' });
  if (row.awaitingReview) tags.push({ key: 'review', label: s.tagReview, cls: 'tag' });
  if (row.mismatch) tags.push({ key: 'mismatch', label: s.tagMismatch, cls: 'tag tag--warn' });
  if (row.awaitingReply) tags.push({ key: 'reply', label: row.replyLate ? s.tagReplyLate : s.tagReply, cls: row.replyLate ? 'tag tag--warn' : 'tag' });
  if (row.unreceived) tags.push({ key: 'receipt', label: s.tagUnreceived, cls: 'tag' });
  if (row.reportOverdue) tags.push({ key: 'silent', label: s.tagSilent, cls: 'tag' });
  if (row.dueBeforeAssigned) tags.push({ key: 'due', label: s.tagDueBeforeAssigned, cls: 'tag tag--flag' });
  if (!tags.length) return null;
  return (
    <div className="tags">
      {tags.map((x) => (
        <span key={x.key} className={x.cls}>
          {x.label}
        </span>
      ))}
    </div>
  );
}

function TaskPanel({ row, sourceText, today }: { row: QueueRow; sourceText: string; today: string }) {
  const { task, state } = row;
  const ref = useRef<HTMLElement>(null);
  // Opening a task moves to it: on a narrow screen the panel sits below the whole queue.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView?.({ block: 'start' });
    el.querySelector<HTMLElement>('#task-panel-title')?.focus({ preventScroll: true });
  }, []);
  // A browser without the office's private key is shown the office's screens read-only.
  const canWrite = useLuoshi(selectCanWrite);
  return (
    <article ref={ref} className="card task-panel" aria-labelledby="task-panel-title">
      <p className="task-panel__eyebrow small muted">{s.detailTitle}</p>
      <h2 id="task-panel-title" tabIndex={-1}>
        {task.title}
      </h2>
      <div className="task-panel__badges">
        <LightBadge light={row.detail.light} />
        <Tags row={row} />
      </div>
      <TaskFacts task={task} state={state} today={today} />
      {state.mismatch ? (
        <p className="banner banner--error" role="alert">
          {s.mismatchWarning}
        </p>
      ) : null}
      <SourceQuote quote={task.quote} source={task.source} sourceText={sourceText} />
      <CycleFacts state={state} today={today} />
      <div className="btn-row task-panel__top-actions">
        {canWrite ? <FlagButton taskId={task.id} flagged={state.flagged} /> : null}
        <a className="btn" href={`#/notice/${encodeURIComponent(task.id)}`}>
          {state.assignment || !canWrite ? s.printNotice : s.assignNotice}
        </a>
      </div>

      {canWrite ? (
        <div className="action-grid">
          <UrgeForm taskId={task.id} today={today} />
          <InspectionForm taskId={task.id} today={today} />
          <NoticeForm taskId={task.id} />
          <ExtensionDecision key={state.pendingExtension?.requestId ?? 'none'} taskId={task.id} state={state} />
          <ReviewForm taskId={task.id} state={state} awaiting={row.awaitingReview} />
        </div>
      ) : null}

      <section className="task-panel__history" aria-labelledby="history-title">
        <h3 id="history-title">{s.historyTitle}</h3>
        <EventHistory events={state.events} headingId="history-title" />
      </section>
    </article>
  );
}

/** Where the task stands in the cycle: 交办, 签收, urges and replies, the evidence of completion. */
function CycleFacts({ state, today }: { state: TaskState; today: string }) {
  return (
    <section className="cycle-facts" aria-labelledby="cycle-facts-h">
      <h3 id="cycle-facts-h" className="visually-hidden">
        {s.cycleTitle}
      </h3>
      <dl className="facts">
        <div>
          <dt>{s.assignedOn}</dt>
          <dd>{state.assignedOn ? formatDate(state.assignedOn) : '—'}</dd>
        </div>
        <div>
          <dt>{s.noticeNumber}</dt>
          <dd>
            {state.assignment ? t.events.register(state.assignment.year, state.assignment.number) : <span className="muted">{s.notAssigned}</span>}
            {state.assignment?.replyBy ? <div className="small">{s.assignReplyBy(formatDate(state.assignment.replyBy))}</div> : null}
          </dd>
        </div>
        <div className="facts__wide">
          <dt>{s.receiptLabel}</dt>
          <dd>
            {state.receipts.length === 0 ? (
              <span className="muted">{s.noReceipt}</span>
            ) : (
              state.receipts.map((r) => (
                <div key={r.unit}>{s.receiptLine(r.unit, r.handler, r.phone, formatDateTime(r.at))}</div>
              ))
            )}
          </dd>
        </div>
        {state.urgeLog.length ? (
          <div className="facts__wide">
            <dt>{s.urgeLogLabel}</dt>
            <dd>
              <ul className="urge-log">
                {state.urgeLog.map((u) => (
                  <li key={u.id}>
                    {formatDateTime(u.at)} {t.events.urgeWith(u.method ? t.events.urgeMethods[u.method] : null, u.replyBy ? formatDate(u.replyBy) : null)}
                    {u.reply ? (
                      <span>
                        {' '}
                        — {s.replied(formatDateTime(u.reply.at))}：{u.reply.note}
                      </span>
                    ) : (
                      <strong className={u.replyBy && u.replyBy < today ? 'text-bad' : undefined}> — {u.replyBy && u.replyBy < today ? s.replyOverdue : s.notReplied}</strong>
                    )}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {state.evidence ? (
          <div className="facts__wide">
            <dt>{s.evidenceLabel}</dt>
            <dd>
              {state.evidence.note || <span className="muted">{s.noEvidence}</span>}
              {state.evidence.attachments.length ? <AttachmentList attachments={state.evidence.attachments} /> : null}
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

function TaskFacts({ task, state, today }: { task: Task; state: TaskState; today: string }) {
  const leads = task.owners.filter((o) => o.role === 'lead').map((o) => o.name);
  const cos = task.owners.filter((o) => o.role === 'co').map((o) => o.name);
  return (
    <dl className="facts">
      <div>
        <dt>{s.lead}</dt>
        <dd>{leads.join('、') || s.noOwner}</dd>
      </div>
      {cos.length ? (
        <div>
          <dt>{s.co}</dt>
          <dd>{cos.join('、')}</dd>
        </div>
      ) : null}
      <div>
        <dt>{s.dueLabel}</dt>
        <dd>
          {state.due ? formatDate(state.due) : task.deadline.label || '—'}
          {state.due && !state.done ? <span className="muted">（{formatDueRelative(state.due, today)}）</span> : null}
          {state.originalDue && state.due !== state.originalDue ? <div className="small">{s.originalDue(formatDate(state.originalDue))}</div> : null}
        </dd>
      </div>
      <div>
        <dt>{s.progressLabel}</dt>
        <dd>{formatPercent(state.percent)}</dd>
      </div>
      <div className="facts__wide">
        <dt>{s.lastNote}</dt>
        <dd>{state.lastNote || <span className="muted">{s.noNote}</span>}</dd>
      </div>
    </dl>
  );
}
