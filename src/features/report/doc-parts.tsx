/**
 * Building blocks of a printed official document (公文 look, GB/T 9704-2012): the red 版头, the
 * signature and date, numbered tables with repeated headers, and charts drawn in black, white and
 * patterns so they survive a black-and-white copier. Styles: src/styles/print.css.
 */
import type { ReactNode } from 'react';
import { t } from '@/lib/strings';

/** 版头: a red heading (e.g. 督查通报), an issue line, then issuer and date over a red rule. */
export function Masthead({ heading, issue, issuer, date }: { heading: string; issue?: string; issuer: string; date: string }) {
  return (
    <div className="doc-head">
      <p className="doc-masthead">{heading}</p>
      {issue ? <p className="doc-issue">{issue}</p> : null}
      <div className="doc-issue-row">
        <span>{issuer}</span>
        <span>{date}</span>
      </div>
      <hr className="doc-rule" />
    </div>
  );
}

/** The issuing office and the date, right-aligned four characters in from the right. */
export function Signoff({ issuer, date }: { issuer: string; date: string }) {
  return (
    <div className="doc-signoff">
      <p>{issuer}</p>
      <p>{date}</p>
    </div>
  );
}

/** 版记: copies to, then the printing office and date, between black rules. */
export function Record({ cc, printer, printed }: { cc: string; printer: string; printed: string }) {
  return (
    <div className="doc-record">
      <p className="doc-record-cc">{cc}</p>
      <p className="doc-record-print">
        <span>{printer}</span>
        <span>{printed}</span>
      </p>
    </div>
  );
}

export interface Column<Row> {
  key: string;
  header: string;
  cell: (row: Row, index: number) => ReactNode;
  /** 'num' right-aligns figures; 'center' for short codes and dates. */
  align?: 'num' | 'center';
  /** A width hint in the print (e.g. '3em', '18%'). */
  width?: string;
  /** This column names the row (a <th scope="row">). */
  rowHeader?: boolean;
  /** Spans this many columns in a row (the next ones are skipped for that row). */
  colSpan?: (row: Row) => number;
}

/** Tables up to this many rows are kept on one page (a caption and header alone at the foot of a
 * page, or a one-row table split in two, reads badly); longer ones break between rows. */
const KEEP_WHOLE_ROWS = 6;

/** A numbered table of the document: caption above, header repeated on every printed page. */
export function DocTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  className,
}: {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  className?: string;
}) {
  return (
    <div className={rows.length <= KEEP_WHOLE_ROWS ? 'doc-table-wrap doc-keep' : 'doc-table-wrap'}>
      <table className={className ? `doc-table ${className}` : 'doc-table'}>
        <caption>{caption}</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.align === 'num' ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {cellsOf(columns, row).map(({ c, span }) =>
                c.rowHeader ? (
                  <th key={c.key} scope="row" className={c.align} colSpan={span > 1 ? span : undefined}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td key={c.key} className={c.align} colSpan={span > 1 ? span : undefined}>
                    {c.cell(row, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellsOf<Row>(columns: Column<Row>[], row: Row): { c: Column<Row>; span: number }[] {
  const out: { c: Column<Row>; span: number }[] = [];
  for (let i = 0; i < columns.length; ) {
    const c = columns[i]!;
    const span = Math.max(1, Math.min(columns.length - i, c.colSpan?.(row) ?? 1));
    out.push({ c, span });
    i += span;
  }
  return out;
}

/** A line of text in 楷体 saying a section has nothing to list. */
export function DocEmpty({ children }: { children: ReactNode }) {
  return <p className="doc-empty">{children}</p>;
}

export interface BarDatum {
  label: string;
  value: number;
  /** 'solid' | 'hatch' | 'dots' | 'open': fills told apart without colour. */
  fill: 'solid' | 'hatch' | 'dots' | 'open';
}

/**
 * Horizontal bars with the figure written at the end of each bar: black, greys and patterns
 * only, so the chart means the same on a colour printer, a grey one and a copier.
 */
export function BarChart({ id, title, label, data, unit = '项' }: { id: string; title: string; label: string; data: readonly BarDatum[]; unit?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowH = 34;
  const labelW = 150;
  const barMax = 560;
  const H = data.length * rowH + 8;
  const W = labelW + barMax + 90;
  return (
    <figure className="doc-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <defs>
          <pattern id={`${id}-hatch`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="8" height="8" fill="#fff" />
            <rect width="3.5" height="8" fill="#000" />
          </pattern>
          <pattern id={`${id}-dots`} width="7" height="7" patternUnits="userSpaceOnUse">
            <rect width="7" height="7" fill="#fff" />
            <circle cx="3.5" cy="3.5" r="1.5" fill="#000" />
          </pattern>
        </defs>
        {data.map((d, i) => {
          const y = 4 + i * rowH;
          const w = (d.value / max) * barMax;
          const fill = d.fill === 'solid' ? '#000' : d.fill === 'open' ? '#fff' : `url(#${id}-${d.fill})`;
          return (
            <g key={d.label}>
              <text x={labelW - 12} y={y + rowH / 2 + 7} textAnchor="end" fontSize="20">
                {d.label}
              </text>
              <rect x={labelW} y={y + 5} width={Math.max(w, 1.5)} height={rowH - 10} fill={fill} stroke="#000" strokeWidth="1.2" />
              <text x={labelW + Math.max(w, 1.5) + 10} y={y + rowH / 2 + 7} fontSize="20">
                {`${d.value}${unit}`}
              </text>
            </g>
          );
        })}
        <line x1={labelW} y1="0" x2={labelW} y2={H} stroke="#000" strokeWidth="1.2" />
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** The 打印 button: the browser's own print (Save as PDF included). */
export function PrintButton() {
  return (
    <button type="button" className="btn btn--primary" onClick={() => window.print()}>
      {t.report.print}
    </button>
  );
}
