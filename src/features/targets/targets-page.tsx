/**
 * 目标指标: each indicator with its three tiers side by side, the actual values by quarter, and
 * progress against each tier and against the time elapsed in the year (序时进度). A masked value
 * (hidden in the speech as *) is shown as 待填写, never as 0; the office fills it in. Units see
 * the same page without edit controls.
 */
import { memo, useId, useMemo, useState, type FormEvent } from 'react';
import type { Plan } from '@/domain/model';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { ProgressBar } from '@/components/progress-bar';
import { SourceQuote } from '@/components/source-quote';
import { formatNumber, formatPercent, formatRatio } from '@/lib/format';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWrite } from '@/store/slices/signing';
import { useToday } from '@/store/selectors';
import {
  groupTargets,
  latestActual,
  paceOf,
  parseNumberInput,
  referenceTier,
  tierProgress,
  TIER_SLOTS,
  formatTierValue,
  type MetricGroup,
  type TierCell,
  type TierSlot,
} from './target-progress';
import './targets.css';

const s = t.targets;
const TIER_LABEL: Record<TierSlot, string> = { expected: s.tierExpected, working: s.tierWorking, striving: s.tierStriving, single: s.tierSingle };
const QUARTERS = [1, 2, 3, 4] as const;

export function TargetsPage() {
  const plan = useLuoshi((st) => st.plan);
  const editable = useLuoshi((st) => st.identity.kind === 'office' && selectCanWrite(st));
  const today = useToday();
  const groups = useMemo(() => groupTargets(plan), [plan]);

  const header = <PageHeader title={s.title} description={s.description} />;
  if (groups.length === 0) {
    return (
      <>
        {header}
        <EmptyState
          title={s.emptyTitle}
          action={
            editable ? (
              <a className="btn btn--primary" href="#/import">
                {s.emptyAction}
              </a>
            ) : undefined
          }
        >
          <p>{s.emptyBody}</p>
        </EmptyState>
      </>
    );
  }

  return (
    <div className="targets">
      {header}
      <p className="muted small">
        {s.metricCount(groups.length)}
        {editable ? '' : ` · ${s.readOnly}`}
      </p>
      {groups.map((g) => (
        <MetricCard key={g.key} group={g} plan={plan} today={today} editable={editable} />
      ))}
    </div>
  );
}

const MetricCard = memo(function MetricCard({ group, plan, today, editable }: { group: MetricGroup; plan: Plan; today: string; editable: boolean }) {
  const headingId = useId();
  const slots = TIER_SLOTS.filter((slot) => group.tiers[slot]);
  const latest = latestActual(group);
  const pace = paceOf(group, plan.year, today);
  const ref = referenceTier(group);
  const firstTarget = group.tiers[slots[0]!]!.target;
  return (
    <section className="card metric" aria-labelledby={headingId}>
      <div className="card__header">
        <h2 id={headingId}>
          {group.metric || '—'}
          {group.unit ? <span className="metric__unit">（{group.unit}）</span> : null}
        </h2>
        {group.recurrence ? <span className="tag tag--flag">{s.recurring[group.recurrence]}</span> : null}
      </div>

      <div className={`tiers tiers--${slots.length}`}>
        {slots.map((slot) => (
          <TierBox key={slot} slot={slot} cell={group.tiers[slot]!} unit={group.unit} actual={latest?.value ?? null} editable={editable} isReference={slot === ref} />
        ))}
      </div>

      <div className="metric__pace">
        <p className="metric__latest">
          {latest ? (
            <>
              <span className="muted">{s.latest(latest.quarter)}：</span>
              <strong className="num">
                {formatNumber(latest.value)}
                {group.unit ?? ''}
              </strong>
            </>
          ) : (
            <span className="muted">{s.noActual}</span>
          )}
        </p>
        <PaceLine pace={pace} refLabel={ref ? TIER_LABEL[ref] : ''} />
      </div>

      <ActualsTable group={group} editable={editable} />

      <details className="metric__source">
        <summary>{s.source}</summary>
        <SourceQuote quote={firstTarget.quote} source={firstTarget.source} sourceText={plan.sourceText} />
      </details>
    </section>
  );
});

function PaceLine({ pace, refLabel }: { pace: ReturnType<typeof paceOf>; refLabel: string }) {
  const elapsed = formatPercent(pace.elapsed);
  if (pace.verdict === 'rate') return <p className="small muted">{s.pace(elapsed)}。{s.paceRate}</p>;
  if (pace.verdict === 'atMost') return <p className="small muted">{s.pace(elapsed)}。{s.paceAtMost}</p>;
  if (pace.verdict === 'none' || pace.progress === null) return <p className="small muted">{s.pace(elapsed)}</p>;
  const ahead = pace.verdict === 'ahead';
  return (
    <div className="pace">
      <ProgressBar
        ratio={pace.progress / 100}
        label={`${s.ofTier(refLabel, formatPercent(pace.progress))}，${s.pace(elapsed)}，${ahead ? s.paceAhead : s.paceBehind}`}
        marker={{ ratio: pace.elapsed / 100, label: s.pace(elapsed) }}
      />
      <p className="small">
        {s.ofTier(refLabel, formatPercent(pace.progress))} · {s.pace(elapsed)} ·{' '}
        <strong className={ahead ? 'pace__ok' : 'pace__bad'}>
          <span aria-hidden="true">{ahead ? '▲ ' : '▼ '}</span>
          {ahead ? s.paceAhead : s.paceBehind}
        </strong>
      </p>
    </div>
  );
}

function TierBox({ slot, cell, unit, actual, editable, isReference }: { slot: TierSlot; cell: TierCell; unit: string | null; actual: number | null; editable: boolean; isReference: boolean }) {
  const shown = formatTierValue(cell, (n) => formatNumber(n));
  const comparator = cell.comparator ? s.comparators[cell.comparator] : '';
  const progress = tierProgress(actual, cell);
  return (
    <div className={isReference ? 'tier tier--reference' : 'tier'}>
      <p className="tier__label">{TIER_LABEL[slot]}</p>
      {shown !== null ? (
        <p className="tier__value">
          <span className="num">{shown}</span>
          {unit ? <span className="tier__unit">{unit}</span> : null}
          {comparator ? <span className="tier__cmp">{comparator}</span> : null}
        </p>
      ) : (
        <p className="tier__value tier__value--pending">
          <span className="tier__pending">{s.masked}</span>
          {comparator ? <span className="tier__cmp">{comparator}</span> : null}
        </p>
      )}
      {cell.masked && shown === null ? <p className="tier__hint small muted">{s.maskedHint}</p> : null}
      {editable && cell.masked ? <MaskedValueForm cell={cell} tierLabel={TIER_LABEL[slot]} /> : null}
      {actual !== null && cell.value !== null ? (
        <p className="tier__progress small">
          {progress.met ? <span className="tier__met">✓ {s.tierMet}</span> : <span className="tier__unmet">✗ {s.tierNotMet}</span>}
          {progress.ratio !== null ? <span className="muted"> · {s.ofTierShort(formatRatio(progress.ratio, 0))}</span> : null}
        </p>
      ) : actual !== null ? (
        <p className="tier__progress small muted">{s.tierNoValue}</p>
      ) : null}
    </div>
  );
}

/** The office fills in (or corrects) a value the speech masked. */
function MaskedValueForm({ cell, tierLabel }: { cell: TierCell; tierLabel: string }) {
  const setTargetValue = useLuoshi((st) => st.setTargetValue);
  const notify = useLuoshi((st) => st.notify);
  const [raw, setRaw] = useState(cell.value === null ? '' : String(cell.value));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = parseNumberInput(raw);
    if (v === undefined) {
      setError(s.actualInvalid);
      return;
    }
    setError(null);
    setTargetValue(cell.target.id, v);
    notify('success', s.valueSaved);
  };
  return (
    <form className="tier__form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {s.fillValue(tierLabel)}
      </label>
      <input
        id={id}
        className="input tier__input"
        inputMode="decimal"
        value={raw}
        placeholder={s.masked}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => setRaw(e.target.value)}
      />
      <button type="submit" className="btn btn--small">
        {s.saveValue}
      </button>
      {error ? (
        <p id={`${id}-err`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ActualsTable({ group, editable }: { group: MetricGroup; editable: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table actuals">
        <caption>{s.actualsTitle}</caption>
        <thead>
          <tr>
            {QUARTERS.map((q) => (
              <th key={q} scope="col">
                {s.quarter(q)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {QUARTERS.map((q) =>
              editable ? (
                <td key={q}>
                  <ActualInput group={group} quarter={q} />
                </td>
              ) : (
                <td key={q} className="num">
                  {group.actuals[q - 1] === null ? <span className="muted">{s.notReported}</span> : `${formatNumber(group.actuals[q - 1])}${group.unit ?? ''}`}
                </td>
              ),
            )}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Saves on Enter or when focus leaves, only if the value changed; a bad entry is explained, not saved. */
function ActualInput({ group, quarter }: { group: MetricGroup; quarter: 1 | 2 | 3 | 4 }) {
  const setTargetActual = useLuoshi((st) => st.setTargetActual);
  const notify = useLuoshi((st) => st.notify);
  const stored = group.actuals[quarter - 1] ?? null;
  const [raw, setRaw] = useState(stored === null ? '' : String(stored));
  const [prevStored, setPrevStored] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Follow the store when the value changes elsewhere (undo, another tab, an import).
  if (stored !== prevStored) {
    setPrevStored(stored);
    setRaw(stored === null ? '' : String(stored));
  }
  const commit = () => {
    const v = parseNumberInput(raw);
    if (v === undefined) {
      setError(s.actualInvalid);
      return;
    }
    setError(null);
    if (v === stored) return;
    setTargetActual(group.actualIds[quarter - 1] ?? group.primaryId, quarter, v);
    notify('success', s.actualSaved(quarter));
  };
  return (
    <div className="actual">
      <label htmlFor={id} className="visually-hidden">
        {s.actualLabel(group.metric, quarter)}
      </label>
      <div className="actual__row">
        <input
          id={id}
          className="input actual__input"
          inputMode="decimal"
          value={raw}
          placeholder={s.notReported}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => setRaw(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
        {group.unit ? <span className="actual__unit">{group.unit}</span> : null}
      </div>
      {error ? (
        <p id={`${id}-err`} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
