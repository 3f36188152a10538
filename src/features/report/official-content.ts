/**
 * The quarterly 通报 and a 督办单 as OfficialDocument content for the Word export, built from the
 * same content models the print pages render (buildQuarterlyReport, buildNotice) with the same
 * words and formatting, section by section in the order of report-document.tsx and
 * notice-page.tsx: a change to what the report holds shows in both.
 */
import type { OfficialBlock, OfficialDocument } from '@/domain/exchange/official-document';
import { chineseDate, chineseMonthDay, type NoticeContent, type QuarterlyReport } from '@/domain/report';
import { formatPercent, formatRatio, formatNumber } from '@/lib/format';
import { t } from '@/lib/strings';
import { againstText, overallText, tierText } from './report-document';

const s = t.report;
const n = t.notice;

export function reportContent(report: QuarterlyReport): OfficialDocument {
  const f = report.figures;
  const b: OfficialBlock[] = [];
  const empty = (text: string) => b.push({ kind: 'para', text });

  b.push({ kind: 'para', text: s.addressee, noIndent: true });
  b.push({ kind: 'para', text: s.opening(report.planTitle, report.year, report.quarterName) });
  if (report.status === 'future') b.push({ kind: 'para', text: s.future(chineseDate(report.asOf)) });

  b.push({ kind: 'heading', level: 1, text: s.h1 });
  b.push({ kind: 'para', text: overallText(report) });
  const kpis: [string, string][] = [
    [s.kpiTotal, String(f.total)],
    [s.kpiDone, String(f.done)],
    [s.kpiCompletion, formatRatio(f.completionRate)],
    [s.kpiOnTime, f.onTimeRate === null ? '—' : formatRatio(f.onTimeRate)],
    [s.kpiOverdue, String(f.overdue)],
    [s.kpiFlagged, String(f.flagged)],
    [s.kpiDueSoon, String(f.dueSoon)],
  ];
  b.push({ kind: 'table', caption: s.kpiCaption, columns: kpis.map(([header]) => ({ header, width: 100 / kpis.length, align: 'center' })), rows: [kpis.map(([, v]) => v)] });
  // The printed page draws the lights as a bar chart; in Word they are a table of the same counts.
  b.push({
    kind: 'table',
    caption: s.lightsChartTitle,
    columns: [t.lights.red, t.lights.yellow, t.lights.green, t.lights.done].map((header) => ({ header, width: 25, align: 'center' })),
    rows: [[f.lights.red, f.lights.yellow, f.lights.green, f.lights.done].map((v) => `${v}项`)],
  });
  b.push({ kind: 'note', text: s.lightsRule });
  if (f.sections.length > 0) {
    b.push({ kind: 'heading', level: 2, text: s.sectionsTitle });
    b.push({
      kind: 'table',
      caption: s.sectionsCaption,
      columns: [
        { header: s.colSection, width: 40 },
        { header: s.colTasks, width: 10, align: 'right' },
        { header: s.colDone, width: 10, align: 'right' },
        { header: s.colMean, width: 12, align: 'right' },
        { header: s.colRed, width: 9, align: 'right' },
        { header: s.colYellow, width: 9, align: 'right' },
        { header: s.colGreen, width: 10, align: 'right' },
      ],
      rows: f.sections.map((r) => [`${r.number}${r.title}`, String(r.tasks), String(r.done), formatPercent(r.meanPercent), String(r.lights.red), String(r.lights.yellow), String(r.lights.green)]),
    });
  }

  b.push({ kind: 'heading', level: 1, text: s.h2 });
  if (report.targets.length === 0) empty(s.targetsEmpty);
  else {
    const untiered = (r: QuarterlyReport['targets'][number]) => !r.expected && !r.working && !r.striving;
    b.push({
      kind: 'table',
      caption: s.targetsCaption,
      columns: [
        { header: s.colMetric, width: 22 },
        { header: s.colExpected, width: 15, align: 'center' },
        { header: s.colWorking, width: 15, align: 'center' },
        { header: s.colStriving, width: 15, align: 'center' },
        { header: s.colActual(report.quarterName), width: 13, align: 'center' },
        { header: s.colAgainst, width: 20 },
      ],
      rows: report.targets.map((r) => [
        r.metric,
        untiered(r) ? `${t.targets.tierSingle}：${tierText(r.single, r.unit)}` : tierText(r.expected, r.unit),
        untiered(r) ? '' : tierText(r.working, r.unit),
        untiered(r) ? '' : tierText(r.striving, r.unit),
        r.actual === null ? s.notReported : `${formatNumber(r.actual)}${r.unit ?? ''}`,
        againstText(r),
      ]),
    });
    b.push({ kind: 'note', text: s.targetsNote });
  }

  b.push({ kind: 'heading', level: 1, text: s.h3 });
  b.push({ kind: 'para', text: s.rankingIntro });
  if (report.ranking.length === 0) empty(s.rankingEmpty);
  else {
    const narrow = (header: string) => ({ header, width: 7, align: 'right' as const });
    b.push({
      kind: 'table',
      caption: s.rankingCaption,
      columns: [
        { header: s.colRank, width: 7, align: 'center' },
        { header: s.colUnit, width: 30 },
        { header: s.colScore, width: 9, align: 'right' },
        narrow(s.colLead),
        narrow(s.colDone),
        narrow(s.colOnTime),
        narrow(s.colOverdue),
        narrow(s.colUrges),
        narrow(s.colCommends),
        narrow(s.colCriticisms),
      ],
      rows: report.ranking.map((r) => [String(r.rank), r.unit, r.score.toFixed(1), String(r.tasks), String(r.done), String(r.onTime), String(r.overdueOpen), String(r.urges), String(r.commends), String(r.criticisms)]),
    });
  }

  b.push({ kind: 'heading', level: 1, text: s.h4 });
  if (report.flagged.length === 0) empty(s.flaggedEmpty);
  else {
    b.push({
      kind: 'table',
      caption: s.flaggedCaption,
      columns: [
        { header: s.colNo, width: 7, align: 'center' },
        { header: s.colItem, width: 31 },
        { header: s.colLeadUnit, width: 20 },
        { header: s.colDue, width: 12, align: 'center' },
        { header: s.colStanding, width: 30 },
      ],
      rows: report.flagged.map((r, i) => [String(i + 1), r.title, r.lead || s.noLead, r.due ? chineseMonthDay(r.due) : s.noDue, r.lastNote ? `${r.standing}\n${r.lastNote}` : r.standing]),
    });
  }

  b.push({ kind: 'heading', level: 1, text: s.h5 });
  if (report.overdue.length === 0) empty(s.overdueEmpty);
  else {
    b.push({
      kind: 'table',
      caption: s.overdueCaption,
      columns: [
        { header: s.colNo, width: 7, align: 'center' },
        { header: s.colItem, width: 29 },
        { header: s.colLeadUnit, width: 18 },
        { header: s.colOriginalDue, width: 12, align: 'center' },
        { header: s.colDaysOverdue, width: 9, align: 'right' },
        { header: s.colReason, width: 25 },
      ],
      rows: report.overdue.map((r, i) => [String(i + 1), r.title, r.lead || s.noLead, r.originalDue ? chineseMonthDay(r.originalDue) : '—', String(r.daysOverdue), r.reason || s.noReason]),
    });
  }

  b.push({ kind: 'heading', level: 1, text: s.h6 });
  b.push({ kind: 'heading', level: 2, text: s.commendTitle });
  if (report.commendations.length === 0) empty(s.commendEmpty);
  for (const x of report.commendations) b.push({ kind: 'para', text: s.noticeLine(chineseMonthDay(x.date), x.units.join('、') || s.noLead, x.taskTitle, x.note) });
  b.push({ kind: 'heading', level: 2, text: s.criticizeTitle });
  if (report.criticisms.length === 0) empty(s.criticizeEmpty);
  for (const x of report.criticisms) b.push({ kind: 'para', text: s.noticeLine(chineseMonthDay(x.date), x.units.join('、') || s.noLead, x.taskTitle, x.note) });

  b.push({ kind: 'heading', level: 1, text: s.h7 });
  if (report.completed.length === 0) empty(s.completedEmpty);
  else {
    b.push({
      kind: 'table',
      caption: s.completedCaption,
      columns: [
        { header: s.colNo, width: 7, align: 'center' },
        { header: s.colItem, width: 45 },
        { header: s.colLeadUnit, width: 22 },
        { header: s.colDoneDate, width: 13, align: 'center' },
        { header: s.colOnTimeQ, width: 13, align: 'center' },
      ],
      rows: report.completed.map((r, i) => [String(i + 1), r.note ? `${r.title}\n${r.note}` : r.title, r.lead || s.noLead, chineseMonthDay(r.doneDay), r.onTime ? s.onTime : s.late]),
    });
  }

  b.push({ kind: 'heading', level: 1, text: s.h8 });
  // The last section, the signature and the date stay on one page, as on the printed page.
  b.push({ kind: 'para', text: s.closing, keepWithNext: true });

  return {
    masthead: { heading: s.masthead, issue: s.issue(report.year, report.quarter), left: report.issuer, right: report.dateText },
    titleLines: report.titleLines,
    blocks: b,
    signoff: { issuer: report.issuer, date: report.dateText },
    record: { cc: s.cc, printer: report.issuer, printed: s.printed(report.dateText) },
  };
}

/** The default 督办要求: firmer for an overdue task, with a monthly report for a flagged one. */
export function defaultRequirement(notice: NoticeContent): string {
  // A task reported done still gets a notice when the office wants the evidence for its review.
  if (notice.state.done) return n.reqDone;
  if (notice.daysOverdue !== null) return n.reqOverdue(notice.daysOverdue);
  const due = notice.row.due ? chineseDate(notice.row.due) : null;
  if (!due) return n.reqNoDue;
  if (notice.state.flagged) return n.reqFlagged(due);
  return n.reqDefault(due);
}

/** The 督办单 with the requirement the office wrote on the page. */
export function noticeContent(notice: NoticeContent, requirement: string, dueText: string): OfficialDocument {
  const { task, row, state } = notice;
  const issuer = t.common.office;
  const rows: string[][] = [[n.fieldItem, `${task.title}${state.flagged ? `（${n.flaggedMark}）` : ''}`]];
  if (task.quote && task.quote !== task.title) rows.push([n.fieldSource, task.quote]);
  rows.push(
    [n.fieldLead, row.lead || s.noLead],
    [n.fieldCo, row.co || t.common.none],
    [n.fieldDue, dueText],
    [n.fieldStanding, row.lastNote ? `${row.standing}\n${row.lastNote}` : row.standing],
    [n.fieldHistory, n.historyLine({ urges: state.urges, inspections: state.inspections, criticisms: state.criticisms })],
    [n.fieldRequirement, requirement],
    [n.fieldReply, `${n.replyHint}\n\n`],
    [n.fieldContact, ''],
  );
  return {
    masthead: { heading: `${issuer}${n.masthead}`, issue: null, left: n.number(notice.year, notice.number), right: notice.dateText },
    titleLines: [],
    blocks: [
      { kind: 'para', text: n.issuedTo(row.lead || s.noLead), noIndent: true },
      { kind: 'para', text: n.intro(notice.planTitle) },
      { kind: 'table', caption: null, form: true, columns: [{ header: '', width: 22, align: 'center' }, { header: '', width: 78 }], rows },
    ],
    signoff: { issuer, date: notice.dateText },
    record: null,
  };
}
