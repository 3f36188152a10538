/**
 * Charts a leader reads at a glance and that survive grey printing: every segment carries its
 * number, each light has its own fill pattern and shape, and a legend repeats the figures as text.
 */
import { memo, useId } from 'react';
import { LIGHTS, type Light } from '@/domain/lights';
import { LIGHT_LABEL, LIGHT_SHAPE } from '@/components/light-badge';
import type { MonthBucket } from '@/domain/dashboard';
import { formatRatio } from '@/lib/format';
import { t } from '@/lib/strings';

/** SVG pattern fills: colour on screen, distinct textures in grey. */
function LightPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-red`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#c62828" />
      </pattern>
      <pattern id={`${prefix}-yellow`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" fill="#f2b200" />
        <rect width="3" height="8" fill="#8a5a00" opacity="0.55" />
      </pattern>
      <pattern id={`${prefix}-green`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#2e8b47" />
        <circle cx="4" cy="4" r="1.6" fill="#ffffff" opacity="0.75" />
      </pattern>
      <pattern id={`${prefix}-done`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#dfe3e8" />
        <path d="M0 4h8" stroke="#5b6672" strokeWidth="1" />
      </pattern>
    </defs>
  );
}

const TEXT_ON: Record<Light, string> = { red: '#ffffff', yellow: '#1f2328', green: '#ffffff', done: '#1f2328' };

export const LightsChart = memo(function LightsChart({ lights }: { lights: Record<Light, number> }) {
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const total = LIGHTS.reduce((n, l) => n + lights[l], 0);
  const W = 1000;
  const H = 56;
  let x = 0;
  const parts = LIGHTS.map((l) => `${LIGHT_LABEL[l]} ${lights[l]} 项`).join('，');
  return (
    <div className="lights-chart">
      <svg className="lights-chart__bar" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={t.dashboard.lightsChartLabel(parts)}>
        <LightPatterns prefix={prefix} />
        <rect x="0" y="0" width={W} height={H} fill="#f0f2f4" />
        {total > 0
          ? LIGHTS.map((l) => {
              const w = (lights[l] / total) * W;
              const seg = (
                <g key={l}>
                  <rect x={x} y="0" width={w} height={H} fill={`url(#${prefix}-${l})`} stroke="#ffffff" strokeWidth="2" />
                </g>
              );
              x += w;
              return seg;
            })
          : null}
      </svg>
      {/* Numbers on the segments as HTML (SVG text would stretch with preserveAspectRatio="none"). */}
      <div className="lights-chart__labels" aria-hidden="true">
        {total > 0
          ? LIGHTS.map((l) =>
              lights[l] > 0 ? (
                <span key={l} className={`lights-chart__seg lights-chart__seg--${l}`} style={{ flexGrow: lights[l], color: TEXT_ON[l] }}>
                  {lights[l] / total >= 0.06 ? `${LIGHT_SHAPE[l]} ${lights[l]}` : ''}
                </span>
              ) : null,
            )
          : null}
      </div>
      <ul className="lights-legend">
        {LIGHTS.map((l) => (
          <li key={l} className={`lights-legend__item lights-legend__item--${l}`}>
            <svg width="22" height="16" aria-hidden="true" className="lights-legend__swatch">
              <LightPatterns prefix={`${prefix}-lg-${l}`} />
              <rect width="22" height="16" rx="3" fill={`url(#${prefix}-lg-${l}-${l})`} stroke="#57606a" />
            </svg>
            <span className="lights-legend__shape" aria-hidden="true">
              {LIGHT_SHAPE[l]}
            </span>
            <span className="lights-legend__label">{LIGHT_LABEL[l]}</span>
            <strong className="lights-legend__count num">{lights[l]}</strong>
            <span className="lights-legend__pct num muted">{total ? formatRatio(lights[l] / total) : '—'}</span>
          </li>
        ))}
      </ul>
    </div>
  );
});

/**
 * A diverging bar for the ranking score: right of the axis for positive, left for negative,
 * scaled to the largest absolute score shown, with the value printed.
 */
export const ScoreBar = memo(function ScoreBar({ score, max }: { score: number; max: number }) {
  const span = max > 0 ? Math.min(1, Math.abs(score) / max) : 0;
  const half = 50 * span;
  return (
    <div className="sbar" aria-hidden="true">
      <div className="sbar__track">
        <div className="sbar__axis" />
        <div className={score >= 0 ? 'sbar__fill sbar__fill--pos' : 'sbar__fill sbar__fill--neg'} style={score >= 0 ? { left: '50%', width: `${half}%` } : { right: '50%', width: `${half}%` }} />
      </div>
    </div>
  );
});

/**
 * Tasks by month of their original due date: a column per month, the done part solid dark, the
 * overdue part hatched, the rest outlined; the count printed above each column.
 */
export const MonthChart = memo(function MonthChart({ months, currentMonth }: { months: MonthBucket[]; currentMonth: number | null }) {
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const W = 600;
  const H = 200;
  const top = 22;
  const bottom = 24;
  const plotH = H - top - bottom;
  const colW = W / 12;
  const barW = colW * 0.62;
  const max = Math.max(1, ...months.map((m) => m.due));
  const summary = months
    .filter((m) => m.due > 0)
    .map((m) => t.dashboard.monthSummary(m.month, m.due, m.done, m.overdue))
    .join('；');
  return (
    <div className="month-chart">
      <svg viewBox={`0 0 ${W} ${H}`} className="month-chart__svg" role="img" aria-label={`${t.dashboard.monthsTitle}：${summary || t.dashboard.monthsEmpty}`}>
        <defs>
          <pattern id={`${prefix}-hatch`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fdecea" />
            <rect width="2.5" height="6" fill="#c62828" />
          </pattern>
        </defs>
        <line x1="0" x2={W} y1={H - bottom} y2={H - bottom} stroke="#8c959f" />
        {months.map((m, i) => {
          const x = i * colW + (colW - barW) / 2;
          const h = (m.due / max) * plotH;
          const hDone = (m.done / max) * plotH;
          const hOver = (m.overdue / max) * plotH;
          const y0 = H - bottom;
          const isNow = currentMonth === m.month;
          return (
            <g key={m.month}>
              {m.due > 0 ? (
                <>
                  <rect x={x} y={y0 - h} width={barW} height={h} fill="#ffffff" stroke="#57606a" strokeWidth="1" />
                  {hDone > 0 ? <rect x={x} y={y0 - hDone} width={barW} height={hDone} fill="#3d4a57" /> : null}
                  {hOver > 0 ? <rect x={x} y={y0 - hDone - hOver} width={barW} height={hOver} fill={`url(#${prefix}-hatch)`} stroke="#c62828" strokeWidth="1" /> : null}
                  <text x={x + barW / 2} y={y0 - h - 5} textAnchor="middle" fontSize="13" fontWeight="700" fill="#1f2328">
                    {m.due}
                  </text>
                </>
              ) : null}
              <text x={i * colW + colW / 2} y={H - 7} textAnchor="middle" fontSize="12" fill={isNow ? '#b71c1c' : '#57606a'} fontWeight={isNow ? 700 : 400}>
                {m.month}月
              </text>
              {isNow ? <line x1={i * colW + colW * 0.2} x2={i * colW + colW * 0.8} y1={H - 2} y2={H - 2} stroke="#b71c1c" strokeWidth="2" /> : null}
            </g>
          );
        })}
      </svg>
      <ul className="month-legend small">
        <li>
          <span className="month-legend__swatch month-legend__swatch--done" aria-hidden="true" />
          {t.dashboard.monthsDone}
        </li>
        <li>
          <span className="month-legend__swatch month-legend__swatch--overdue" aria-hidden="true" />
          {t.dashboard.monthsOverdue}
        </li>
        <li>
          <span className="month-legend__swatch month-legend__swatch--open" aria-hidden="true" />
          {t.dashboard.monthsOpen}
        </li>
      </ul>
    </div>
  );
});
