/**
 * 季度总结 (#/report?q=N): the quarterly 督查通报. The live one is a draft, built from the plan and
 * the log as they stand; the office issues it (印发), which freezes its content under a 期号 into the
 * archive. A quarter that has been issued opens on its issued version, reprinted exactly as it was;
 * the draft stays one click away. Earlier issues are listed below the toolbar (#/report?issued=…).
 */
import { useMemo, useState } from 'react';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { bulletinDocument, bulletinFileName } from '@/domain/exchange/official-document';
import { duplicateNumbers, issuedFor, nextIssueNumber, sortArchive } from '@/domain/bulletin/archive';
import { buildQuarterlyReport, chineseDate, parseQuarter, QUARTERS, type Quarter } from '@/domain/report';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { SelectField } from '@/components/field';
import { formatDateTime } from '@/lib/format';
import { href, navigate, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWriteAsOffice } from '@/store/slices/signing';
import { useToday } from '@/store/selectors';
import { PrintButton } from './doc-parts';
import { WordExportButton } from './word-export-button';
import { ReportDocument } from './report-document';
import '@/styles/print.css';

const s = t.report;

export function ReportPage() {
  const plan = useLuoshi((st) => st.plan);
  const events = useLuoshi((st) => st.events).toArray();
  const units = useLuoshi((st) => st.units);
  const leaders = useLuoshi((st) => st.leaders);
  const archive = useLuoshi((st) => st.issued);
  // 印发 is the office's act: not offered where this browser may not write as the office.
  const mayIssue = useLuoshi(selectCanWriteAsOffice);
  const issue = useLuoshi((st) => st.issueBulletin);
  const notify = useLuoshi((st) => st.notify);
  const today = useToday();
  const { query } = useRoute();
  const [confirming, setConfirming] = useState(false);

  const chosen = query.issued ? (archive.find((b) => b.id === query.issued) ?? null) : null;
  const quarter = chosen ? chosen.quarter : parseQuarter(query.q, plan.year, today);
  const report = useMemo(() => buildQuarterlyReport(plan, events, quarter, today, { units, leaders }), [plan, events, quarter, today, units, leaders]);
  const draft = useMemo(() => buildBulletinContent(report), [report]);
  const latest = issuedFor(archive, plan.id, plan.year, quarter);
  // An issued quarter opens on what was issued; ?draft=1 shows the live draft instead.
  const shown = chosen ?? (query.draft ? null : latest);
  const dup = useMemo(() => duplicateNumbers(archive), [archive]);
  const sorted = useMemo(() => sortArchive(archive).reverse(), [archive]);
  const nextNumber = nextIssueNumber(archive, plan.year);

  const doIssue = () => {
    setConfirming(false);
    const b = issue(draft);
    notify('success', s.issuedToast(s.issue(b.year, b.number)));
    navigate(href('/report', { issued: b.id }));
  };

  return (
    <div className="report-page">
      <div className="doc-toolbar no-print" role="group" aria-label={s.toolbarLabel}>
        <SelectField
          label={s.quarterLabel}
          value={String(quarter)}
          options={QUARTERS.map((q) => ({ value: String(q), label: `${plan.year}年${s.quarterOption(q)}` }))}
          onChange={(e) => navigate(href('/report', { q: Number(e.target.value) as Quarter }))}
        />
        <PrintButton />
        <WordExportButton fileName={bulletinFileName(shown ? shown.content : draft)} content={() => bulletinDocument(shown ? shown.content : draft)} />
        {mayIssue && !shown && report.status !== 'future' ? (
          <button type="button" className="btn" onClick={() => setConfirming(true)}>
            {s.issueAction}
          </button>
        ) : null}
        {shown ? (
          <p className="doc-toolbar-hint doc-status doc-status--issued" role="status">
            {s.issuedStatus(s.issue(shown.year, shown.number), formatDateTime(shown.issuedAt))}
            {dup.has(`${shown.year}-${shown.number}`) ? ` ${s.duplicateNumber}` : ''}{' '}
            <a href={href('/report', { q: shown.quarter, draft: 1 })}>{s.showDraft}</a>
          </p>
        ) : (
          <p className="doc-toolbar-hint doc-status" role="status">
            {s.draftStatus}
            {latest ? (
              <>
                {' '}
                <a href={href('/report', { issued: latest.id })}>{s.showIssued(s.issue(latest.year, latest.number))}</a>
              </>
            ) : null}
            {report.status === 'closed' ? ` ${s.closed(chineseDate(report.asOf))}` : null}
          </p>
        )}
        <p className="doc-toolbar-hint">{s.printHint}</p>
        {sorted.length > 0 ? (
          <details className="doc-archive">
            <summary>{s.archiveTitle(sorted.length)}</summary>
            <ul>
              {sorted.map((b) => (
                <li key={b.id}>
                  <a href={href('/report', { issued: b.id })} aria-current={shown?.id === b.id ? 'page' : undefined}>
                    {s.archiveItem(s.issue(b.year, b.number), s.quarterOption(b.quarter), formatDateTime(b.issuedAt))}
                  </a>
                  {b.planId !== plan.id ? <span className="muted small">{s.otherPlan}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      <ReportDocument content={shown ? shown.content : draft} />
      <ConfirmDialog open={confirming} title={s.issueConfirmTitle(s.issue(plan.year, nextNumber))} confirmLabel={s.issueConfirm} onConfirm={doIssue} onCancel={() => setConfirming(false)}>
        <p>{s.issueConfirmBody(`${plan.year}年${s.quarterOption(quarter)}`)}</p>
      </ConfirmDialog>
    </div>
  );
}
