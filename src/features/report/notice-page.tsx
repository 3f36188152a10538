/**
 * 督办单 (#/notice/<taskId>): a supervision notice for one task, printed and sent to the lead unit.
 * The office can adjust the 督办要求 before printing; the rest comes from the plan and the log.
 */
import { useMemo, useState } from 'react';
import { buildNotice, chineseDate, type NoticeContent } from '@/domain/report';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { TextAreaField } from '@/components/field';
import { useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useToday } from '@/store/selectors';
import { PrintButton, Signoff } from './doc-parts';
import { defaultRequirement, noticeContent } from './official-content';
import { WordExportButton } from './word-export-button';
import '@/styles/print.css';

const s = t.notice;

export function NoticePage() {
  const { params } = useRoute('/notice/:taskId');
  const taskId = params.taskId ?? '';
  const plan = useLuoshi((st) => st.plan);
  const events = useLuoshi((st) => st.events);
  const today = useToday();
  const notice = useMemo(() => buildNotice(plan, events, taskId, today), [plan, events, taskId, today]);

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
  // Keyed by task: opening another task's notice starts from that task's default requirement.
  return <NoticeSheet key={notice.task.id} notice={notice} />;
}

function NoticeSheet({ notice }: { notice: NoticeContent }) {
  const [requirement, setRequirement] = useState(() => defaultRequirement(notice));
  const { task, row, state } = notice;
  const issuer = t.common.office;
  // The department compares this with the key its first plan package presents (issue 13).
  const officeFingerprint = useLuoshi((st) => st.trust.office?.fingerprint ?? null);
  const dueText = row.due
    ? notice.extended && row.originalDue
      ? s.extended(chineseDate(row.originalDue), chineseDate(row.due))
      : `${chineseDate(row.due)}${task.deadline.label ? `（${task.deadline.label}）` : ''}`
    : task.deadline.label || t.report.noDue;

  return (
    <div className="report-page">
      <div className="doc-toolbar no-print" role="group" aria-label={t.report.toolbarLabel}>
        <TextAreaField label={s.requirementLabel} value={requirement} onChange={(e) => setRequirement(e.target.value)} rows={3} className="doc-toolbar-wide" />
        <PrintButton />
        <WordExportButton fileName={`${s.pageTitle}-${task.title.slice(0, 20)}.docx`} content={() => noticeContent(notice, requirement, dueText)} />
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
            <span>{s.number(notice.year, notice.number)}</span>
            <span>{notice.dateText}</span>
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
                <td>{dueText}</td>
              </tr>
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
                <td />
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
