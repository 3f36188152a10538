/**
 * The quarterly 督查通报 written out: from the report's figures (buildQuarterlyReport) to the
 * document's content (headings, sentences, tables, the chart), every word chosen here. The print
 * page, the .docx writer and the archive of issued bulletins all take this one content.
 */
import type { BulletinContent, DocBlock, DocCell, DocColumn } from '@/domain/bulletin/content';
import type { Target } from '@/domain/model';
import { ruleFigures } from '@/domain/lights';
import { chineseDate, chineseMonthDay, type QuarterlyReport, type TargetRow, type TierValue } from '@/domain/report';
import type { UnitScore } from '@/domain/scoring';
import { formatNumber, formatPercent, formatRatio } from '@/lib/format';
import { t } from '@/lib/strings';

const s = t.report;
const tt = t.targets;

const cell = (text: string | number, more: Omit<DocCell, 'text'> = {}): DocCell => ({ text: String(text), ...more });

/** The bulletin of a quarter as a draft: its 期号 line says it has not been issued. */
export function buildBulletinContent(report: QuarterlyReport): BulletinContent {
  const f = report.figures;
  const asOf = chineseMonthDay(report.asOf);
  const body: DocBlock[] = [];
  const h = (level: 2 | 3, text: string) => body.push({ type: 'heading', level, text });
  const p = (text: string) => body.push({ type: 'paragraph', text });
  const empty = (text: string) => body.push({ type: 'empty', text });
  /** Tasks as a numbered table (序号, 事项, 牵头单位, then its own columns), or its empty line. */
  const taskTable = <R extends { title: string; lead: string }>(
    rows: readonly R[],
    emptyText: string,
    caption: string,
    leadWidth: string,
    columns: DocColumn[],
    item: (r: R) => DocCell,
    rest: (r: R) => DocCell[],
  ) => {
    if (rows.length === 0) {
      empty(emptyText);
      return;
    }
    body.push({
      type: 'table',
      caption,
      columns: [{ key: 'no', header: s.colNo, align: 'center', width: '3em' }, { key: 'item', header: s.colItem }, { key: 'lead', header: s.colLeadUnit, width: leadWidth }, ...columns],
      rows: rows.map((r, i) => [cell(i + 1), item(r), cell(r.lead || s.noLead), ...rest(r)]),
    });
  };

  p(s.opening(report.planTitle, report.year, report.quarterName));
  if (report.status === 'future') p(s.future(chineseDate(report.asOf)));

  h(2, s.h1);
  p(
    s.overall({
      asOf,
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
      s.activity(report.activity.ticks, report.activity.urges, report.activity.inspections) +
      (f.mismatches > 0 ? s.mismatchSentence(f.mismatches) : ''),
  );
  body.push(kpiTable(report));
  body.push({
    type: 'chart',
    id: 'report-lights',
    title: s.lightsChartTitle,
    label: s.lightsChartLabel(`${t.lights.red}${f.lights.red}项，${t.lights.yellow}${f.lights.yellow}项，${t.lights.green}${f.lights.green}项，${t.lights.done}${f.lights.done}项`),
    unit: '项',
    bars: [
      { label: `■ ${t.lights.red}`, value: f.lights.red, fill: 'solid' },
      { label: `▲ ${t.lights.yellow}`, value: f.lights.yellow, fill: 'hatch' },
      { label: `● ${t.lights.green}`, value: f.lights.green, fill: 'dots' },
      { label: `✓ ${t.lights.done}`, value: f.lights.done, fill: 'open' },
    ],
  });
  body.push({ type: 'note', text: s.lightsRule(ruleFigures(report.rule)) });

  if (f.sections.length > 0) {
    h(3, s.sectionsTitle);
    body.push({
      type: 'table',
      caption: s.sectionsCaption,
      columns: [
        { key: 'name', header: s.colSection, rowHeader: true },
        { key: 'tasks', header: s.colTasks, align: 'num', width: '3.8em' },
        { key: 'done', header: s.colDone, align: 'num', width: '3.8em' },
        { key: 'mean', header: s.colMean, align: 'num', width: '4.6em' },
        { key: 'red', header: s.colRed, align: 'num', width: '3.2em' },
        { key: 'yellow', header: s.colYellow, align: 'num', width: '3.2em' },
        { key: 'green', header: s.colGreen, align: 'num', width: '3.2em' },
      ],
      rows: f.sections.map((r) => [
        cell(`${r.number}${r.title}`),
        cell(r.tasks),
        cell(r.done),
        cell(formatPercent(r.meanPercent)),
        cell(r.lights.red),
        cell(r.lights.yellow),
        cell(r.lights.green),
      ]),
    });
  }

  h(2, s.h2);
  body.push(...targetBlocks(report));

  h(2, s.h3);
  p(s.rankingIntro);
  if (report.ranking.length === 0) empty(s.rankingEmpty);
  else body.push(rankingTable(report.ranking));
  if (report.unranked.length > 0) body.push({ type: 'note', text: s.unrankedNote(report.unranked.join('、')) });
  if (report.mismatched.length > 0) {
    h(3, s.mismatchTitle);
    taskTable(report.mismatched, '', s.mismatchCaption, '22%', [{ key: 'standing', header: s.colStanding, width: '34%' }], (r) => cell(r.title, { taskId: r.taskId }), (r) => [cell(r.standing, r.lastNote ? { note: r.lastNote } : {})]);
  }

  h(2, s.h4);
  taskTable(
    report.flagged,
    s.flaggedEmpty,
    s.flaggedCaption,
    '22%',
    [
      { key: 'due', header: s.colDue, align: 'center', width: '5.5em' },
      { key: 'standing', header: s.colStanding, width: '30%' },
    ],
    (r) => cell(r.title, { taskId: r.taskId }),
    (r) => [cell(r.due ? chineseMonthDay(r.due) : s.noDue), cell(r.standing, r.lastNote ? { note: r.lastNote } : {})],
  );

  h(2, s.h5);
  taskTable(
    report.overdue,
    s.overdueEmpty,
    s.overdueCaption,
    '20%',
    [
      { key: 'due', header: s.colOriginalDue, align: 'center', width: '5.5em' },
      { key: 'days', header: s.colDaysOverdue, align: 'num', width: '4.5em' },
      { key: 'reason', header: s.colReason, width: '28%' },
    ],
    (r) => cell(r.title, { taskId: r.taskId }),
    (r) => [cell(r.originalDue ? chineseMonthDay(r.originalDue) : '—'), cell(r.daysOverdue), r.reason ? cell(r.reason) : cell(s.noReason, { empty: true })],
  );

  h(2, s.h6);
  h(3, s.commendTitle);
  if (report.commendations.length === 0) empty(s.commendEmpty);
  else for (const n of report.commendations) p(s.noticeLine(chineseMonthDay(n.date), n.units.join('、') || s.noLead, n.taskTitle, n.note));
  h(3, s.criticizeTitle);
  if (report.criticisms.length === 0) empty(s.criticizeEmpty);
  else for (const n of report.criticisms) p(s.noticeLine(chineseMonthDay(n.date), n.units.join('、') || s.noLead, n.taskTitle, n.note));

  h(2, s.h7);
  taskTable(
    report.completed,
    s.completedEmpty,
    s.completedCaption,
    '22%',
    [
      { key: 'doneDate', header: s.colDoneDate, align: 'center', width: '5.5em' },
      { key: 'onTime', header: s.colOnTimeQ, align: 'center', width: '5.5em' },
    ],
    (r) => cell(r.title, r.note ? { note: r.note } : {}),
    (r) => [cell(chineseMonthDay(r.doneDay)), cell(r.onTime ? s.onTime : s.late)],
  );

  numberTables(body);
  return {
    version: 1,
    year: report.year,
    quarter: report.quarter,
    masthead: s.masthead,
    issue: s.draftIssue,
    issuer: report.issuer,
    dateText: report.dateText,
    title: report.title,
    titleLines: report.titleLines,
    addressee: s.addressee,
    body,
    closing: { heading: s.h8, text: s.closing },
    record: { cc: s.cc, printer: report.issuer, printed: s.printed(report.dateText) },
  };
}

/** 表1, 表2… in the order the tables appear (the key-figures boxes are not a numbered table). */
function numberTables(body: DocBlock[]): void {
  let n = 0;
  body.forEach((b, i) => {
    if (b.type === 'table' && b.variant !== 'kpis') body[i] = { ...b, caption: s.tableCaption(++n, b.caption) };
  });
}

function kpiTable(report: QuarterlyReport): DocBlock {
  const f = report.figures;
  const cells: [string, string][] = [
    [s.kpiTotal, String(f.total)],
    [s.kpiDone, String(f.done)],
    [s.kpiCompletion, formatRatio(f.completionRate)],
    [s.kpiOnTime, f.onTimeRate === null ? '—' : formatRatio(f.onTimeRate)],
    [s.kpiOverdue, String(f.overdue)],
    [s.kpiFlagged, String(f.flagged)],
    [s.kpiDueSoon, String(f.dueSoon)],
    [s.kpiMismatch, String(f.mismatches)],
  ];
  return {
    type: 'table',
    caption: s.kpiCaption,
    variant: 'kpis',
    columns: cells.map(([header], i) => ({ key: String(i), header, align: 'center' })),
    rows: [cells.map(([, value]) => cell(value))],
  };
}

function rankingTable(ranking: readonly UnitScore[]): DocBlock {
  const columns: DocColumn[] = [
    { key: 'rank', header: s.colRank, align: 'center', width: '3.4em' },
    { key: 'unit', header: s.colUnit, rowHeader: true },
    { key: 'score', header: s.colScore, align: 'num', width: '3.4em' },
    { key: 'tasks', header: s.colAssessed, align: 'num', width: '2.9em' },
    { key: 'done', header: s.colDone, align: 'num', width: '2.9em' },
    { key: 'onTime', header: s.colOnTime, align: 'num', width: '2.9em' },
    { key: 'overdue', header: s.colOverdue, align: 'num', width: '2.9em' },
    { key: 'urges', header: s.colUrges, align: 'num', width: '2.9em' },
    { key: 'commends', header: s.colCommends, align: 'num', width: '2.9em' },
    { key: 'criticisms', header: s.colCriticisms, align: 'num', width: '2.9em' },
    { key: 'mismatches', header: s.colMismatch, align: 'num', width: '2.9em' },
  ];
  return {
    type: 'table',
    caption: s.rankingCaption,
    columns,
    rows: ranking.map((r) => [
      cell(rankText(r)),
      cell(r.unit),
      cell(r.score.toFixed(1)),
      cell(r.assessed),
      cell(r.done),
      cell(r.onTime),
      cell(r.overdueOpen),
      cell(r.urges),
      cell(r.commends),
      cell(r.criticisms),
      cell(r.mismatches),
    ]),
  };
}

/** 3, or 并列3 when another unit shares the place. */
export function rankText(r: Pick<UnitScore, 'rank' | 'tied'>): string {
  return r.tied ? s.tiedRank(r.rank) : String(r.rank);
}

const COMPARATOR_WORD: Record<NonNullable<Target['comparator']>, string> = tt.comparators;

function tierText(tv: TierValue | null, unit: string | null): string {
  if (!tv) return '—';
  if (tv.value === null) return s.pending;
  const range = tv.valueMax !== null ? `${formatNumber(tv.value)}至${formatNumber(tv.valueMax)}` : formatNumber(tv.value);
  const word = tv.comparator ? COMPARATOR_WORD[tv.comparator] : '';
  // 突破 reads before the number (突破1000亿元); the others after it (6.5%左右, 7%以上).
  return tv.comparator === 'exceed' ? `${word}${range}${unit ?? ''}` : `${range}${unit ?? ''}${word}`;
}

function againstText(row: TargetRow): string {
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

function targetBlocks(report: QuarterlyReport): DocBlock[] {
  if (report.targets.length === 0) return [{ type: 'empty', text: s.targetsEmpty }];
  // A target stated without tiers spans the three tier columns.
  const untiered = (r: TargetRow) => !r.expected && !r.working && !r.striving;
  return [
    {
      type: 'table',
      caption: s.targetsCaption,
      columns: [
        { key: 'metric', header: s.colMetric, rowHeader: true },
        { key: 'expected', header: s.colExpected, align: 'center', width: '15%' },
        { key: 'working', header: s.colWorking, align: 'center', width: '15%' },
        { key: 'striving', header: s.colStriving, align: 'center', width: '15%' },
        { key: 'actual', header: s.colActual(report.quarterName), align: 'center', width: '12%' },
        { key: 'against', header: s.colAgainst, width: '18%' },
      ],
      rows: report.targets.map((r) => [
        cell(r.metric),
        ...(untiered(r)
          ? [cell(`${tt.tierSingle}：${tierText(r.single, r.unit)}`, { span: 3 })]
          : [cell(tierText(r.expected, r.unit)), cell(tierText(r.working, r.unit)), cell(tierText(r.striving, r.unit))]),
        cell(r.actual === null ? s.notReported : `${formatNumber(r.actual)}${r.unit ?? ''}`),
        cell(againstText(r)),
      ]),
    },
    { type: 'note', text: s.targetsNote },
  ];
}
