/**
 * 驾驶舱: the mayor's office's one-page view. Every figure comes from computeDashboard (pure,
 * documented in src/domain/dashboard.ts and docs/SCREENS.md); the page only lays it out. The
 * portfolio filter lives in the address (#/dashboard?leader=…) so a filtered view can be
 * bookmarked and printed.
 */
import { memo, useMemo, useState } from 'react';
import { computeDashboard, type NoticeEntry, type SectionProgress } from '@/domain/dashboard';
import type { UnitScore } from '@/domain/scoring';
import { DEFAULT_LIGHT_RULE, LIGHTS, ruleFigures } from '@/domain/lights';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { SelectField } from '@/components/field';
import { LIGHT_LABEL, LIGHT_SHAPE } from '@/components/light-badge';
import { formatDate, formatRatio, formatPercent } from '@/lib/format';
import { href, navigate, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useTaskStates, useToday } from '@/store/selectors';
import { ProgressBar } from '@/components/progress-bar';
import { LightsChart, MonthChart, ScoreBar } from './charts';
import './dashboard.css';

const s = t.dashboard;
const TOP_N = 15;

export function DashboardPage() {
  const plan = useLuoshi((st) => st.plan);
  const units = useLuoshi((st) => st.units);
  const leaders = useLuoshi((st) => st.leaders);
  const states = useTaskStates();
  const today = useToday();
  const { query } = useRoute();
  const leader = query.leader ?? '';

  const figures = useMemo(() => computeDashboard(plan, states, today, { units, leaders, portfolio: leader || null }), [plan, states, today, units, leaders, leader]);

  const header = (
    <PageHeader
      title={s.title}
      description={s.description(plan.year, formatDate(today))}
      actions={
        <a className="btn no-print" href={href('/report', { q: quarterOf(today) })}>
          {s.printReport}
        </a>
      }
    />
  );

  if (plan.tasks.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title={s.emptyTitle}
          action={
            <a className="btn btn--primary" href="#/import">
              {s.emptyAction}
            </a>
          }
        >
          <p>{s.emptyBody}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <div className="dashboard">
      {header}
      {figures.portfolios.length > 0 || leader ? (
        <div className="dashboard__filters no-print">
          <SelectField
            label={s.portfolioLabel}
            inline
            value={leader}
            options={[
              { value: '', label: s.portfolioAll },
              ...figures.portfolios.map((p) => ({ value: p, label: p })),
              // A leader named in the address but without a portfolio stays selectable, so the
              // select never shows a different filter from the one applied.
              ...(leader && !figures.portfolios.includes(leader) ? [{ value: leader, label: leader }] : []),
            ]}
            onChange={(e) => navigate(href('/dashboard', { leader: e.target.value || undefined }))}
          />
        </div>
      ) : null}

      {figures.total === 0 ? (
        <EmptyState title={s.emptyPortfolio} compact />
      ) : (
        <>
          <section aria-label={s.kpiRegion} className="kpis">
            <Kpi label={s.kpiTotal} value={String(figures.total)} />
            <Kpi label={s.kpiDone} value={String(figures.done)} sub={s.kpiCompletion(formatRatio(figures.completionRate))} tone="done" />
            <Kpi
              label={s.kpiOnTime}
              value={figures.onTimeRate === null ? '—' : formatRatio(figures.onTimeRate)}
              sub={figures.onTimeRate === null ? s.kpiOnTimeNone : s.kpiOnTimeHint(figures.onTimeDone, figures.dueOrDone)}
            />
            <Kpi label={s.kpiOverdue} value={String(figures.overdue)} sub={s.kpiOverdueHint(figures.overdueByOriginal)} tone={figures.overdue > 0 ? 'red' : undefined} />
            <Kpi label={s.kpiFlagged} value={String(figures.flagged)} sub={s.kpiFlaggedHint(figures.flaggedOpen)} tone={figures.flaggedOpen > 0 ? 'accent' : undefined} />
            <Kpi label={s.kpiDueSoon} value={String(figures.dueSoon)} tone={figures.dueSoon > 0 ? 'yellow' : undefined} />
            <Kpi label={s.kpiMismatch} value={String(figures.mismatches)} tone={figures.mismatches > 0 ? 'red' : undefined} />
            <Kpi label={s.kpiPendingExtension} value={String(figures.pendingExtensions)} />
          </section>
          <p className="dashboard__cycle small">
            <strong>{s.cycleLine}</strong>：{[s.cycleUnreceived(figures.unreceived), s.cycleAwaitingReply(figures.awaitingReply), s.cycleSilent(figures.reportOverdue)].join(' · ')}
          </p>

          <div className="grid grid--2">
            <div className="dashboard__col">
              <section className="card" aria-labelledby="dash-lights">
                <h2 id="dash-lights">{s.lightsTitle}</h2>
                <LightsChart lights={figures.lights} />
                <p className="small muted dashboard__rule">{s.lightsRule(ruleFigures(DEFAULT_LIGHT_RULE))}</p>
              </section>
              <section className="card" aria-labelledby="dash-months">
                <h2 id="dash-months">{s.monthsTitle}</h2>
                <MonthChart months={figures.months} currentMonth={today.startsWith(`${plan.year}-`) ? Number(today.slice(5, 7)) : null} />
                {figures.undated > 0 ? <p className="small muted">{s.monthsUndated(figures.undated)}</p> : null}
              </section>
            </div>
            <section className="card" aria-labelledby="dash-sections">
              <h2 id="dash-sections">{s.sectionsTitle}</h2>
              <p className="small muted">{s.sectionsCaption}</p>
              <SectionList sections={figures.sections} />
            </section>
          </div>

          <section className="card" aria-labelledby="dash-ranking">
            <div className="card__header">
              <h2 id="dash-ranking">{s.rankingTitle}</h2>
            </div>
            <ScoringExplanation />
            <Ranking ranking={figures.ranking} />
            {figures.unranked.length > 0 ? <p className="small muted">{s.unranked(figures.unranked.join('、'))}</p> : null}
          </section>

          <div className="grid grid--2">
            <NoticeList id="dash-honours" title={s.honourTitle} empty={s.honourEmpty} entries={figures.honours} kind="commend" />
            <NoticeList id="dash-criticisms" title={s.criticismTitle} empty={s.criticismEmpty} entries={figures.criticisms} kind="criticize" />
          </div>
        </>
      )}
    </div>
  );
}

function quarterOf(today: string): number {
  return Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
}

function Kpi({ label, value, sub, tone }: { label: string; value: string; sub?: string; tone?: 'red' | 'yellow' | 'done' | 'accent' }) {
  return (
    <div className={tone ? `kpi kpi--${tone}` : 'kpi'}>
      <p className="kpi__label">{label}</p>
      <p className="kpi__value num">{value}</p>
      {sub ? <p className="kpi__sub">{sub}</p> : null}
    </div>
  );
}

const SectionList = memo(function SectionList({ sections }: { sections: SectionProgress[] }) {
  return (
    <ul className="section-progress">
      {sections.map((sec) => {
        const ratio = sec.tasks ? sec.done / sec.tasks : 0;
        const name = `${sec.number}${sec.title}`;
        return (
          <li key={sec.sectionId ?? 'none'} className="section-progress__row">
            <div className="section-progress__head">
              <span className="section-progress__name">{name}</span>
              <span className="section-progress__meta small muted">
                {s.sectionDone(sec.done, sec.tasks)}（{s.sectionMean(formatPercent(sec.meanPercent))}）
              </span>
            </div>
            <ProgressBar ratio={ratio} label={`${name}：${s.sectionDone(sec.done, sec.tasks)}，完成率 ${formatRatio(ratio, 0)}，${s.sectionMean(formatPercent(sec.meanPercent))}`} />
            <p className="section-progress__lights small">
              {LIGHTS.filter((l) => sec.lights[l] > 0).map((l) => (
                <span key={l} className={`mini-light mini-light--${l}`}>
                  <span aria-hidden="true">{LIGHT_SHAPE[l]}</span> {LIGHT_LABEL[l]} {sec.lights[l]}
                </span>
              ))}
            </p>
          </li>
        );
      })}
    </ul>
  );
});

function ScoringExplanation() {
  return (
    <>
      {/* A closed <details> prints closed: paper gets the formula in one line instead. */}
      <p className="print-only small">
        {s.scoringTitle}：{s.scoringItems.join('；')}。{s.scoringNotes}
      </p>
      <ScoringDetails />
    </>
  );
}

function ScoringDetails() {
  return (
    <details className="disclosure scoring-help no-print">
      <summary>{s.scoringTitle}</summary>
      <p>{s.scoringIntro}</p>
      <ul>
        {s.scoringItems.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="small muted">{s.scoringNotes}</p>
    </details>
  );
}

const Ranking = memo(function Ranking({ ranking }: { ranking: UnitScore[] }) {
  const [showAll, setShowAll] = useState(false);
  if (ranking.length === 0) return <EmptyState title={s.rankingEmpty} compact />;
  const rows = showAll ? ranking : ranking.slice(0, TOP_N);
  const max = Math.max(1, ...ranking.map((r) => Math.abs(r.score)));
  return (
    <>
      <div className="table-wrap">
        <table className="table ranking">
          <caption className="visually-hidden">{s.rankingCaption}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">{s.rankCol}</th>
              <th scope="col">{s.unitCol}</th>
              <th scope="col">{s.scoreCol}</th>
              <th scope="col" className="num">{s.tasksCol}</th>
              <th scope="col" className="num">{s.doneCol}</th>
              <th scope="col" className="num">{s.onTimeCol}</th>
              <th scope="col" className="num">{s.overdueCol}</th>
              <th scope="col" className="num">{s.urgesCol}</th>
              <th scope="col" className="num">{s.criticismsCol}</th>
              <th scope="col" className="num">{s.commendsCol}</th>
              <th scope="col" className="num">{s.mismatchCol}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <RankingRow key={r.unit} r={r} max={max} />
            ))}
          </tbody>
        </table>
      </div>
      {ranking.length > TOP_N ? (
        <button type="button" className="btn btn--small no-print" aria-expanded={showAll} onClick={() => setShowAll((x) => !x)}>
          {showAll ? s.showTopUnits : s.showAllUnits(ranking.length)}
        </button>
      ) : null}
    </>
  );
});

const RankingRow = memo(function RankingRow({ r, max }: { r: UnitScore; max: number }) {
  return (
    <tr>
      <td className="num ranking__rank">{r.tied ? s.tiedRank(r.rank) : r.rank}</td>
      <th scope="row" className="ranking__unit">
        {r.unit}
      </th>
      <td className="ranking__score">
        <span className="num ranking__score-value">{r.score.toFixed(1)}</span>
        <ScoreBar score={r.score} max={max} />
      </td>
      <td className="num">{r.tasks}</td>
      <td className="num">{r.done}</td>
      <td className="num">{r.onTime}</td>
      <td className={r.overdueOpen ? 'num ranking__bad' : 'num'}>{r.overdueOpen}</td>
      <td className="num">{r.urges}</td>
      <td className={r.criticisms ? 'num ranking__bad' : 'num'}>{r.criticisms}</td>
      <td className="num">{r.commends}</td>
      <td className={r.mismatches ? 'num ranking__bad' : 'num'}>{r.mismatches}</td>
    </tr>
  );
});

const NoticeList = memo(function NoticeList({ id, title, empty, entries, kind }: { id: string; title: string; empty: string; entries: NoticeEntry[]; kind: 'commend' | 'criticize' }) {
  return (
    <section className={`card notice-board notice-board--${kind}`} aria-labelledby={id}>
      <h2 id={id}>
        <span aria-hidden="true" className="notice-board__mark">
          {kind === 'commend' ? '★' : '!'}
        </span>
        {title}
      </h2>
      {entries.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="notice-board__list">
          {entries.slice(0, 20).map((e) => (
            <li key={e.eventId}>
              <p className="notice-board__who">
                <strong>{s.noticeUnits(e.units.join('、'))}</strong>
                <span className="muted small"> · {formatDate(e.date)}</span>
              </p>
              <p className="notice-board__what">{e.taskTitle}</p>
              {e.note ? <p className="notice-board__note small">{e.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
