/**
 * 督办消息: the urges, inspections, reviews, notices, extension decisions and flags the office
 * wrote about this unit's tasks, newest first, so a department head sees at once what was said.
 */
import { memo, useMemo, useRef, useState } from 'react';
import type { PlanEvent } from '@/domain/model';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import type { ChecklistItem } from './checklist-page';
import { eventText, eventTone, SUPERVISION_TYPES } from './event-text';

const s = t.my;
const FIRST = 20;

type FeedItem = { e: PlanEvent; title: string };

/** The same events in the same order (a tick gives its task a new state, and the same supervision records). */
const sameList = (a: readonly PlanEvent[], b: readonly PlanEvent[]) => a.length === b.length && a.every((e, i) => e === b[i]);

export const SupervisionFeed = memo(function SupervisionFeed({ items }: { items: readonly ChecklistItem[] }) {
  const [all, setAll] = useState(false);
  // A tick changes one task's state and none of the supervision records: only that task's events
  // are read again, and the feed (every record of the unit's tasks, sorted) is kept. Read and
  // sorted anew on each tick, it cost ~9 ms a click at 200,000 events (36 tasks × 200 events).
  const perTask = useRef(new Map<string, { state: ChecklistItem['state']; list: readonly PlanEvent[] }>());
  const last = useRef<{ lists: (readonly PlanEvent[])[]; titles: string[]; feed: FeedItem[] } | null>(null);
  const feed = useMemo(() => {
    const known = perTask.current;
    const next = new Map<string, { state: ChecklistItem['state']; list: readonly PlanEvent[] }>();
    const lists = items.map(({ task, state }) => {
      const had = known.get(task.id);
      let list = had?.list;
      if (!had || had.state !== state) {
        const fresh = state.events.filter((e) => SUPERVISION_TYPES.has(e.type));
        list = had && sameList(had.list, fresh) ? had.list : fresh;
      }
      next.set(task.id, { state, list: list! });
      return list!;
    });
    perTask.current = next;
    const titles = items.map((i) => i.task.title);
    const prev = last.current;
    if (prev && prev.lists.length === lists.length && lists.every((l, k) => l === prev.lists[k] && titles[k] === prev.titles[k])) return prev.feed;
    const out: FeedItem[] = [];
    lists.forEach((l, k) => {
      for (const e of l) out.push({ e, title: titles[k]! });
    });
    // Newest first; ISO strings of one writer compare as instants, the id breaks ties.
    out.sort((a, b) => (a.e.at === b.e.at ? (a.e.id < b.e.id ? 1 : -1) : a.e.at < b.e.at ? 1 : -1));
    last.current = { lists, titles, feed: out };
    return out;
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
