/**
 * 督办消息: the urges, inspections, reviews, notices, extension decisions and flags the office
 * wrote about this unit's tasks, newest first, so a department head sees at once what was said.
 */
import { memo, useMemo, useState } from 'react';
import type { PlanEvent } from '@/domain/model';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import type { ChecklistItem } from './checklist-page';
import { eventText, eventTone, SUPERVISION_TYPES } from './event-text';

const s = t.my;
const FIRST = 20;

export const SupervisionFeed = memo(function SupervisionFeed({ items }: { items: readonly ChecklistItem[] }) {
  const [all, setAll] = useState(false);
  const feed = useMemo(() => {
    const out: { e: PlanEvent; title: string }[] = [];
    for (const item of items) for (const e of item.state.events) if (SUPERVISION_TYPES.has(e.type)) out.push({ e, title: item.task.title });
    // Newest first; ISO strings of one writer compare as instants, the id breaks ties.
    return out.sort((a, b) => (a.e.at === b.e.at ? (a.e.id < b.e.id ? 1 : -1) : a.e.at < b.e.at ? 1 : -1));
  }, [items]);
  const shown = all ? feed : feed.slice(0, FIRST);

  return (
    <section className="card checklist-feed" aria-labelledby="my-feed-h">
      <h2 id="my-feed-h">{s.feedHeading(feed.length)}</h2>
      {feed.length === 0 ? (
        <p className="muted">{s.feedEmpty}</p>
      ) : (
        <ul className="checklist-feed__list">
          {shown.map(({ e, title }) => (
            <FeedRow key={e.id} e={e} title={title} />
          ))}
        </ul>
      )}
      {feed.length > FIRST ? (
        <button type="button" className="btn btn--link" aria-expanded={all} onClick={() => setAll((x) => !x)}>
          {all ? s.feedLess : s.feedMore(feed.length - FIRST)}
        </button>
      ) : null}
    </section>
  );
});

/** Events never change, so a row is rendered once (a tick elsewhere re-renders no row). */
const FeedRow = memo(function FeedRow({ e, title }: { e: PlanEvent; title: string }) {
  return (
    <li className={`task-card__event task-card__event--${eventTone(e)}`}>
      <span className="muted small">{formatDateTime(e.at)}</span> <strong>{eventText(e)}</strong>
      <span className="checklist-feed__task">：{title}</span>
      {e.note ? <span className="task-card__event-note">（{e.note}）</span> : null}
    </li>
  );
});
