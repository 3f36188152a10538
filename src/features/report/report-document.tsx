/**
 * The quarterly summary as a document: 督查通报 版头, title, addressee, numbered sections with
 * tables and one chart, the closing requirements, signature, date and 版记. Props only, no store:
 * everything comes from buildQuarterlyReport (src/domain/report.ts).
 */
import { memo } from 'react';
import type { QuarterlyReport, TargetRow, TierValue } from '@/domain/report';
import { chineseDate, chineseMonthDay } from '@/domain/report';
import type { Target } from '@/domain/model';
import { formatNumber, formatPercent, formatRatio } from '@/lib/format';
import { href } from '@/lib/router';
import { t } from '@/lib/strings';
import { BarChart, DocEmpty, DocTable, Masthead, Record, Signoff, type Column } from './doc-parts';

const s = t.report;
const tt = t.targets;

export const ReportDocument = memo(function ReportDocument({ report }: { report: QuarterlyReport }) {
  const f = report.figures;
  return (
    <article className="doc-sheet" aria-labelledby="doc-title">
      <Masthead heading={s.masthead} issue={s.issue(report.year, report.quarter)} issuer={report.issuer} date={report.dateText} />
      <h1 id="doc-title" className="doc-title">
        {report.titleLines.map((line) => (
          <span key={line} className="doc-title-line">
            {line}
          </span>
        ))}
      </h1>
      <p className="doc-noindent">{s.addressee}</p>
      <p>{s.opening(report.planTitle, report.year, report.quarterName)}</p>
      {report.status === 'future' ? <p>{s.future(chineseDate(report.asOf))}</p> : null}

      <h2>{s.h1}</h2>
      <p>{overallText(report)}</p>
      <KpiTable report={report} />
      <BarChart
        id="report-lights"
        title={s.lightsChartTitle}
        label={s.lightsChartLabel(`${t.lights.red}${f.lights.red}项，${t.lights.yellow}${f.lights.yellow}项，${t.lights.green}${f.lights.green}项，${t.lights.done}${f.lights.done}项`)}
        data={[
          { label: `■ ${t.lights.red}`, value: f.lights.red, fill: 'solid' },
          { label: `▲ ${t.lights.yellow}`, value: f.lights.yellow, fill: 'hatch' },
          { label: `● ${t.lights.green}`, value: f.lights.green, fill: 'dots' },
          { label: `✓ ${t.lights.done}`, value: f.lights.done, fill: 'open' },
        ]}
      />
      <p className="doc-note">{s.lightsRule}</p>

      {f.sections.length > 0 ? (
        <>
          <h3>{s.sectionsTitle}</h3>
          <DocTable
            caption={s.sectionsCaption}
            rows={f.sections}
            rowKey={(r) => r.sectionId ?? 'none'}
            columns={[
              { key: 'name', header: s.colSection, cell: (r) => `${r.number}${r.title}`, rowHeader: true },
              { key: 'tasks', header: s.colTasks, cell: (r) => r.tasks, align: 'num', width: '3.8em' },
              { key: 'done', header: s.colDone, cell: (r) => r.done, align: 'num', width: '3.8em' },
              { key: 'mean', header: s.colMean, cell: (r) => formatPercent(r.meanPercent), align: 'num', width: '4.6em' },
              { key: 'red', header: s.colRed, cell: (r) => r.lights.red, align: 'num', width: '3.2em' },
              { key: 'yellow', header: s.colYellow, cell: (r) => r.lights.yellow, align: 'num', width: '3.2em' },
              { key: 'green', header: s.colGreen, cell: (r) => r.lights.green, align: 'num', width: '3.2em' },
            ]}
          />
        </>
      ) : null}

      <h2>{s.h2}</h2>
      <TargetsSection report={report} />

      <h2>{s.h3}</h2>
      <p>{s.rankingIntro}</p>
      {report.ranking.length === 0 ? (
        <DocEmpty>{s.rankingEmpty}</DocEmpty>
      ) : (
        <DocTable
          caption={s.rankingCaption}
          rows={report.ranking}
          rowKey={(r) => r.unit}
          columns={[
            { key: 'rank', header: s.colRank, cell: (r) => r.rank, align: 'center', width: '2.9em' },
            { key: 'unit', header: s.colUnit, cell: (r) => r.unit, rowHeader: true },
            { key: 'score', header: s.colScore, cell: (r) => r.score.toFixed(1), align: 'num', width: '3.4em' },
            { key: 'tasks', header: s.colLead, cell: (r) => r.tasks, align: 'num', width: '2.9em' },
            { key: 'done', header: s.colDone, cell: (r) => r.done, align: 'num', width: '2.9em' },
            { key: 'onTime', header: s.colOnTime, cell: (r) => r.onTime, align: 'num', width: '2.9em' },
            { key: 'overdue', header: s.colOverdue, cell: (r) => r.overdueOpen, align: 'num', width: '2.9em' },
            { key: 'urges', header: s.colUrges, cell: (r) => r.urges, align: 'num', width: '2.9em' },
            { key: 'commends', header: s.colCommends, cell: (r) => r.commends, align: 'num', width: '2.9em' },
            { key: 'criticisms', header: s.colCriticisms, cell: (r) => r.criticisms, align: 'num', width: '2.9em' },
          ]}
        />
      )}

      <h2>{s.h4}</h2>
      {report.flagged.length === 0 ? (
        <DocEmpty>{s.flaggedEmpty}</DocEmpty>
      ) : (
        <DocTable
          caption={s.flaggedCaption}
          rows={report.flagged}
          rowKey={(r) => r.taskId}
          columns={[
            { key: 'no', header: s.colNo, cell: (_r, i) => i + 1, align: 'center', width: '3em' },
            { key: 'item', header: s.colItem, cell: (r) => <TaskLink id={r.taskId} title={r.title} /> },
            { key: 'lead', header: s.colLeadUnit, cell: (r) => r.lead || s.noLead, width: '22%' },
            { key: 'due', header: s.colDue, cell: (r) => (r.due ? chineseMonthDay(r.due) : s.noDue), align: 'center', width: '5.5em' },
            {
              key: 'standing',
              header: s.colStanding,
              width: '30%',
              cell: (r) => (
                <>
                  {r.standing}
                  {r.lastNote ? <span className="doc-cell-note">{r.lastNote}</span> : null}
                </>
              ),
            },
          ]}
        />
      )}

      <h2>{s.h5}</h2>
      {report.overdue.length === 0 ? (
        <DocEmpty>{s.overdueEmpty}</DocEmpty>
      ) : (
        <DocTable
          caption={s.overdueCaption}
          rows={report.overdue}
          rowKey={(r) => r.taskId}
          columns={[
            { key: 'no', header: s.colNo, cell: (_r, i) => i + 1, align: 'center', width: '3em' },
            { key: 'item', header: s.colItem, cell: (r) => <TaskLink id={r.taskId} title={r.title} /> },
            { key: 'lead', header: s.colLeadUnit, cell: (r) => r.lead || s.noLead, width: '20%' },
            { key: 'due', header: s.colOriginalDue, cell: (r) => (r.originalDue ? chineseMonthDay(r.originalDue) : '—'), align: 'center', width: '5.5em' },
            { key: 'days', header: s.colDaysOverdue, cell: (r) => r.daysOverdue, align: 'num', width: '4.5em' },
            { key: 'reason', header: s.colReason, cell: (r) => r.reason || <span className="doc-empty">{s.noReason}</span>, width: '28%' },
          ]}
        />
      )}

      <h2>{s.h6}</h2>
      <h3>{s.commendTitle}</h3>
      {report.commendations.length === 0 ? (
        <DocEmpty>{s.commendEmpty}</DocEmpty>
      ) : (
        report.commendations.map((n) => <p key={n.eventId}>{s.noticeLine(chineseMonthDay(n.date), n.units.join('、') || s.noLead, n.taskTitle, n.note)}</p>)
      )}
      <h3>{s.criticizeTitle}</h3>
      {report.criticisms.length === 0 ? (
        <DocEmpty>{s.criticizeEmpty}</DocEmpty>
      ) : (
        report.criticisms.map((n) => <p key={n.eventId}>{s.noticeLine(chineseMonthDay(n.date), n.units.join('、') || s.noLead, n.taskTitle, n.note)}</p>)
      )}

      <h2>{s.h7}</h2>
      {report.completed.length === 0 ? (
        <DocEmpty>{s.completedEmpty}</DocEmpty>
      ) : (
        <DocTable
          caption={s.completedCaption}
          rows={report.completed}
          rowKey={(r) => r.taskId}
          columns={[
            { key: 'no', header: s.colNo, cell: (_r, i) => i + 1, align: 'center', width: '3em' },
            {
              key: 'item',
              header: s.colItem,
              cell: (r) => (
                <>
                  {r.title}
                  {r.note ? <span className="doc-cell-note">{r.note}</span> : null}
                </>
              ),
            },
            { key: 'lead', header: s.colLeadUnit, cell: (r) => r.lead || s.noLead, width: '22%' },
            { key: 'doneDate', header: s.colDoneDate, cell: (r) => chineseMonthDay(r.doneDay), align: 'center', width: '5.5em' },
            { key: 'onTime', header: s.colOnTimeQ, cell: (r) => (r.onTime ? s.onTime : s.late), align: 'center', width: '5.5em' },
          ]}
        />
      )}

      {/* The last section, the signature and the date stay on one page: an official document
          never leaves its date alone on a page without body text. */}
      <div className="doc-closing">
        <h2>{s.h8}</h2>
        <p>{s.closing}</p>
        <Signoff issuer={report.issuer} date={report.dateText} />
        <Record cc={s.cc} printer={report.issuer} printed={s.printed(report.dateText)} />
      </div>
    </article>
  );
});

/** 一、总体情况's paragraph: the figures, the lights and the quarter's activity (also in the Word export). */
export function overallText(report: QuarterlyReport): string {
  const f = report.figures;
  return (
    s.overall({
      asOf: chineseMonthDay(report.asOf),
      total: f.total,
      done: f.done,
      completion: formatRatio(f.completionRate),
      dueOrDone: f.dueOrDone,
      onTimeDone: f.onTimeDone,
      onTime: f.onTimeRate === null ? '—' : formatRatio(f.onTimeRate),
      overdue: f.overdue,
      flagged: f.flagged,
      flaggedOpen: f.flaggedOpen,
    }) +
    s.lightsSentence(f.lights.red, f.lights.yellow, f.lights.green, f.lights.done) +
    s.activity(report.activity.ticks, report.activity.urges, report.activity.inspections)
  );
}

function KpiTable({ report }: { report: QuarterlyReport }) {
  const f = report.figures;
  const cells: [string, string][] = [
    [s.kpiTotal, String(f.total)],
    [s.kpiDone, String(f.done)],
    [s.kpiCompletion, formatRatio(f.completionRate)],
    [s.kpiOnTime, f.onTimeRate === null ? '—' : formatRatio(f.onTimeRate)],
    [s.kpiOverdue, String(f.overdue)],
    [s.kpiFlagged, String(f.flagged)],
    [s.kpiDueSoon, String(f.dueSoon)],
  ];
  const columns: Column<null>[] = cells.map(([header, value], i) => ({ key: String(i), header, cell: () => value, align: 'center' }));
  return <DocTable caption={s.kpiCaption} rows={[null]} rowKey={() => 'kpi'} columns={columns} className="doc-kpis" />;
}

/** On screen a link to the task's 督办单; on paper plain text (print.css). */
function TaskLink({ id, title }: { id: string; title: string }) {
  return (
    <a href={href(`/notice/${encodeURIComponent(id)}`)} aria-label={s.openNotice(title)}>
      {title}
    </a>
  );
}

const COMPARATOR_WORD: Record<NonNullable<Target['comparator']>, string> = tt.comparators;

export function tierText(tv: TierValue | null, unit: string | null): string {
  if (!tv) return '—';
  if (tv.value === null) return s.pending;
  const range = tv.valueMax !== null ? `${formatNumber(tv.value)}至${formatNumber(tv.valueMax)}` : formatNumber(tv.value);
  const word = tv.comparator ? COMPARATOR_WORD[tv.comparator] : '';
  // 突破 reads before the number (突破1000亿元); the others after it (6.5%左右, 7%以上).
  return tv.comparator === 'exceed' ? `${word}${range}${unit ?? ''}` : `${range}${unit ?? ''}${word}`;
}

export function againstText(row: TargetRow): string {
  if (row.actual === null) return s.notReported;
  const tiers: [TierValue | null, string][] = [
    [row.expected, tt.tierExpected],
    [row.working, tt.tierWorking],
    [row.striving, tt.tierStriving],
    [row.single, tt.tierSingle],
  ];
  const parts: string[] = [];
  for (const [tv, name] of tiers) {
    if (!tv || tv.value === null || tv.met === null) continue;
    // A total (亿元, 个) reported part-way through the year is shown as a share of the target;
    // a rate (%) is compared as it stands.
    if (!row.isRate && !tv.met && tv.value > 0) parts.push(s.shareOf(name, formatRatio(row.actual / tv.value)));
    else parts.push(tv.met ? s.tierMet(name) : s.tierNotMet(name));
  }
  return parts.length ? parts.join('，') : s.noComparison;
}

function TargetsSection({ report }: { report: QuarterlyReport }) {
  if (report.targets.length === 0) return <DocEmpty>{s.targetsEmpty}</DocEmpty>;
  // A target stated without tiers spans the three tier columns.
  const untiered = (r: TargetRow) => !r.expected && !r.working && !r.striving;
  const tierCol = (key: 'expected' | 'working' | 'striving', header: string): Column<TargetRow> => ({
    key,
    header,
    cell: (r) => (untiered(r) ? `${tt.tierSingle}：${tierText(r.single, r.unit)}` : tierText(r[key], r.unit)),
    colSpan: key === 'expected' ? (r) => (untiered(r) ? 3 : 1) : undefined,
    align: 'center',
    width: '15%',
  });
  return (
    <>
      <DocTable
        caption={s.targetsCaption}
        rows={report.targets}
        rowKey={(r) => `${r.metric}|${r.unit ?? ''}`}
        columns={[
          { key: 'metric', header: s.colMetric, cell: (r) => r.metric, rowHeader: true },
          tierCol('expected', s.colExpected),
          tierCol('working', s.colWorking),
          tierCol('striving', s.colStriving),
          { key: 'actual', header: s.colActual(report.quarterName), cell: (r) => (r.actual === null ? s.notReported : `${formatNumber(r.actual)}${r.unit ?? ''}`), align: 'center', width: '12%' },
          { key: 'against', header: s.colAgainst, cell: (r) => againstText(r), width: '18%' },
        ]}
      />
      <p className="doc-note">{s.targetsNote}</p>
    </>
  );
}
