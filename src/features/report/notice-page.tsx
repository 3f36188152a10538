/**
 * 督办单 (#/notice/<taskId>): a supervision notice for one task, printed and sent to the lead unit.
 * The office can adjust the 督办要求 before printing; the rest comes from the plan and the log.
 */
import { useMemo, useState } from 'react';
import { isRealIsoDate } from '@/domain/model';
import { buildNotice, chineseDate, type NoticeContent } from '@/domain/report';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { TextAreaField, TextField } from '@/components/field';
import { useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWriteAsOffice } from '@/store/slices/signing';
import { useToday } from '@/store/selectors';
import { dayOf } from '@/domain/lights';
import { formatDateTime } from '@/lib/format';
import { PrintButton, Signoff } from './doc-parts';
import '@/styles/print.css';

const s = t.notice;

/** The default 督办要求: firmer for an overdue task, with a monthly report for a flagged one. */
export function defaultRequirement(n: NoticeContent): string {
  // A task reported done still gets a notice when the office wants the evidence for its review.
  if (n.state.done) return s.reqDone;
  if (n.daysOverdue !== null) return s.reqOverdue(n.daysOverdue);
  const due = n.row.due ? chineseDate(n.row.due) : null;
  if (!due) return s.reqNoDue;
  if (n.state.flagged) return s.reqFlagged(due);
  return s.reqDefault(due);
}

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

/** The 办理时限 as written on paper: the date, and the speech's own words for it when they add something. */
function dueText(notice: NoticeContent): string {
  const { task, row } = notice;
  if (!row.due) return task.deadline.label || t.report.noDue;
  if (notice.extended && row.originalDue) return s.extended(chineseDate(row.originalDue), chineseDate(row.due));
  // A deadline the parser filled in (年底前（未注明时限）) is the office's assumption, not the speech's words.
  const words = task.deadline.inferred || !task.deadline.label || task.deadline.label === row.due ? '' : `（${task.deadline.label}）`;
  return `${chineseDate(row.due)}${words}`;
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
  const { task, row, state } = notice;
  const issuer = t.common.office;
  const lead = task.owners.find((o) => o.role === 'lead')?.name;
  const receipt = state.receipts.find((r) => r.unit === lead) ?? state.receipts[0] ?? null;

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
  const officeFingerprint = useLuoshi((st) => st.trust.office?.fingerprint ?? null);

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
        <a href="#/lists">{s.backToLists}</a>
      </div>
      <article className="doc-sheet doc-compact" aria-labelledby="notice-title">
        {/* The 版头 is the heading: 市政府办公室督办单 in red, then the number and date over the rule. */}
        <div className="doc-head">
          <h1 id="notice-title" className="doc-masthead">
            {issuer}
            {s.masthead}
          </h1>
          <div className="doc-issue-row">
            <span>{reg ? t.events.register(reg.year, reg.number) : s.unnumbered(Number(today.slice(0, 4)))}</span>
            <span>{reg ? chineseDate(dayOf(state.assignment!.at)) : notice.dateText}</span>
          </div>
          <hr className="doc-rule" />
        </div>
        <p className="doc-noindent">{s.issuedTo(row.lead || t.report.noLead)}</p>
        <p>{s.intro(notice.planTitle)}</p>
        <div className="doc-table-wrap">
          <table className="doc-table doc-form">
            <tbody>
              <tr>
                <th scope="row">{s.fieldItem}</th>
                <td>
                  {task.title}
                  {state.flagged ? `（${s.flaggedMark}）` : ''}
                </td>
              </tr>
              {task.quote && task.quote !== task.title ? (
                <tr>
                  <th scope="row">{s.fieldSource}</th>
                  <td className="doc-quote">{task.quote}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{s.fieldLead}</th>
                <td>{row.lead || t.report.noLead}</td>
              </tr>
              <tr>
                <th scope="row">{s.fieldCo}</th>
                <td>{row.co || t.common.none}</td>
              </tr>
              <tr>
                <th scope="row">{s.fieldDue}</th>
                <td>{dueText(notice)}</td>
              </tr>
              {reg?.replyBy ? (
                <tr>
                  <th scope="row">{s.fieldReplyBy}</th>
                  <td>{chineseDate(reg.replyBy)}</td>
                </tr>
              ) : null}
              <tr>
                <th scope="row">{s.fieldStanding}</th>
                <td>
                  {row.standing}
                  {row.lastNote ? <span className="doc-cell-note">{row.lastNote}</span> : null}
                </td>
              </tr>
              <tr>
                <th scope="row">{s.fieldHistory}</th>
                <td>{s.historyLine({ urges: state.urges, inspections: state.inspections, criticisms: state.criticisms })}</td>
              </tr>
              <tr>
                <th scope="row">{s.fieldRequirement}</th>
                <td className="doc-requirement">{requirement}</td>
              </tr>
              <tr>
                <th scope="row">{s.fieldReply}</th>
                <td className="doc-reply">
                  <span className="doc-cell-note">{s.replyHint}</span>
                </td>
              </tr>
              <tr>
                <th scope="row">{s.fieldContact}</th>
                <td>{receipt ? s.contact(receipt.handler, receipt.phone, receipt.unit) : null}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <Signoff issuer={issuer} date={notice.dateText} />
        {officeFingerprint ? <p className="doc-noindent doc-keyline">{t.signing.noticeFingerprint(officeFingerprint)}</p> : null}
      </article>
    </div>
  );
}
