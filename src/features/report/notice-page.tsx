/**
 * 督办单 (#/notice/<taskId>): a supervision notice for one task, printed and sent to the lead unit.
 * The office can adjust the 督办要求 before printing; the rest comes from the plan and the log.
 */
import { useMemo, useState } from 'react';
import { isRealIsoDate } from '@/domain/model';
import { buildNotice, type NoticeContent } from '@/domain/report';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { TextAreaField, TextField } from '@/components/field';
import { useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWriteAsOffice } from '@/store/slices/signing';
import { useToday } from '@/store/selectors';
import { formatDateTime } from '@/lib/format';
import { PrintButton, Signoff } from './doc-parts';
import { buildNoticeSheet, defaultRequirement, noticeDocument, type NoticeRow } from './notice-content';
import { WordExportButton } from './word-export-button';
import '@/styles/print.css';

const s = t.notice;

const ROW_CLASS: Record<NonNullable<NoticeRow['kind']>, string> = { quote: 'doc-quote', requirement: 'doc-requirement', reply: 'doc-reply' };

export function NoticePage() {
  const { params } = useRoute('/notice/:taskId');
  const taskId = params.taskId ?? '';
  const plan = useLuoshi((st) => st.plan);
  const events = useLuoshi((st) => st.events).toArray();
  const today = useToday();
  const notice = useMemo(() => buildNotice(plan, events, taskId, today), [plan, events, taskId, today]);
  const assignmentId = notice?.state.assignment?.id ?? 'none';

  if (!notice) {
    return (
      <>
        <PageHeader title={s.pageTitle} />
        <EmptyState
          title={s.notFound}
          action={
            <a className="btn" href="#/lists">
              {s.backToLists}
            </a>
          }
        >
          <p>{s.notFoundHint}</p>
        </EmptyState>
      </>
    );
  }
  // Keyed by task and 交办: another task, or a new 交办 of this one, starts from its own requirement.
  return <NoticeSheet key={`${notice.task.id}:${assignmentId}`} notice={notice} today={today} />;
}

function NoticeSheet({ notice, today }: { notice: NoticeContent; today: string }) {
  const reg = notice.register;
  const [requirement, setRequirement] = useState(() => reg?.requirement || defaultRequirement(notice));
  const [replyBy, setReplyBy] = useState('');
  const [error, setError] = useState<string | null>(null);
  // 交办 is the office's act: not offered where this browser may not write as the office.
  const mayAssign = useLuoshi(selectCanWriteAsOffice);
  const assignTask = useLuoshi((st) => st.assignTask);
  const notify = useLuoshi((st) => st.notify);
  const { task, state } = notice;

  const assign = () => {
    if (replyBy && (!isRealIsoDate(replyBy) || replyBy < today)) return setError(s.replyByInvalid);
    if (!requirement.trim()) return setError(s.requirementEmpty);
    setError(null);
    try {
      const e = assignTask(task.id, replyBy || null, requirement.trim());
      if (e.type === 'assign') notify('success', s.assigned(t.events.register(e.year, e.number)));
    } catch (err) {
      notify('error', err instanceof Error ? err.message : String(err));
    }
  };
  // The department compares this with the key its first plan package presents (issue 13).
  const fingerprint = useLuoshi((st) => st.trust.office?.fingerprint ?? null);
  const sheet = buildNoticeSheet(notice, { requirement, today, fingerprint });

  return (
    <div className="report-page">
      <div className="doc-toolbar no-print" role="group" aria-label={t.report.toolbarLabel}>
        {reg ? (
          <p className="doc-toolbar-hint doc-status doc-status--issued" role="status">
            {s.registered(t.events.register(reg.year, reg.number), formatDateTime(state.assignment!.at))}
            {reg.renumbered ? ` ${s.renumbered}` : ''}
          </p>
        ) : (
          <p className="doc-toolbar-hint doc-status" role="status">
            {s.notRegistered}
          </p>
        )}
        <TextAreaField
          label={reg ? s.requirementFixed : s.requirementLabel}
          value={requirement}
          readOnly={!!reg}
          onChange={(e) => setRequirement(e.target.value)}
          rows={3}
          className="doc-toolbar-wide"
        />
        {mayAssign && !reg ? <TextField label={s.replyByLabel} type="date" min={today} value={replyBy} error={error} onChange={(e) => setReplyBy(e.target.value)} /> : null}
        {mayAssign && !reg ? (
          <button type="button" className="btn btn--primary" onClick={assign}>
            {s.assignAction}
          </button>
        ) : null}
        <PrintButton />
        <WordExportButton fileName={`${reg ? sheet.number : s.pageTitle}-${task.title.slice(0, 20)}.docx`} content={() => noticeDocument(sheet)} />
        <a href="#/lists">{s.backToLists}</a>
      </div>
      <article className="doc-sheet doc-compact" aria-labelledby="notice-title">
        {/* The 版头 is the heading: 市政府办公室督办单 in red, then the number and date over the rule. */}
        <div className="doc-head">
          <h1 id="notice-title" className="doc-masthead">
            {sheet.heading}
          </h1>
          <div className="doc-issue-row">
            <span>{sheet.number}</span>
            <span>{sheet.date}</span>
          </div>
          <hr className="doc-rule" />
        </div>
        <p className="doc-noindent">{sheet.addressee}</p>
        <p>{sheet.intro}</p>
        <div className="doc-table-wrap">
          <table className="doc-table doc-form">
            <tbody>
              {sheet.rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  <td className={r.kind ? ROW_CLASS[r.kind] : undefined}>
                    {r.cell.text}
                    {r.cell.note ? <span className="doc-cell-note">{r.cell.note}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Signoff issuer={sheet.issuer} date={sheet.signDate} />
        {sheet.keyline ? <p className="doc-noindent doc-keyline">{sheet.keyline}</p> : null}
      </article>
    </div>
  );
}
