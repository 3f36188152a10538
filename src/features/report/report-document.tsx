/**
 * A 督查通报 laid out as an official document: 版头, title, addressee, the body's headings,
 * paragraphs, numbered tables and chart, the closing section, signature, date and 版记. It renders
 * a BulletinContent and nothing else (src/domain/bulletin/), so an issued bulletin, whose content is
 * frozen in the archive, prints exactly as it did on the day it was issued.
 */
import { memo } from 'react';
import type { BulletinContent, DocBlock, DocCell } from '@/domain/bulletin/content';
import { href } from '@/lib/router';
import { t } from '@/lib/strings';
import { BarChart, DocEmpty, DocTable, Masthead, Record, Signoff, type Column } from './doc-parts';

const s = t.report;

export const ReportDocument = memo(function ReportDocument({ content }: { content: BulletinContent }) {
  return (
    <article className="doc-sheet" aria-labelledby="doc-title">
      <Masthead heading={content.masthead} issue={content.issue} issuer={content.issuer} date={content.dateText} />
      <h1 id="doc-title" className="doc-title">
        {content.titleLines.map((line, i) => (
          <span key={i} className="doc-title-line">
            {line}
          </span>
        ))}
      </h1>
      <p className="doc-noindent">{content.addressee}</p>
      {content.body.map((b, i) => (
        <Block key={i} block={b} />
      ))}
      {/* The last section, the signature and the date stay on one page: an official document
          never leaves its date alone on a page without body text. */}
      <div className="doc-closing">
        <h2>{content.closing.heading}</h2>
        <p>{content.closing.text}</p>
        <Signoff issuer={content.issuer} date={content.dateText} />
        <Record cc={content.record.cc} printer={content.record.printer} printed={content.record.printed} />
      </div>
    </article>
  );
});

function Block({ block }: { block: DocBlock }) {
  switch (block.type) {
    case 'heading':
      return block.level === 2 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
    case 'paragraph':
      return <p className={block.noIndent ? 'doc-noindent' : undefined}>{block.text}</p>;
    case 'note':
      return <p className="doc-note">{block.text}</p>;
    case 'empty':
      return <DocEmpty>{block.text}</DocEmpty>;
    case 'chart':
      return <BarChart id={block.id} title={block.title} label={block.label} data={block.bars} unit={block.unit} />;
    case 'table': {
      const columns: Column<DocCell[]>[] = block.columns.map((c, i) => ({
        key: c.key,
        header: c.header,
        align: c.align,
        width: c.width,
        rowHeader: c.rowHeader,
        cell: (row) => <CellView cell={row[cellIndex(row, i)]} />,
        colSpan: (row) => row[cellIndex(row, i)]?.span ?? 1,
      }));
      return (
        <DocTable caption={block.caption} columns={columns} rows={block.rows} rowKey={(_r, i) => String(i)} className={block.variant === 'kpis' ? 'doc-kpis' : undefined} />
      );
    }
  }
}

/** Which cell of a row sits under column `col` (a cell spanning columns stands for the next ones). */
function cellIndex(row: readonly DocCell[], col: number): number {
  let c = 0;
  for (let i = 0; i < row.length; i++) {
    const span = row[i]!.span ?? 1;
    if (col < c + span) return i;
    c += span;
  }
  return row.length;
}

function CellView({ cell }: { cell: DocCell | undefined }) {
  if (!cell) return null;
  if (cell.empty) return <span className="doc-empty">{cell.text}</span>;
  const main = cell.taskId ? <TaskLink id={cell.taskId} title={cell.text} /> : cell.text;
  return (
    <>
      {main}
      {cell.note ? <span className="doc-cell-note">{cell.note}</span> : null}
    </>
  );
}

/** On screen a link to the task's 督办单; on paper plain text (print.css). */
function TaskLink({ id, title }: { id: string; title: string }) {
  return (
    <a href={href(`/notice/${encodeURIComponent(id)}`)} aria-label={s.openNotice(title)}>
      {title}
    </a>
  );
}
