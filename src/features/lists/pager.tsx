/** Page navigation for long tables: a page of rows at a time keeps 1,000 tasks fast. */
import { memo } from 'react';
import { t } from '@/lib/strings';

const s = t.lists;

export interface PagerProps {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  onPage: (page: number) => void;
}

export const Pager = memo(function Pager({ page, pageCount, total, pageSize, onPage }: PagerProps) {
  if (pageCount <= 1) return null;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <nav className="pager" aria-label={s.pagerLabel}>
      <button type="button" className="btn btn--small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {s.prevPage}
      </button>
      <label className="pager__select">
        <span className="visually-hidden">{s.pageSelect}</span>
        <select className="input select" value={page} onChange={(e) => onPage(Number(e.target.value))}>
          {Array.from({ length: pageCount }, (_, i) => (
            <option key={i} value={i}>
              {s.pageOption(i + 1, pageCount)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn btn--small" disabled={page >= pageCount - 1} onClick={() => onPage(page + 1)}>
        {s.nextPage}
      </button>
      <span className="pager__range muted">{s.range(from, to, total)}</span>
    </nav>
  );
});
