/**
 * A task's record (督办记录): every event, newest first, in words. Shared by the supervision
 * centre and a unit's own task view.
 */
import { memo } from 'react';
import type { Attachment, PlanEvent } from '@/domain/model';
import { formatBytes, formatDate, formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const FINDING: Record<Extract<PlanEvent, { type: 'inspection' }>['finding'], string> = {
  'as-reported': t.supervision.findingAsReported,
  behind: t.supervision.findingBehind,
  'not-done': t.supervision.findingNotDone,
};

/** One event in a sentence: 报告进度 60%, 批准延期至 2025年6月30日… */
export function describeEvent(e: PlanEvent): string {
  const ev = t.events;
  switch (e.type) {
    case 'tick':
      return e.attachments?.length ? `${ev.tick(e.done)}${ev.attachmentsCount(e.attachments.length)}` : ev.tick(e.done);
    case 'progress':
      return ev.progress(e.percent);
    case 'status':
      return ev.status(ev.statusNames[e.status]);
    case 'extension-request':
      return ev.extensionRequest(formatDate(e.requestedDue));
    case 'extension-decision':
      return ev.extensionDecision(e.approved, e.newDue ? formatDate(e.newDue) : null);
    case 'review':
      return ev.review(e.accepted, e.grade);
    case 'urge':
      return ev.urgeWith(e.method ? ev.urgeMethods[e.method] : null, e.replyBy ? formatDate(e.replyBy) : null);
    case 'inspection':
      return ev.inspection(formatDate(e.date), FINDING[e.finding]);
    case 'notice':
      return ev.notice(e.kind === 'commend');
    case 'flag':
      return ev.flag(e.flagged);
    case 'assign':
      return ev.assign(ev.register(e.year, e.number), e.replyBy ? formatDate(e.replyBy) : null);
    case 'receipt':
      return ev.receipt(e.handler, e.phone);
    case 'reply':
      return ev.reply(e.urgeId !== null);
  }
}

/** Supervision events (written by the office) carry a marker so they stand out from reports. */
export const OFFICE_TYPES: ReadonlySet<PlanEvent['type']> = new Set(['urge', 'inspection', 'notice', 'flag', 'review', 'extension-decision', 'assign']);

export const EventHistory = memo(function EventHistory({
  events,
  emptyText = t.supervision.historyEmpty,
  headingId,
}: {
  events: readonly PlanEvent[];
  emptyText?: string;
  /** The heading that names the list, for aria-labelledby. */
  headingId?: string;
}) {
  // Records from before signing (and, for a moment, one just written) carry no signature: said so,
  // since a record without one proves nothing about who wrote it.
  const marks = useLuoshi((s) => s.signing.enabled);
  if (events.length === 0) return <p className="muted">{emptyText}</p>;
  const newestFirst = [...events].reverse();
  return (
    <ol className="event-history" aria-labelledby={headingId} reversed>
      {newestFirst.map((e) => (
        <li key={e.id} className={`event-history__item event-history__item--${e.type}${OFFICE_TYPES.has(e.type) ? ' event-history__item--office' : ''}`}>
          <p className="event-history__what">
            <strong>{describeEvent(e)}</strong>
            <span className="event-history__meta small muted">
              {' '}
              · {e.unit} · <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {marks && !e.sig ? <span className="event-history__unsigned"> · {t.signing.unsigned}</span> : null}
            </span>
          </p>
          {e.note ? <p className="event-history__note">{e.note}</p> : null}
          {e.type === 'tick' && e.attachments?.length ? <AttachmentList attachments={e.attachments} /> : null}
        </li>
      ))}
    </ol>
  );
});

/** Evidence files by name, size and the start of their SHA-256 (the whole hash in the title). */
export function AttachmentList({ attachments }: { attachments: readonly Attachment[] }) {
  return (
    <ul className="attachment-list small">
      {attachments.map((a) => (
        <li key={`${a.sha256}-${a.name}`}>
          <span className="attachment-list__name">{a.name}</span> <span className="muted">{t.events.attachmentMeta(formatBytes(a.size), a.sha256.slice(0, 12))}</span>
          <span className="visually-hidden">{t.events.attachmentHash(a.sha256)}</span>
        </li>
      ))}
    </ul>
  );
}
